package io.troupe.gateway.adviser;

import io.troupe.adviser.AdviceEndpoint;
import io.troupe.adviser.AdviserSettings;
import io.troupe.model.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.Authorization;
import org.apache.pekko.http.javadsl.model.headers.HttpCredentials;
import org.apache.pekko.http.javadsl.settings.ClientConnectionSettings;
import org.apache.pekko.http.javadsl.settings.ConnectionPoolSettings;
import org.apache.pekko.stream.Materializer;

/**
 * An OpenAI-compatible chat-completion endpoint over Pekko HTTP: {@code POST url/chat/completions} with the JSON body
 * the adviser built, the key (if any) as a bearer token read from the environment variable the endpoint names. What
 * vLLM, llama.cpp's server and the hosted APIs speak. The key is held here only: no message, exception or
 * {@link #toString()} shows it.
 */
public final class ChatCompletionClient implements AdviceEndpoint {

  private final Http http;
  private final Materializer materializer;
  private final String name;
  private final String uri;
  private final String key;
  private final long timeoutMillis;
  private final ConnectionPoolSettings pool;
  private final org.apache.pekko.event.LoggingAdapter log;

  ChatCompletionClient(ClassicActorSystemProvider system, AdviserSettings.Endpoint spec, String key, Duration timeout) {
    this.http = Http.get(system);
    this.materializer = Materializer.matFromSystem(system);
    this.name = spec.name();
    this.uri = spec.url().replaceAll("/+$", "") + "/chat/completions";
    this.key = key;
    this.timeoutMillis = timeout.toMillis();
    // A request the adviser stopped waiting for must not hold its connection: a slow model would otherwise fill the
    // host's pool (shared by every endpoint on one server) and starve the next steps. A connection idle for the whole
    // timeout is closed, and the pool is wider than the default 4.
    org.apache.pekko.actor.ActorSystem classic = system.classicSystem();
    this.pool = ConnectionPoolSettings.create(classic).withMaxConnections(32).withMaxOpenRequests(64)
        .withConnectionSettings(ClientConnectionSettings.create(classic).withIdleTimeout(timeout));
    this.log = classic.log();
  }

  /**
   * The factory the runners give the adviser: each endpoint's key from {@code env}, each request bounded by
   * {@code timeout} (set it past the adviser's deadline: the adviser decides when an answer is too late, the bound frees
   * the connection).
   */
  public static AdviceEndpoint.Factory factory(Map<String, String> env, Duration timeout) {
    return (system, spec) -> new ChatCompletionClient(system, spec, key(spec, env), timeout);
  }

  /**
   * Checks before a run that every endpoint's key variable is set (bad input, naming the variable, never its value):
   * the adviser opens its endpoints inside the run, where an error would be too late to be a usage error.
   */
  public static void checkKeys(AdviserSettings settings, Map<String, String> env) {
    if (settings.cacheOnly()) return;
    for (AdviserSettings.Endpoint e : settings.endpoints()) key(e, env);
  }

  private static String key(AdviserSettings.Endpoint spec, Map<String, String> env) {
    if (spec.keyEnv() == null || spec.keyEnv().isBlank()) return null;
    String k = env.get(spec.keyEnv());
    if (k == null || k.isBlank()) {
      throw new InvalidInputException("troupe.adviser.endpoints: endpoint " + spec.name() + " reads its key from " + spec.keyEnv() + ", which is not set");
    }
    return k.strip();
  }

  @Override
  public CompletionStage<String> complete(String requestBody) {
    HttpRequest request = HttpRequest.POST(uri).withEntity(ContentTypes.APPLICATION_JSON, requestBody);
    if (key != null) request = request.addHeader(Authorization.create(HttpCredentials.createOAuth2BearerToken(key)));
    return http.singleRequest(request, http.defaultClientHttpsContext(), pool, log)
        .thenCompose(response -> response.entity().toStrict(timeoutMillis, materializer).thenApply(strict -> {
          int status = response.status().intValue();
          // The body of a refusal may echo the request's headers: only the status is told.
          if (status < 200 || status >= 300) throw new IllegalStateException("endpoint " + name + " answered HTTP " + status);
          return strict.getData().utf8String();
        }))
        .toCompletableFuture()
        .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .exceptionally(t -> {
          Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
          if (c instanceof IllegalStateException && c.getMessage() != null && c.getMessage().startsWith("endpoint ")) throw (IllegalStateException) c;
          // Transport failures name the endpoint and the kind of failure; their own text may carry the request.
          throw new IllegalStateException("endpoint " + name + ": " + (c instanceof java.util.concurrent.TimeoutException ? "timed out" : c.getClass().getSimpleName()));
        });
  }

  @Override
  public String toString() {
    return "ChatCompletionClient[" + name + " " + uri + ", key " + (key == null ? "none" : "hidden") + "]";
  }
}
