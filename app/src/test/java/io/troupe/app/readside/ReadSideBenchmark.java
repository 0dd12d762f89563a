package io.troupe.app.readside;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.app.paper.PaperEvent;
import io.troupe.app.paper.PaperSession;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.slf4j.LoggerFactory;

/**
 * Read side speed on this machine: a session of {@code steps} steps (two events each, two fills every third step) is
 * journaled, then the projection catches up from nothing; events/s from its first event to caught up, and the wall
 * time from start (which includes creating tables and the read journal's first poll). Not a test. Run from the
 * project folder:
 * <pre>
 * mvn -B -q -pl app -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -cp "$(cat app/target/cp.txt):app/target/classes:app/target/test-classes" \
 *   io.troupe.app.readside.ReadSideBenchmark [h2|postgres|both] [steps, default 10000] [rounds, default 2]
 * </pre>
 * ({@code -am} makes the classpath name the sibling modules' folders, not stale installed jars.) Each round runs on a
 * fresh database: a temp folder for H2, a scratch database on the TROUPE_PG_* server.
 */
public final class ReadSideBenchmark {

  public static void main(String[] args) throws Exception {
    // Initialise SLF4J before Pekko's logger races it, which makes SLF4J print replay warnings to stderr.
    LoggerFactory.getILoggerFactory();
    String backends = args.length > 0 ? args[0] : "both";
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    System.out.printf("cores: %d; %d steps = %d events, %d fills%n", Runtime.getRuntime().availableProcessors(), steps,
        TestSessions.steps(1, steps).size(), TestSessions.fillCount(steps));
    for (int round = 1; round <= rounds; round++) {
      if (!backends.equals("postgres")) {
        Path dir = Files.createTempDirectory("troupe-readside-bench");
        try {
          run("h2", round, JournalConfig.h2(dir), steps);
        } finally {
          try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
      }
      if (!backends.equals("h2")) {
        ScratchPostgres database = ScratchPostgres.create();
        try {
          run("postgres", round, database.journal(), steps);
        } finally {
          database.drop();
        }
      }
    }
  }

  private static void run(String backend, int round, Config journal, int steps) throws Exception {
    JournalSchema.createIfMissing(journal);
    ActorTestKit kit = ActorTestKit.create("bench", journal.withFallback(ConfigFactory.load()));
    try {
      List<PaperEvent> events = TestSessions.steps(1, steps);
      TestProbe<Done> probe = kit.createTestProbe();
      ActorRef<PaperSession.Command> session = kit.spawn(PaperSession.create(PaperSession.DEFAULT_ID));
      for (int i = 0; i < events.size(); i += 100) {
        session.tell(new PaperSession.Record(events.subList(i, Math.min(events.size(), i + 100)), probe.ref()));
        probe.receiveMessage(Duration.ofSeconds(30));
      }

      AtomicLong firstEvent = new AtomicLong();
      long start = System.nanoTime();
      ReadSide readSide = ReadSide.start(kit.system(), () -> new StepHandler() {
        @Override
        public void process(ReadSideSession s, EventEnvelope<PaperEvent> envelope) throws Exception {
          firstEvent.compareAndSet(0, System.nanoTime());
          super.process(s, envelope);
        }
      });
      readSide.caughtUp().toCompletableFuture().get(30, TimeUnit.MINUTES);
      long end = System.nanoTime();
      readSide.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);

      double projecting = (end - firstEvent.get()) / 1e9;
      System.out.printf("%-8s round %d: %,d events in %.2f s = %,.0f events/s (%,.0f steps/s); wall from start %.2f s%n",
          backend, round, events.size(), projecting, events.size() / projecting, steps / projecting, (end - start) / 1e9);
    } finally {
      kit.shutdownTestKit();
    }
  }
}
