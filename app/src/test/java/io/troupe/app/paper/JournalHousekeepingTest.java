package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.model.Instrument;
import io.troupe.persistence.JdbcSettings;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 journal of a session that commits every step stays small while it runs when it is compacted between steps,
 * and grows with every step when it is not. H2 reuses a freed chunk only once it is older than its retention time;
 * the file here has none (RETENTION_TIME=0), so what the test shows depends on the compaction alone, not on how fast
 * the machine is.
 */
class JournalHousekeepingTest {

  static final int STEPS = 3000;
  /** About 6.8 KB a step without compaction here (20 MB for the 3000 steps), under 1.5 KB with it. */
  static final long BOUND = 6L << 20;
  /** A bound on each write's acknowledgement, for a loaded machine; not what the test measures. */
  static final java.time.Duration WAIT = java.time.Duration.ofSeconds(30);

  @Test
  void compactedBetweenStepsTheFileStaysUnderABoundWhileUncompactedItGrows(@TempDir Path dir) throws Exception {
    long uncompacted = journal(dir.resolve("plain"), 0);
    long compacted = journal(dir.resolve("compacted"), 100);
    assertTrue(compacted < BOUND, "compacted every 100 steps, the largest the file got was " + compacted + " bytes");
    assertTrue(uncompacted > 3 * compacted, "without compaction the file grows with every step: " + uncompacted + " bytes, compacted " + compacted);
  }

  /** Journals {@link #STEPS} steps, one commit each as a live session does; the largest size the file reached. */
  private static long journal(Path state, int compactEvery) throws Exception {
    Config layer = JournalConfig.h2(state);
    String url = JdbcSettings.CONFIG_PATH + ".url";
    Config journal = ConfigFactory.parseMap(Map.of(url, layer.getString(url) + ";WRITE_DELAY=0;RETENTION_TIME=0")).withFallback(layer);
    JournalSchema.createIfMissing(journal);
    // No periodic sync during the run: each would be one more commit, at a moment set by the wall clock.
    Config config = ConfigFactory.parseMap(Map.of("troupe.paper.h2.compact-every", compactEvery, "troupe.paper.h2.sync-every", "1h"))
        .withFallback(ConfigFactory.load());
    ActorTestKit kit = ActorTestKit.create(journal.withFallback(config));
    StringWriter log = new StringWriter();
    long largest = 0;
    try (JournalHousekeeping housekeeping = JournalHousekeeping.start(kit.system(), journal, config, new PrintWriter(log))) {
      TestProbe<Done> done = kit.createTestProbe();
      ActorRef<PaperSession.Command> session = kit.spawn(PaperSession.create("housekept"));
      session.tell(new PaperSession.Record(List.of(new PaperEvent.SessionStarted(1000, Map.of("BTC", Instrument.spot("BTC")), Map.of())), done.ref()));
      done.receiveMessage(WAIT);
      Path file = state.resolve("journal.mv.db");
      for (int step = 1; step <= STEPS; step++) {
        long time = step * 60_000L;
        session.tell(new PaperSession.Record(List.of(new PaperEvent.StepRecorded(step, time, "digest-" + step),
            new PaperEvent.StepCompleted(step, time, List.of(), new StepAccount(1000 + step, 1000 + step, 0, 0), List.of())), done.ref()));
        done.receiveMessage(WAIT);
        housekeeping.afterStep(step);
        if (step % 100 == 0) largest = Math.max(largest, Files.size(file));
      }
      session.tell(new PaperSession.Stop(done.ref()));
      done.receiveMessage(WAIT);
    } finally {
      kit.shutdownTestKit();
    }
    assertEquals("", log.toString(), "no housekeeping failure reported");
    return largest;
  }
}
