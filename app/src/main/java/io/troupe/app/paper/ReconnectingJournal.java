package io.troupe.app.paper;

import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.model.InvalidInputException;
import io.troupe.risk.RiskCommand;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The runner's handle on its session journal ({@link SessionWriter}): every call waits until the journal has taken
 * the write, within a bound, and a fault ends the session in one line ({@link PaperFailure}, or
 * {@link InvalidInputException} for a journal that does not read back), except a lost connection: that is retried
 * with backoff for {@link ReconnectPolicy#maxTime()}. Nothing is lost or written twice across a reconnect: the fresh
 * incarnation recovers to the last durable event, and the write whose answer was lost is written again only if its
 * events are not there (found by sequence number). Meanwhile the runner starts no step.
 */
public final class ReconnectingJournal {

  /** Checks, after a reconnect, that this process still holds the session's lease (taking it again if the connection that held it was lost). */
  @FunctionalInterface
  public interface Lease {
    /** @throws SQLException the database is still out of reach (retried) */
    void ensureHeld() throws SQLException;

    Lease NONE = () -> {};
  }

  private final ActorSystem<?> system;
  private final ActorRef<SessionWriter.Command> writer;
  private final String session;
  /** Where the journal is, as messages name it: the H2 file, or the database (password masked). */
  private final String where;
  private final ReconnectPolicy policy;
  private final Lease lease;
  private final JournalConnectionListener listener;
  private final Duration writeTimeout;
  private final Duration recoveryTimeout;
  /** H2's own trace file beside the journal, which says why the database closed itself; null on PostgreSQL. */
  private final java.nio.file.Path h2Trace;
  /** The recovery mode of the running incarnation, kept across reconnects. */
  private boolean fromSnapshot = true;

  public ReconnectingJournal(ActorSystem<?> system, ActorRef<SessionWriter.Command> writer, String session, String where, ReconnectPolicy policy,
      Lease lease, JournalConnectionListener listener, Duration writeTimeout, Duration recoveryTimeout, java.nio.file.Path h2Trace) {
    this.system = system;
    this.writer = writer;
    this.session = session;
    this.where = where;
    this.policy = policy;
    this.lease = lease;
    this.listener = listener;
    this.writeTimeout = writeTimeout;
    this.recoveryTimeout = recoveryTimeout;
    this.h2Trace = h2Trace;
  }

  /**
   * Starts an incarnation (stopping the one running) recovered from the latest snapshot and the events after it, or
   * ({@code fromSnapshot} false) from the events alone.
   */
  public SessionJournal recover(boolean fromSnapshot) {
    this.fromSnapshot = fromSnapshot;
    SessionWriter.Recovery r = ask(replyTo -> new SessionWriter.Recover(fromSnapshot, replyTo), recoveryTimeout, "recovering the journal");
    if (r instanceof SessionWriter.Recovered ok) return ok.journal();
    JournalFault fault = ((SessionWriter.RecoveryFailed) r).fault();
    if (fault.kind() == JournalFault.Kind.CONNECTION_LOST) return reconnect(fault).journal();
    throw unreadable(fault);
  }

  /** Persists {@code events} atomically and returns once they are durable. */
  public void record(List<PaperEvent> events) {
    write(events, null);
  }

  /** Persists {@code events}, the last a {@link PaperEvent.Checkpointed} naming {@code agents}, with the snapshot that holds them. */
  public void recordCheckpoint(List<PaperEvent> events, NodeCheckpoint agents) {
    write(events, agents);
  }

  public void followTradingState(ActorRef<RiskCommand> risk) {
    writer.tell(new SessionWriter.FollowTradingState(risk));
  }

  /** Stops the incarnation; it persists nothing after. */
  public void stop() {
    PaperRunner.<SessionWriter.Command, Done>ask(system, writer, SessionWriter.Stop::new, writeTimeout);
  }

  private void write(List<PaperEvent> events, NodeCheckpoint agents) {
    SessionWriter.WriteResult r = ask(replyTo -> new SessionWriter.Write(events, agents, replyTo), writeTimeout, "a write of " + what(events));
    if (r instanceof SessionWriter.Written) return;
    SessionWriter.WriteFailed failed = (SessionWriter.WriteFailed) r;
    JournalFault fault = failed.fault().diagnosed(h2Trace);
    switch (fault.kind()) {
      case CONNECTION_LOST -> {
        long at = reconnect(fault).sequenceNr();
        PaperSession.Writing a = failed.attempted();
        if (a == null || at == a.firstSequenceNr() - 1) {
          write(events, agents); // it never landed: written now, once
        } else if (at != a.lastSequenceNr()) {
          throw new PaperFailure("paper: session '" + session + "': after the reconnect the journal ends at event " + at + ", but this session's last"
              + " write was events " + a.firstSequenceNr() + " to " + a.lastSequenceNr() + ": someone else wrote to it (" + where + "); stopped");
        }
        // else it landed before the answer was lost: nothing to write again
      }
      case DUPLICATE_KEY -> throw new PaperFailure("paper: session '" + session + "': the journal already holds "
          + (failed.attempted() == null ? "events" : "event numbers " + failed.attempted().firstSequenceNr() + " to " + failed.attempted().lastSequenceNr())
          + " of this session: another writer has written to it (duplicate key: " + fault.cause() + "); stopped, nothing overwritten (" + where + ")");
      case DISK_FULL -> throw new PaperFailure("paper: session '" + session + "': no room to write the journal (" + fault.cause()
          + ": the disk, a quota or a file size limit is full); stopped at " + what(events) + ", everything before it is journaled;"
          + " resume with the same command once there is room (" + where + ")");
      case STORE_CLOSED -> throw new PaperFailure("paper: session '" + session + "': the journal's database closed itself after a fatal error ("
          + fault.cause() + (h2Trace == null ? "" : "; why is in " + h2Trace) + "); stopped at " + what(events) + ", everything before it is journaled ("
          + where + ")");
      default -> throw new PaperFailure("paper: session '" + session + "': the journal failed to write " + what(events) + ": " + fault.cause()
          + " (" + where + ")");
    }
  }

  /**
   * Tries, with backoff, until a fresh incarnation has recovered (the lease still held) or {@link ReconnectPolicy#maxTime()}
   * has passed since the loss.
   */
  private SessionWriter.Recovered reconnect(JournalFault lost) {
    long began = System.nanoTime();
    long deadline = began + policy.maxTime().toNanos();
    listener.lost(session, lost, policy.maxTime());
    JournalFault last = lost;
    int attempt = 0;
    while (true) {
      long pause = Math.min(policy.backoff(attempt).toNanos(), deadline - System.nanoTime());
      if (pause < 0 || attempt > 0 && System.nanoTime() >= deadline) break;
      park(System.nanoTime() + pause);
      attempt++;
      try {
        lease.ensureHeld();
      } catch (SQLException e) {
        last = JournalFault.of(e);
        if (last.kind() == JournalFault.Kind.CONNECTION_LOST) continue;
        throw new PaperFailure("paper: session '" + session + "': cannot take its lease again after losing the connection: " + last.cause());
      }
      SessionWriter.Recovery r = ask(replyTo -> new SessionWriter.Recover(fromSnapshot, replyTo), recoveryTimeout, "recovering the journal");
      if (r instanceof SessionWriter.Recovered ok) {
        listener.restored(session, Duration.ofNanos(System.nanoTime() - began), attempt);
        return ok;
      }
      last = ((SessionWriter.RecoveryFailed) r).fault();
      if (last.kind() != JournalFault.Kind.CONNECTION_LOST) throw unreadable(last);
    }
    Duration tried = Duration.ofNanos(System.nanoTime() - began);
    listener.gaveUp(session, last, tried, attempt);
    throw new PaperFailure("paper: session '" + session + "': lost the connection to the journal (" + where + ") and could not reconnect within "
        + text(policy.maxTime()) + " (" + attempt + (attempt == 1 ? " try" : " tries") + "; troupe.paper.journal-reconnect.max-time): " + last.cause());
  }

  /** Events that do not read back are damage in the user's journal: refused naming it, nothing written. */
  private InvalidInputException unreadable(JournalFault fault) {
    return new InvalidInputException("paper: session '" + session + "': the journal does not read back (" + where + "): " + fault.cause()
        + "; nothing was written");
  }

  private static String what(List<PaperEvent> events) {
    for (PaperEvent e : events) {
      if (e instanceof PaperEvent.StepRecorded s) return "the start of step " + s.step();
      if (e instanceof PaperEvent.StepCompleted c) return "the end of step " + c.step();
    }
    return events.isEmpty() ? "nothing" : events.get(0).getClass().getSimpleName();
  }

  private <R> R ask(Function<ActorRef<R>, SessionWriter.Command> message, Duration bound, String what) {
    CompletionStage<R> reply = AskPattern.ask(writer, message::apply, bound, system.scheduler());
    try {
      return reply.toCompletableFuture().get(bound.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (TimeoutException | ExecutionException e) {
      // A write that neither lands nor fails (a connection gone silent): the journal is not answering.
      throw new PaperFailure("paper: session '" + session + "': the journal did not answer " + what + " within " + text(bound) + " (" + where + ")", e);
    }
  }

  private static void park(long deadlineNanos) {
    for (long left = deadlineNanos - System.nanoTime(); left > 0; left = deadlineNanos - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) throw new IllegalStateException("interrupted while reconnecting to the journal");
    }
  }

  /** A duration as people write it: 60 s, 1.5 s, 250 ms. */
  static String text(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) return ms + " ms";
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
