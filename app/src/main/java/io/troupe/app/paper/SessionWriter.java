package io.troupe.app.paper;

import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.risk.RiskCommand;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parent of a session's {@link PaperSession}, so a journal fault reaches the runner at once: the event-sourced
 * actor stops when a write or its recovery fails and answers nobody, and only its parent hears why
 * ({@link ChildFailed}). This actor answers the request in flight with the fault, says whether that write had reached
 * the journal (the sequence numbers it was to take), and on {@link Recover} starts a fresh incarnation. What to do
 * about a fault (retry, give up) is the runner's: {@link ReconnectingJournal}.
 */
public final class SessionWriter {

  private static final Logger LOG = LoggerFactory.getLogger(SessionWriter.class);

  public sealed interface Command {}

  /** Starts a fresh incarnation of the session (stopping one still running) and answers once it has recovered. */
  public record Recover(boolean fromSnapshot, ActorRef<Recovery> replyTo) implements Command {}

  /** Persists {@code events} atomically (with {@code agents}, the checkpoint they name, when not null). */
  public record Write(List<PaperEvent> events, NodeCheckpoint agents, ActorRef<WriteResult> replyTo) implements Command {}

  /** Records the risk supervisor's trading state; followed again by every later incarnation. */
  public record FollowTradingState(ActorRef<RiskCommand> risk) implements Command {}

  /** Stops the incarnation; answers when it has stopped. */
  public record Stop(ActorRef<Done> replyTo) implements Command {}

  public sealed interface Recovery {}

  /** The journal as recovered, and the sequence number of its last event. */
  public record Recovered(SessionJournal journal, long sequenceNr) implements Recovery {}

  public record RecoveryFailed(JournalFault fault) implements Recovery {}

  public sealed interface WriteResult {}

  /** The events are durable. */
  public record Written() implements WriteResult {}

  /**
   * The write failed, or the incarnation had died before it.
   *
   * @param attempted the sequence numbers the write was to take; null when it never reached the journal
   */
  public record WriteFailed(JournalFault fault, PaperSession.Writing attempted) implements WriteResult {}

  private record ChildRecovered(PaperSession.Position position) implements Command {}

  private record ChildWriting(PaperSession.Writing writing) implements Command {}

  private record ChildWritten() implements Command {}

  /**
   * What this actor holds: the incarnation (null when none runs), why the last one died, and the request it owes an
   * answer.
   */
  private record State(ActorRef<PaperSession.Command> child, int incarnations, JournalFault fault, ActorRef<Recovery> recovering, Write writing,
      PaperSession.Writing attempted, ActorRef<RiskCommand> risk, ActorRef<Done> stopping) {

    static State initial() {
      return new State(null, 0, null, null, null, null, null, null);
    }

    State started(ActorRef<PaperSession.Command> c, ActorRef<Recovery> replyTo) {
      return new State(c, incarnations + 1, null, replyTo, null, null, risk, stopping);
    }

    State recovered() {
      return new State(child, incarnations, fault, null, writing, attempted, risk, stopping);
    }

    State writing(Write w) {
      return new State(child, incarnations, fault, recovering, w, null, risk, stopping);
    }

    State attempted(PaperSession.Writing a) {
      return new State(child, incarnations, fault, recovering, writing, a, risk, stopping);
    }

    State written() {
      return new State(child, incarnations, fault, recovering, null, null, risk, stopping);
    }

    State following(ActorRef<RiskCommand> r) {
      return new State(child, incarnations, fault, recovering, writing, attempted, r, stopping);
    }

    State stopping(ActorRef<Done> replyTo) {
      return new State(child, incarnations, fault, recovering, writing, attempted, risk, replyTo);
    }

    /** The incarnation is gone: nothing in flight any more. */
    State ended(JournalFault why) {
      return new State(null, incarnations, why, null, null, null, risk, null);
    }
  }

  private final ActorContext<Command> context;
  private final String persistenceId;
  private final int pruneEvery;
  private final ActorRef<Done> writtenAdapter;
  private final ActorRef<PaperSession.Position> recoveredAdapter;
  private final ActorRef<PaperSession.Writing> writingAdapter;

  private SessionWriter(ActorContext<Command> context, String persistenceId, int pruneEvery) {
    this.context = context;
    this.persistenceId = persistenceId;
    this.pruneEvery = pruneEvery;
    this.writtenAdapter = context.messageAdapter(Done.class, d -> new ChildWritten());
    this.recoveredAdapter = context.messageAdapter(PaperSession.Position.class, ChildRecovered::new);
    this.writingAdapter = context.messageAdapter(PaperSession.Writing.class, ChildWriting::new);
  }

