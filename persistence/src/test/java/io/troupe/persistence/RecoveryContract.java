package io.troupe.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * State written by one actor system is recovered by the next, with and without snapshots. Each backend runs the
 * same tests (H2 and PostgreSQL subclasses); persistence ids are unique per run so reruns on a kept database pass.
 */
abstract class RecoveryContract {

  private Config config;

  /** The full system config for this backend; may skip the test (PostgreSQL unreachable). */
  abstract Config journalConfig();

  @BeforeEach
  void createSchema() throws Exception {
    config = journalConfig();
    JournalSchema.createIfMissing(config);
  }

  @Test
  void aNewActorSystemRecoversTheStateByReplayingAllEvents() {
    String id = "counter-" + UUID.randomUUID();

    ActorTestKit writer = ActorTestKit.create("writer", config);
    try {
      ActorRef<Counter.Command> counter = writer.spawn(Counter.withoutSnapshots(id));
      TestProbe<Long> totals = writer.createTestProbe();
      for (long amount = 1; amount <= 5; amount++) {
        counter.tell(new Counter.Add(amount, totals.ref()));
        totals.expectMessageClass(Long.class);
      }
      counter.tell(new Counter.AddAll(List.of(10L, 20L, 30L), totals.ref()));
      totals.expectMessage(75L);
    } finally {
      writer.shutdownTestKit();
    }

    ActorTestKit reader = ActorTestKit.create("reader", config);
    try {
      ActorRef<Counter.Command> counter = reader.spawn(Counter.withoutSnapshots(id));
      TestProbe<Counter.State> states = reader.createTestProbe();
      counter.tell(new Counter.Get(states.ref()));
      // 5 single events and a batch of 3, all replayed.
      states.expectMessage(new Counter.State(75, 8));
    } finally {
      reader.shutdownTestKit();
    }
  }

  @Test
  void aNewActorSystemRecoversFromTheLatestSnapshotAndTheEventsAfterIt() {
    String id = "counter-" + UUID.randomUUID();

    ActorTestKit writer = ActorTestKit.create("writer", config);
    try {
      TestProbe<Long> snapshots = writer.createTestProbe();
      ActorRef<Counter.Command> counter = writer.spawn(Counter.withSnapshots(id, 5, snapshots.ref()));
      TestProbe<Long> totals = writer.createTestProbe();
      for (long amount = 1; amount <= 12; amount++) {
        counter.tell(new Counter.Add(amount, totals.ref()));
        totals.expectMessage(amount * (amount + 1) / 2);
      }
      // Snapshots are saved asynchronously: wait for both before the system goes away.
      snapshots.expectMessage(5L);
      snapshots.expectMessage(10L);
    } finally {
      writer.shutdownTestKit();
    }

    ActorTestKit reader = ActorTestKit.create("reader", config);
    try {
      ActorRef<Counter.Command> counter = reader.spawn(Counter.withSnapshots(id, 5, null));
      TestProbe<Counter.State> states = reader.createTestProbe();
      counter.tell(new Counter.Get(states.ref()));
      // 1..12 sums to 78; only events 11 and 12 were replayed on top of the snapshot at 10.
      states.expectMessage(new Counter.State(78, 2));
    } finally {
      reader.shutdownTestKit();
    }
  }
}
