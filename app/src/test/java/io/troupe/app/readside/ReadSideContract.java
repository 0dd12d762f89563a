package io.troupe.app.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.app.paper.PaperEvent;
import io.troupe.app.paper.StepCompletedMigration;
import io.troupe.app.paper.PaperSession;
import io.troupe.persistence.JdbcSettings;
import io.troupe.persistence.JournalSchema;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read side projects a paper session's journal into its tables exactly once: every fill one row, every completed
 * step one equity row, across a stop and a restart and across a failed transaction. Run on H2 and on PostgreSQL.
 */
abstract class ReadSideContract {

  /** A journal layer on an empty database of this backend. */
  abstract Config freshJournal() throws Exception;

  /** After the actor system is down: drop what {@link #freshJournal()} made, if it needs dropping. */
  void dropJournal() throws Exception {}

  private static final Config FAST = ConfigFactory.parseString("""
      # Tests wait on the projection: poll the journal often and restart a failed stream at once.
      jdbc-read-journal.refresh-interval = 50ms
      jdbc-read-journal.journal-sequence-retrieval.query-delay = 50ms
      pekko.projection.restart-backoff { min-backoff = 20ms, max-backoff = 100ms }
      """);

  private ActorTestKit kit;
  private JdbcSettings database;

  @BeforeEach
  void startSystem() throws Exception {
    Config journal = freshJournal();
    JournalSchema.createIfMissing(journal);
    database = JdbcSettings.fromConfig(journal);
    kit = ActorTestKit.create(getClass().getSimpleName(), FAST.withFallback(journal).withFallback(ConfigFactory.load()));
  }

  @AfterEach
  void stopSystem() throws Exception {
    kit.shutdownTestKit();
    dropJournal();
  }

  @Test
  void everyFillIsOneRowAndEveryCompletedStepOneEquityRow() throws Exception {
    record("s1", TestSessions.steps(1, 30));
    record("s2", TestSessions.steps(1, 6));

    ReadSide readSide = ReadSide.start(kit.system());
    readSide.caughtUp().toCompletableFuture().get(30, TimeUnit.SECONDS);
    readSide.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertTables("s1", 30);
    assertTables("s2", 6);
    try (ReadSideQueries q = ReadSideQueries.open(database)) {
      EquityRow step7 = q.equity("s1").get(6);
      assertEquals(new EquityRow("s1", 7, 7 * TestSessions.MINUTE, 9_993, 10_007, 400, 0), step7);
      FillRow first = q.fills("s1").get(0);
      assertEquals(new FillRow("s1", "f3a", 3, 0, 3 * TestSessions.MINUTE, "o3", "BTC", "BUY", 0.01, 40_003, 0.4, "TAKER", "entry", "trending-default"), first);
    }
  }

  @Test
  void aStoppedProjectionResumesAfterItsOffset() throws Exception {
    record(PaperSession.DEFAULT_ID, TestSessions.steps(1, 20));
    ReadSide first = ReadSide.start(kit.system());
    long stoppedAt = first.caughtUp().toCompletableFuture().get(30, TimeUnit.SECONDS);
    first.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertTables(PaperSession.DEFAULT_ID, 20);

    // The session goes on while the read side is down.
    record(PaperSession.DEFAULT_ID, TestSessions.steps(21, 40));
    List<Long> seen = new ArrayList<>();
    ReadSide second = ReadSide.start(kit.system(), () -> new StepHandler() {
      @Override
      public void process(ReadSideSession session, EventEnvelope<PaperEvent> envelope) throws Exception {
        synchronized (seen) {
          seen.add(((Sequence) envelope.offset()).value());
        }
        super.process(session, envelope);
      }
    });
    assertEquals(stoppedAt, second.offset());
    long end = second.caughtUp().toCompletableFuture().get(30, TimeUnit.SECONDS);
    second.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertTables(PaperSession.DEFAULT_ID, 40);
    synchronized (seen) {
      // Only what was journaled after the stop: the 20 completed steps (only they are tagged), none from before it.
      assertEquals(20, seen.size(), seen.toString());
      assertTrue(seen.get(0) > stoppedAt, seen + " after " + stoppedAt);
      assertEquals(stoppedAt + 2, seen.get(0), "the first completion after the offset (step 21's start is between)");
      assertEquals(end, seen.get(seen.size() - 1));
    }
  }