  /** A writer for the session {@code persistenceId}; nothing runs until the first {@link Recover}. */
  public static Behavior<Command> create(String persistenceId, int pruneEvery) {
    return Behaviors.setup(ctx -> new SessionWriter(ctx, persistenceId, pruneEvery).behavior(State.initial()));
  }

  private Behavior<Command> behavior(State s) {
    return Behaviors.receive(Command.class)
        .onMessage(Recover.class, r -> recover(s, r))
        .onMessage(ChildRecovered.class, r -> recovered(s, r))
        .onMessage(Write.class, w -> write(s, w))
        .onMessage(ChildWriting.class, w -> behavior(s.attempted(w.writing())))
        .onMessage(ChildWritten.class, w -> written(s))
        .onMessage(FollowTradingState.class, f -> {
          if (s.child() != null) s.child().tell(new PaperSession.FollowTradingState(f.risk()));
          return behavior(s.following(f.risk()));
        })
        .onMessage(Stop.class, stop -> {
          if (s.child() == null) {
            stop.replyTo().tell(Done.getInstance());
            return Behaviors.same();
          }
          context.stop(s.child());
          return behavior(s.stopping(stop.replyTo()));
        })
        .onSignal(ChildFailed.class, f -> failed(s, f))
        .onSignal(Terminated.class, t -> stopped(s, t))
        .build();
  }

  private Behavior<Command> recover(State s, Recover r) {
    if (s.child() != null) {
      context.unwatch(s.child());
      context.stop(s.child()); // it persists nothing after this; its Terminated is not waited for
    }
    ActorRef<PaperSession.Command> child =
        context.spawn(PaperSession.create(persistenceId, r.fromSnapshot(), pruneEvery, writingAdapter), "journal-" + (s.incarnations() + 1));
    context.watch(child);
    // Answered once recovery is over: commands wait in the session's stash while it recovers.
    child.tell(new PaperSession.GetPosition(recoveredAdapter));
    return behavior(s.started(child, r.replyTo()));
  }

  private Behavior<Command> recovered(State s, ChildRecovered r) {
    if (s.recovering() == null) return Behaviors.same();
    s.recovering().tell(new Recovered(r.position().journal(), r.position().sequenceNr()));
    // A new incarnation follows the trading state again: risk tells a new subscriber the state, recorded if it changed.
    if (s.risk() != null) s.child().tell(new PaperSession.FollowTradingState(s.risk()));
    return behavior(s.recovered());
  }

  private Behavior<Command> write(State s, Write w) {
    if (s.child() == null || s.recovering() != null || s.writing() != null) {
      JournalFault why = s.fault() != null ? s.fault()
          : new JournalFault(JournalFault.Kind.OTHER, s.child() == null ? "the session's journal is not running" : "a write came while another was in flight");
      w.replyTo().tell(new WriteFailed(why, null));
      return Behaviors.same();
    }
    s.child().tell(w.agents() == null ? new PaperSession.Record(w.events(), writtenAdapter)
        : new PaperSession.RecordCheckpoint(w.events(), w.agents(), writtenAdapter));
    return behavior(s.writing(w));
  }

  private Behavior<Command> written(State s) {
    if (s.writing() != null) s.writing().replyTo().tell(new Written());
    return behavior(s.written());
  }

  private Behavior<Command> failed(State s, ChildFailed f) {
    if (!f.getRef().equals(s.child())) return Behaviors.same();
    JournalFault fault = JournalFault.of(f.cause());
    // The whole trace for whoever runs at debug level; the runner says it in one line.
    LOG.debug("paper session '{}': its journal failed", persistenceId, f.cause());
    if (s.recovering() != null) s.recovering().tell(new RecoveryFailed(fault));
    if (s.writing() != null) s.writing().replyTo().tell(new WriteFailed(fault, s.attempted()));
    if (s.stopping() != null) s.stopping().tell(Done.getInstance());
    return behavior(s.ended(fault));
  }

  private Behavior<Command> stopped(State s, Terminated t) {
    if (!t.getRef().equals(s.child())) return Behaviors.same();
    JournalFault fault = new JournalFault(JournalFault.Kind.OTHER, "the session's journal stopped");
    if (s.recovering() != null) s.recovering().tell(new RecoveryFailed(fault));
    if (s.writing() != null) s.writing().replyTo().tell(new WriteFailed(fault, s.attempted()));
    if (s.stopping() != null) s.stopping().tell(Done.getInstance());
    return behavior(s.ended(s.stopping() != null ? null : fault));
  }
}
