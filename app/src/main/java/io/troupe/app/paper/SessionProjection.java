package io.troupe.app.paper;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What a paper session keeps current beside its journal while it runs: the read side's query tables. The session only
 * starts it, waits for it to catch up at the end, and stops it; the composition root says which one (the read side
 * projects the session's events, so it sits above this package).
 */
public interface SessionProjection {

  /** Completes with the journal offset once the projection has caught up with everything the session journaled. */
  CompletionStage<Long> caughtUp();

  /** Stops it, ignoring failures (the session is ending anyway). */
  void stopQuietly();

  /** Starts a projection in the session's actor system. */
  @FunctionalInterface
  interface Starter {
    SessionProjection start(ActorSystem<?> system) throws java.sql.SQLException;
  }
}
