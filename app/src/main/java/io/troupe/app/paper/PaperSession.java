package io.troupe.app.paper;

import io.troupe.persistence.CborSerializable;
import io.troupe.risk.RiskCommand;
import io.troupe.risk.RiskCommand.TradingStateChanged;
import java.util.List;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * The write-ahead journal of one paper session. The runner decides what to record and when ({@link PaperRunner}); this
 * actor persists it and answers only once it is durable. It also hears the risk supervisor's trading state while the
 * session is live and records each change against the step in progress.
 */
public final class PaperSession extends EventSourcedBehavior<PaperSession.Command, PaperEvent, SessionJournal.Builder> {

  public static final String DEFAULT_ID = "paper-session";

  /**
   * The tag on every event, for the read side's {@code eventsByTag}. One tag for all sessions, not one per session:
   * one projection (one offset) then serves every session in a database, and rows are keyed by persistence id.
   */
  public static final String TAG = "paper";

  public sealed interface Command extends CborSerializable {}

  /** The journal as recovered (and as recorded since). */
  public record GetJournal(ActorRef<SessionJournal> replyTo) implements Command {}

  /** The journal and the sequence number of its last event: for a writer that must tell whether a lost write landed. */
  public record GetPosition(ActorRef<Position> replyTo) implements Command {}

  /** The journal as recovered and recorded since, and the sequence number of its last event. */
  public record Position(SessionJournal journal, long sequenceNr) implements CborSerializable {}

  /**
   * Told to the {@code writes} listener just before a {@link Record} or {@link RecordCheckpoint} is persisted: the
   * sequence numbers its events will take, so a writer whose write fails can check after a reconnect whether it
   * landed (no reply comes from a write that failed).
   */
  public record Writing(long firstSequenceNr, long lastSequenceNr) implements CborSerializable {}

  /** Persists the events atomically, in order; answers when they are durable. */
  public record Record(List<PaperEvent> events, ActorRef<Done> replyTo) implements Command {}

  /**
   * Persists the events (the last a {@link PaperEvent.Checkpointed} naming {@code agents}) atomically; the snapshot
   * taken with them holds the agents' states. Answers when the events are durable.
   */
  public record RecordCheckpoint(List<PaperEvent> events, io.troupe.checkpoint.NodeCheckpoint agents, ActorRef<Done> replyTo) implements Command {}

  /** Stops this incarnation (answers when it has stopped recording: it persists nothing after). */
  public record Stop(ActorRef<Done> replyTo) implements Command {}

  /** Go live: subscribe to the risk supervisor's trading state (replay happens before, unrecorded). */
  public record FollowTradingState(ActorRef<RiskCommand> risk) implements Command {}

  /** A trading state told by the risk supervisor (through this actor's message adapter: no extra hop). */
  public record TradingStateSeen(TradingStateChanged change) implements Command {}

  public static Behavior<Command> create(String persistenceId) {
    return create(persistenceId, true, 0);
  }

  /**
   * {@code fromSnapshot} false recovers from the events alone, ignoring snapshots: for a resume whose checkpoint was
   * written by another build, which needs every step since the first to replay from.
   */
  public static Behavior<Command> create(String persistenceId, boolean fromSnapshot) {
    return create(persistenceId, fromSnapshot, 0);
  }

  /**
   * {@code pruneEvery} > 0: every that many events a snapshot is also taken, and snapshots more than that many events
   * older are deleted (each checkpoint's snapshot holds all the agents' states: kept forever they add up). 0 keeps
   * every snapshot.
   */
  public static Behavior<Command> create(String persistenceId, boolean fromSnapshot, int pruneEvery) {
    return create(persistenceId, fromSnapshot, pruneEvery, null);
  }

  /** As above; {@code writes} (null for none) hears the sequence numbers of each write before it is persisted. */
  public static Behavior<Command> create(String persistenceId, boolean fromSnapshot, int pruneEvery, ActorRef<Writing> writes) {
    return Behaviors.setup(ctx -> new PaperSession(persistenceId, fromSnapshot, pruneEvery,
        ctx.messageAdapter(TradingStateChanged.class, TradingStateSeen::new), ctx, writes));
  }

  private static final Set<String> TAGS = Set.of(TAG);

  private final ActorRef<TradingStateChanged> tradingStateListener;

  private final boolean fromSnapshot;

  private final int pruneEvery;

  private final ActorContext<Command> context;

  /** Null: nobody listens. */
  private final ActorRef<Writing> writes;

