package io.troupe.adviser;

import io.troupe.persistence.CborSerializable;

/**
 * One endpoint's verdict on one entry: {@code opinion} approve, veto or none; {@code confidence} in [0, 1] (NaN with
 * no opinion); a short {@code reason} (for no opinion: why); and how it came ({@code outcome}).
 */
public record AdviceVerdict(String endpoint, Opinion opinion, double confidence, String reason, Outcome outcome) implements CborSerializable {

  public enum Opinion { APPROVE, VETO, NONE }

  /**
   * How a verdict came: answered by the endpoint, or read from the cache; or no opinion because the endpoint did not
   * answer in time, failed (a connection refused, a status other than 2xx), answered something that is not the
   * verdict asked for, or (cache only) the prompt was not in the cache.
   */
  public enum Outcome {
    ANSWERED, CACHED, TIMEOUT, ERROR, MALFORMED, NOT_CACHED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static AdviceVerdict none(String endpoint, Outcome outcome, String why) {
    return new AdviceVerdict(endpoint, Opinion.NONE, Double.NaN, why, outcome);
  }

  /** The same verdict as read back from a cache. */
  public AdviceVerdict cached() {
    return new AdviceVerdict(endpoint, opinion, confidence, reason, Outcome.CACHED);
  }
}
