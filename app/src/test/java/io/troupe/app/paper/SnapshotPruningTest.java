package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.model.Instrument;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long session does not keep every checkpoint's snapshot: with pruning the old ones are deleted, the newest
 * checkpoint survives and a recovery starts from it; without pruning every one stays.
 */
class SnapshotPruningTest {

  static final int STEPS = 200;
  static final int CHECKPOINT_EVERY = 10;
  static final String ID = "pruned";

  @Test
  void withPruningOnlyTheRecentSnapshotsStayAndTheNewestCheckpointIsRecovered(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("state");
    Config journal = JournalConfig.h2(state);
    JournalSchema.createIfMissing(journal);
    ActorTestKit kit = ActorTestKit.create(journal.withFallback(ConfigFactory.load()));
    try {
      // 421 events: a count-based snapshot every 40 deletes those more than 40 events older.
      journalSession(kit, PaperSession.create(ID, true, 40));
      TestProbe<Done> probe = kit.createTestProbe();
      probe.awaitAssert(Duration.ofSeconds(10), () -> {
        int left = snapshots(state, ID);
        assertTrue(left >= 1 && left <= 6, left + " snapshots left of the 20 checkpoints' and 10 count-based ones");
        return null;
      });

      SessionJournal recovered = recover(kit, PaperSession.create(ID, true, 40));
      assertEquals(STEPS, recovered.checkpoint().step(), "the newest checkpoint");
      assertEquals(STEPS, recovered.completed());
      assertEquals(STEPS + 1, recovered.tail().first());
      assertTrue(recovered.tail().steps().isEmpty());
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void withoutPruningEveryCheckpointKeepsItsSnapshot(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("state");
    Config journal = JournalConfig.h2(state);
    JournalSchema.createIfMissing(journal);
    ActorTestKit kit = ActorTestKit.create(journal.withFallback(ConfigFactory.load()));
    try {
      journalSession(kit, PaperSession.create(ID, true, 0));
      assertEquals(STEPS / CHECKPOINT_EVERY, snapshots(state, ID));
    } finally {
      kit.shutdownTestKit();
    }
  }

  /** {@link #STEPS} steps with a checkpoint every {@link #CHECKPOINT_EVERY}, then the session stops. */
  private static void journalSession(ActorTestKit kit, org.apache.pekko.actor.typed.Behavior<PaperSession.Command> behavior) {
    TestProbe<Done> done = kit.createTestProbe();
    ActorRef<PaperSession.Command> session = kit.spawn(behavior);
    session.tell(new PaperSession.Record(List.of(new PaperEvent.SessionStarted(1000, Map.of("BTC", Instrument.spot("BTC")), Map.of())), done.ref()));
    done.receiveMessage();
    for (int step = 1; step <= STEPS; step++) {
      long time = step * 60_000L;
      List<PaperEvent> events = new ArrayList<>(List.of(new PaperEvent.StepRecorded(step, time, "d" + step),
          new PaperEvent.StepCompleted(step, time, List.of(), new StepAccount(1000, 1000, 0, 0), List.of())));
      if (step % CHECKPOINT_EVERY == 0) {
        events.add(new PaperEvent.Checkpointed(step, time, "code", 10_000));
        session.tell(new PaperSession.RecordCheckpoint(events, new NodeCheckpoint(time, Map.of("node", new byte[10_000])), done.ref()));
      } else {
        session.tell(new PaperSession.Record(events, done.ref()));
      }
      done.receiveMessage();
    }
    session.tell(new PaperSession.Stop(done.ref()));
    done.receiveMessage();
  }

  private static SessionJournal recover(ActorTestKit kit, org.apache.pekko.actor.typed.Behavior<PaperSession.Command> behavior) {
    TestProbe<SessionJournal> journal = kit.createTestProbe();
    kit.spawn(behavior).tell(new PaperSession.GetJournal(journal.ref()));
    return journal.receiveMessage(Duration.ofSeconds(10));
  }

  /** The snapshots the store holds for a persistence id (the plugin's table, read directly). */
  static int snapshots(Path state, String persistenceId) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + state.resolve("journal") + ";DATABASE_TO_UPPER=false", "sa", "");
        PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM \"snapshot\" WHERE \"persistence_id\" = ?")) {
      q.setString(1, persistenceId);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }
}
