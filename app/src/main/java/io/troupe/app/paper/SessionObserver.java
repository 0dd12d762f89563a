package io.troupe.app.paper;

import io.troupe.node.NodeCommand.Agents;
import io.troupe.node.NodeCommand.StepAck;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What a running paper session tells those who watch it from outside the trading path (the HTTP API, metrics,
 * alerts). Called on the runner's thread between steps, so an observer must not block: it copies what it needs and
 * returns. Observers see; they never decide.
 */
public interface SessionObserver {

  /** The session as an observer may query it once it is live: its actor system and the account group's agents. */
  /** {@code lastStepTime}: the event time of the last completed step, Long.MIN_VALUE when none is. */
  record Live(String sessionId, ActorSystem<?> system, Agents agents, long completedSteps, long lastStepTime, long totalSteps, Instant startedAt) {}

  /** Replay and reconciliation are done; live steps follow. */
  default void live(Live session) {}

  /** A live step ended: {@code stepNanos} is the wall time from its bars in to its orders out. */
  default void stepCompleted(long step, long totalSteps, StepAck ack, long stepNanos) {}

  /** {@code events} were made durable in the journal, taking {@code nanos} of wall time. */
  default void journalWritten(int events, long nanos) {}

  /** The session ran its last step, or stopped before it ({@code completedSteps} are durable). */
  default void ended(long completedSteps, long totalSteps) {}

  /**
   * A resume rebuilt the books to {@code step} and reconciled them with the journal; non-empty {@code differences} stop
   * the session next (an observer may take a bounded moment to tell someone before it does).
   */
  default void reconciled(long step, List<String> differences) {}

  /** The journal refused a write at {@code step}; the session ends next (as for {@link #reconciled}, a bounded moment). */
  default void journalFailed(long step, String cause) {}

  /**
   * The connection to the journal was lost at {@code since} (wall clock): no step runs while it is retried. Not a
   * trading state: the risk supervisor's state is left as it is, so the run is the same whether or not it happened.
   */
  default void journalConnectionLost(Instant since) {}

  /** The journal is back after a lost connection; steps run again. */
  default void journalConnectionRestored() {}

  SessionObserver NONE = new SessionObserver() {};

  /** One observer telling each of {@code observers}, in order. */
  static SessionObserver all(List<SessionObserver> observers) {
    List<SessionObserver> each = List.copyOf(observers);
    if (each.isEmpty()) return NONE;
    if (each.size() == 1) return each.get(0);
    return new SessionObserver() {
      @Override
      public void live(Live session) {
        for (SessionObserver o : each) o.live(session);
      }

      @Override
      public void stepCompleted(long step, long totalSteps, StepAck ack, long stepNanos) {
        for (SessionObserver o : each) o.stepCompleted(step, totalSteps, ack, stepNanos);
      }

      @Override
      public void journalWritten(int events, long nanos) {
        for (SessionObserver o : each) o.journalWritten(events, nanos);
      }

      @Override
      public void ended(long completedSteps, long totalSteps) {
        for (SessionObserver o : each) o.ended(completedSteps, totalSteps);
      }

      @Override
      public void reconciled(long step, List<String> differences) {
        for (SessionObserver o : each) o.reconciled(step, differences);
      }

      @Override
      public void journalFailed(long step, String cause) {
        for (SessionObserver o : each) o.journalFailed(step, cause);
      }

      @Override
      public void journalConnectionLost(Instant since) {
        for (SessionObserver o : each) o.journalConnectionLost(since);
      }

      @Override
      public void journalConnectionRestored() {
        for (SessionObserver o : each) o.journalConnectionRestored();
      }
    };
  }
}
