package io.troupe.persistence;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.SnapshotCompleted;
import org.apache.pekko.persistence.typed.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.Recovery;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * Test-only event-sourced counter. Its state also counts the events applied since the state was created or loaded
 * from a snapshot, which tells a test whether recovery started from a snapshot and how long the replayed tail was.
 */
final class Counter extends EventSourcedBehavior<Counter.Command, Counter.Added, Counter.State> {

  interface Command extends CborSerializable {}

  /** Persists one event; replies with the new total. */
  record Add(long amount, ActorRef<Long> replyTo) implements Command {}

  /** Persists one event per amount, atomically ({@code Effect.persist(List)}); replies with the new total. */
  record AddAll(List<Long> amounts, ActorRef<Long> replyTo) implements Command {}

  record Get(ActorRef<State> replyTo) implements Command {}

  record Added(long amount) implements CborSerializable {}

  /** {@code eventsApplied}: events applied since this state was created or loaded from a snapshot. */
  record State(long total, long eventsApplied) implements CborSerializable {}

  /** What a snapshot keeps: only the total. */
  record Snapshot(long total) implements CborSerializable {}

  private final int snapshotEvery;
  private final ActorRef<Long> snapshotSaved;
  private final boolean recoverFromSnapshot;

  private Counter(String persistenceId, int snapshotEvery, ActorRef<Long> snapshotSaved, boolean recoverFromSnapshot) {
    super(PersistenceId.ofUniqueId(persistenceId));
    this.snapshotEvery = snapshotEvery;
    this.snapshotSaved = snapshotSaved;
    this.recoverFromSnapshot = recoverFromSnapshot;
  }

  static Behavior<Command> withoutSnapshots(String persistenceId) {
    return new Counter(persistenceId, 0, null, true);
  }

  /** Snapshots every N events and tells {@code snapshotSaved} (if not null) the sequence number of each one saved. */
  static Behavior<Command> withSnapshots(String persistenceId, int every, ActorRef<Long> snapshotSaved) {
    return new Counter(persistenceId, every, snapshotSaved, true);
  }

  /** Takes no snapshots and recovers by replaying every event even when snapshots exist (benchmark baseline). */
  static Behavior<Command> ignoringSnapshots(String persistenceId) {
    return new Counter(persistenceId, 0, null, false);
  }

  @Override
  public Recovery recovery() {
    return recoverFromSnapshot
        ? super.recovery()
        : Recovery.withSnapshotSelectionCriteria(SnapshotSelectionCriteria.none());
  }

  @Override
  public State emptyState() {
    return new State(0, 0);
  }

  @Override
  public CommandHandler<Command, Added, State> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Add.class, (state, add) -> Effect()
            .persist(new Added(add.amount()))
            .thenReply(add.replyTo(), after -> after.total()))
        .onCommand(AddAll.class, (state, all) -> Effect()
            .persist(all.amounts().stream().map(Added::new).toList())
            .thenReply(all.replyTo(), after -> after.total()))
        .onCommand(Get.class, (state, get) -> Effect().reply(get.replyTo(), state))
        .build();
  }

  @Override
  public EventHandler<State, Added> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Added.class, (state, added) -> new State(state.total() + added.amount(), state.eventsApplied() + 1))
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return snapshotEvery > 0 ? RetentionCriteria.snapshotEvery(snapshotEvery, 2) : RetentionCriteria.disabled();
  }

  @Override
  public SnapshotAdapter<State> snapshotAdapter() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(State state) {
        return new Snapshot(state.total());
      }

      @Override
      public State fromJournal(Object snapshot) {
        return new State(((Snapshot) snapshot).total(), 0);
      }
    };
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(SnapshotCompleted.class, (state, completed) -> {
          if (snapshotSaved != null) {
            snapshotSaved.tell(completed.metadata().sequenceNr());
          }
        })
        .build();
  }
}