  private PaperSession(String persistenceId, boolean fromSnapshot, int pruneEvery, ActorRef<TradingStateChanged> tradingStateListener,
      ActorContext<Command> context, ActorRef<Writing> writes) {
    super(PersistenceId.ofUniqueId(persistenceId));
    this.fromSnapshot = fromSnapshot;
    this.pruneEvery = pruneEvery;
    this.tradingStateListener = tradingStateListener;
    this.context = context;
    this.writes = writes;
  }

  /** Tells the listener which sequence numbers {@code events} will take. */
  private void announce(List<PaperEvent> events) {
    if (writes == null || events.isEmpty()) return;
    long last = lastSequenceNumber(context);
    writes.tell(new Writing(last + 1, last + events.size()));
  }

  @Override
  public org.apache.pekko.persistence.typed.javadsl.Recovery recovery() {
    return fromSnapshot ? org.apache.pekko.persistence.typed.javadsl.Recovery.withSnapshotSelectionCriteria(SnapshotSelectionCriteria.latest())
        : org.apache.pekko.persistence.typed.javadsl.Recovery.withSnapshotSelectionCriteria(SnapshotSelectionCriteria.none());
  }

  /**
   * Pekko deletes old snapshots only after a count-based one (not after those {@link #shouldSnapshot} asks for), so
   * pruning takes one more snapshot every {@code pruneEvery} events, which then deletes the snapshots older than
   * {@code pruneEvery} events before it. Events are never deleted.
   */
  @Override
  public org.apache.pekko.persistence.typed.javadsl.RetentionCriteria retentionCriteria() {
    return pruneEvery > 0 ? org.apache.pekko.persistence.typed.javadsl.RetentionCriteria.snapshotEvery(pruneEvery, 1)
        : org.apache.pekko.persistence.typed.javadsl.RetentionCriteria.disabled();
  }

  /** A snapshot with every checkpoint: it is what holds the agents' states. Events are never deleted. */
  @Override
  public boolean shouldSnapshot(SessionJournal.Builder state, PaperEvent event, long sequenceNr) {
    return event instanceof PaperEvent.Checkpointed;
  }

  @Override
  public SnapshotAdapter<SessionJournal.Builder> snapshotAdapter() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(SessionJournal.Builder state) {
        return state.snapshot();
      }

      @Override
      public SessionJournal.Builder fromJournal(Object from) {
        return SessionJournal.Builder.from((SessionJournal.Snapshot) from);
      }
    };
  }

  @Override
  public SessionJournal.Builder emptyState() {
    return new SessionJournal.Builder();
  }

  @Override
  public CommandHandler<Command, PaperEvent, SessionJournal.Builder> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(GetJournal.class, (journal, get) -> Effect().reply(get.replyTo(), journal.view()))
        .onCommand(GetPosition.class, (journal, get) -> Effect().reply(get.replyTo(), new Position(journal.view(), lastSequenceNumber(context))))
        .onCommand(Record.class, (journal, record) -> {
          announce(record.events());
          return Effect().persist(record.events()).thenReply(record.replyTo(), after -> Done.getInstance());
        })
        .onCommand(Stop.class, (journal, stop) -> Effect().stop().thenReply(stop.replyTo(), after -> Done.getInstance()))
        .onCommand(RecordCheckpoint.class, (journal, record) -> {
          journal.stage(record.agents());
          announce(record.events());
          return Effect().persist(record.events()).thenReply(record.replyTo(), after -> Done.getInstance());
        })
        .onCommand(FollowTradingState.class, (journal, follow) -> {
          follow.risk().tell(new RiskCommand.Subscribe(tradingStateListener));
          return Effect().none();
        })
        .onCommand(TradingStateSeen.class, (journal, seen) -> {
          // Risk tells a new subscriber the current state: only a change from what the journal holds is recorded.
          if (seen.change().state() == journal.tradingState()) return Effect().none();
          return Effect().persist(new PaperEvent.TradingStateRecorded(journal.lastStepTime(), seen.change().state(), seen.change().reason()));
        })
        .build();
  }

  @Override
  public Set<String> tagsFor(PaperEvent event) {
    // The read side projects completed steps alone; a tag row per event would cost every step a second insert.
    return event instanceof PaperEvent.StepCompleted ? TAGS : Set.of();
  }

  @Override
  public EventHandler<SessionJournal.Builder, PaperEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(SessionJournal.Builder::apply);
  }
}
