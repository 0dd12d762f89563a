package io.troupe.adviser;

import io.troupe.model.InvalidInputException;
import java.time.Duration;
import java.util.List;

/**
 * How the LLM adviser reviews entries ({@code troupe.adviser.*}): the chat-completion endpoints it asks, how many
 * vetoes it takes ({@code quorum}) and what they do ({@code action}: veto the entry, or scale it by {@code scale}),
 * the least confidence a verdict needs to count, and how long a step waits for the answers.
 *
 * @param cacheOnly answer from the cache alone: a prompt not in it gets no opinion ({@code not_cached}), no endpoint is
 *     asked (a rerun that must cost nothing and reach nothing)
 * @param recordFailures a timeout, an error or a malformed answer is cached too (a backtest: its rerun is then
 *     identical whatever the endpoints do meanwhile); a paper session asks again next time
 */
public record AdviserSettings(
    List<Endpoint> endpoints, int quorum, Action action, double scale, double minConfidence, Duration timeout, boolean cacheOnly,
    boolean recordFailures) {

  /** What a quorum of vetoes does to an entry. */
  public enum Action { VETO, SCALE }

  /**
   * One OpenAI-compatible endpoint: {@code url} is its base ({@code http://host:port/v1}; the request goes to
   * {@code url + "/chat/completions"}); {@code keyEnv} names the environment variable holding its API key (empty: no
   * key sent). The key itself is read when the endpoint is opened and is never kept in settings, logs or outputs.
   */
  public record Endpoint(String name, String url, String model, String keyEnv, int maxTokens) {}

  public AdviserSettings {
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) throw new InvalidInputException("troupe.adviser.endpoints: the adviser is on but names no endpoint");
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Endpoint e : endpoints) {
      if (!names.add(e.name())) throw new InvalidInputException("troupe.adviser.endpoints: two endpoints are named " + e.name());
    }
    if (quorum < 1 || quorum > endpoints.size()) {
      throw new InvalidInputException("troupe.adviser.quorum must be between 1 and the number of endpoints (" + endpoints.size() + "), got " + quorum);
    }
    if (!(scale > 0 && scale < 1)) throw new InvalidInputException("troupe.adviser.scale must be above 0 and below 1, got " + scale);
    if (!(minConfidence >= 0 && minConfidence <= 1)) {
      throw new InvalidInputException("troupe.adviser.min-confidence must be between 0 and 1, got " + minConfidence);
    }
    if (timeout.isNegative() || timeout.isZero()) throw new InvalidInputException("troupe.adviser.timeout must be positive, got " + timeout);
  }
}
