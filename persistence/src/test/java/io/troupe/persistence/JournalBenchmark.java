package io.troupe.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Journal speed on this machine: events/s written one per persist and in batches, and recovery time of one entity
 * with and without snapshots. Not a test. Run from the project folder:
 * <pre>
 * mvn -B -q -pl persistence test-compile dependency:build-classpath \
 *   -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -cp "$(cat persistence/target/cp.txt):persistence/target/classes:persistence/target/test-classes" \
 *   io.troupe.persistence.JournalBenchmark [h2|postgres|both] [recovery sizes, default 100000 1000000]
 * </pre>
 * PostgreSQL comes from TROUPE_PG_*; its benchmark rows are deleted afterwards.
 */
public final class JournalBenchmark {

  private static final int SINGLE_EVENTS = 20_000;
  private static final int BATCHED_EVENTS = 200_000;
  private static final int BATCH_SIZE = 100;
  private static final int SNAPSHOT_EVERY = 1_000;
  // Commands in flight per entity: below the behavior's stash capacity (4096) so none is dropped.
  private static final int WINDOW = 1_000;

  public static void main(String[] args) throws Exception {
    String backends = args.length > 0 ? args[0] : "both";
    List<Integer> recoverySizes = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      recoverySizes.add(Integer.parseInt(args[i]));
    }
    if (recoverySizes.isEmpty()) {
      recoverySizes = List.of(100_000, 1_000_000);
    }
    System.out.printf("cores: %d, max heap: %d MiB%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    if (backends.equals("h2") || backends.equals("both")) {
      Path dir = Files.createTempDirectory("troupe-bench");
      try {
        run(JournalConfig.h2(dir), recoverySizes);
      } finally {
        deleteRecursively(dir);
      }
    }
    if (backends.equals("postgres") || backends.equals("both")) {
      Config postgres = JournalConfig.postgresFromEnvironment();
      try {
        run(postgres, recoverySizes);
      } finally {
        deleteBenchmarkRows(JdbcSettings.fromConfig(postgres));
      }
    }
  }

  private static void run(Config layer, List<Integer> recoverySizes) throws Exception {
    System.out.println("== " + JournalConfig.describe(layer));
    JournalSchema.createIfMissing(layer);
    Config config = layer
        .withFallback(ConfigFactory.parseString("pekko.loglevel = WARNING\npekko.stdout-loglevel = OFF\n"
            + "pekko.loggers = [\"org.apache.pekko.event.slf4j.Slf4jLogger\"]\n"
            + "pekko.actor.testkit.typed.single-expect-default = 600s"))
        .withFallback(ConfigFactory.load());

    ActorTestKit kit = ActorTestKit.create("bench", config);
    try {
      recover(kit, Counter.withoutSnapshots("bench-warmup-" + UUID.randomUUID())); // pool and JIT warm-up
      write(kit, Counter.withoutSnapshots(id("warmup")), 2_000, 1);

      double single = write(kit, Counter.withoutSnapshots(id("single")), SINGLE_EVENTS, 1);
      System.out.printf(Locale.ROOT, "write, one event per persist:      %,9.0f events/s (%,d events, one entity)%n",
          single, SINGLE_EVENTS);
      double batched = write(kit, Counter.withoutSnapshots(id("batched")), BATCHED_EVENTS, BATCH_SIZE);
      System.out.printf(Locale.ROOT, "write, persist(List) of %d:        %,9.0f events/s (%,d events, one entity)%n",
          BATCH_SIZE, batched, BATCHED_EVENTS);

      for (int size : recoverySizes) {
        String id = id("recovery-" + size);
        double rate = write(kit, Counter.withSnapshots(id, SNAPSHOT_EVERY, null), size, BATCH_SIZE);
        System.out.printf(Locale.ROOT, "write %,d events for recovery (batches of %d, snapshot every %d): %,.0f events/s%n",
            size, BATCH_SIZE, SNAPSHOT_EVERY, rate);
        long full = recover(kit, Counter.ignoringSnapshots(id));
        long fromSnapshot = recover(kit, Counter.withSnapshots(id, SNAPSHOT_EVERY, null));
        long fromSnapshotAgain = recover(kit, Counter.withSnapshots(id, SNAPSHOT_EVERY, null));
        System.out.printf(Locale.ROOT, "recover %,9d events: replaying all %,7d ms (%,.0f events/s); "
                + "from snapshot + tail %,5d ms, again %,5d ms%n",
            size, full, size * 1000.0 / Math.max(1, full), fromSnapshot, fromSnapshotAgain);
      }
    } finally {
      kit.shutdownTestKit();
    }
  }

  /** Writes {@code events} events in commands of {@code perCommand}; returns events per second. */
  private static double write(ActorTestKit kit, Behavior<Counter.Command> behavior, int events, int perCommand) {
    ActorRef<Counter.Command> counter = kit.spawn(behavior);
    TestProbe<Long> replies = kit.createTestProbe();
    List<Long> batch = new ArrayList<>();
    for (int i = 0; i < perCommand; i++) {
      batch.add(1L);
    }
    int commands = events / perCommand;
    long start = System.nanoTime();
    int sent = 0;
    int received = 0;
    while (received < commands) {
      while (sent < commands && sent - received < WINDOW / perCommand + 1) {
        counter.tell(perCommand == 1 ? new Counter.Add(1, replies.ref()) : new Counter.AddAll(batch, replies.ref()));
        sent++;
      }
      replies.receiveMessage();
      received++;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    kit.stop(counter);
    return commands * perCommand / seconds;
  }

  /** Milliseconds from spawning the entity to its first reply, which waits for recovery to finish. */
  private static long recover(ActorTestKit kit, Behavior<Counter.Command> behavior) {
    TestProbe<Counter.State> states = kit.createTestProbe();
    long start = System.nanoTime();
    ActorRef<Counter.Command> counter = kit.spawn(behavior);
    counter.tell(new Counter.Get(states.ref()));
    states.receiveMessage();
    long millis = (System.nanoTime() - start) / 1_000_000;
    kit.stop(counter);
    return millis;
  }

  private static String id(String what) {
    return "bench-" + what + "-" + UUID.randomUUID();
  }

  private static void deleteBenchmarkRows(JdbcSettings database) throws SQLException {
    try (Connection connection = database.open()) {
      for (String table : List.of("event_journal", "snapshot")) {
        try (PreparedStatement delete = connection.prepareStatement(
            "DELETE FROM \"" + table + "\" WHERE \"persistence_id\" LIKE 'bench-%'")) {
          delete.executeUpdate();
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
