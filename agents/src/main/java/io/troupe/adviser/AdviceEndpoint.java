package io.troupe.adviser;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * One chat-completion endpoint, asynchronous: the adviser actor never blocks on it. The HTTP client lives in the
 * gateway; tests pass their own.
 */
public interface AdviceEndpoint {

  /**
   * Posts one request body; completes with the body of a 2xx answer, or fails with a message that never holds the
   * endpoint's key.
   */
  CompletionStage<String> complete(String requestBody);

  /** Opens the endpoint {@code spec} on {@code system} (reads its key from the environment there). */
  interface Factory {
    AdviceEndpoint open(ActorSystem<?> system, AdviserSettings.Endpoint spec);
  }
}