  @Test
  void aTransactionThatFailsHalfWayIsRolledBackAndAppliedOnce() throws Exception {
    record(PaperSession.DEFAULT_ID, TestSessions.steps(1, 30));
    AtomicBoolean failed = new AtomicBoolean();
    AtomicLong attempts = new AtomicLong();
    ReadSide readSide = ReadSide.start(kit.system(), () -> new StepHandler() {
      @Override
      public void process(ReadSideSession session, EventEnvelope<PaperEvent> envelope) throws Exception {
        super.process(session, envelope);
        // Step 15's fills and equity row are written, then the transaction fails before its commit.
        if (envelope.event() instanceof PaperEvent.StepCompleted s && s.step() == 15) {
          attempts.incrementAndGet();
          if (failed.compareAndSet(false, true)) throw new IllegalStateException("injected failure at step 15");
        }
      }
    });
    readSide.caughtUp().toCompletableFuture().get(30, TimeUnit.SECONDS);
    readSide.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertTrue(failed.get());
    assertEquals(2, attempts.get(), "step 15 is applied again after the restart, and only it");
    assertTables(PaperSession.DEFAULT_ID, 30);
  }

  @Test
  void aJournalFromBeforeTagsAndStepCompletedIsProjectedToo() throws Exception {
    List<PaperEvent> old = new ArrayList<>();
    for (PaperEvent e : TestSessions.steps(1, 9)) {
      old.add(e instanceof PaperEvent.StepCompleted s ? new PaperEvent.StepCompleted(s.step(), s.time(), s.fills(), null, List.of()) : e);
    }
    record("old", old);
    try (Connection connection = database.open(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM event_tag");
      // As version 1 wrote them: completed steps under the old class name (read back through StepCompletedMigration).
      statement.executeUpdate("UPDATE event_journal SET event_ser_manifest = '" + StepCompletedMigration.V1_CLASS
          + "' WHERE event_ser_manifest = '" + PaperEvent.StepCompleted.class.getName() + "'");
    }

    ReadSide readSide = ReadSide.start(kit.system());
    readSide.caughtUp().toCompletableFuture().get(30, TimeUnit.SECONDS);
    readSide.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertTables("old", 9);
    try (ReadSideQueries q = ReadSideQueries.open(database)) {
      assertTrue(q.equity("old").stream().noneMatch(EquityRow::hasAccount), "a version 1 step carries no account");
    }
  }

  private void record(String session, List<PaperEvent> events) {
    TestProbe<Done> probe = kit.createTestProbe();
    ActorRef<PaperSession.Command> journal = kit.spawn(PaperSession.create(session));
    // One atomic write per 10 events, as a live session batches a step's end with the next one's start.
    for (int i = 0; i < events.size(); i += 10) {
      journal.tell(new PaperSession.Record(events.subList(i, Math.min(events.size(), i + 10)), probe.ref()));
      probe.receiveMessage(Duration.ofSeconds(10));
    }
    kit.stop(journal);
  }

  private void assertTables(String session, int steps) throws Exception {
    try (ReadSideQueries q = ReadSideQueries.open(database)) {
      List<FillRow> fills = q.fills(session);
      Set<String> ids = new HashSet<>();
      for (FillRow f : fills) ids.add(f.fillId());
      assertEquals(TestSessions.fillCount(steps), fills.size());
      assertEquals(fills.size(), ids.size(), "a fill twice");
      List<EquityRow> equity = q.equity(session);
      assertEquals(steps, equity.size());
      for (int i = 0; i < steps; i++) assertEquals(i + 1, equity.get(i).step());
    }
  }
}
