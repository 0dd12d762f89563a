package io.troupe.app.checkpoint;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.app.backtest.BacktestSettings;
import io.troupe.app.backtest.EightPairs;
import io.troupe.app.backtest.StepGrouping;
import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.checkpoint.StateCodec;
import io.troupe.gateway.sim.SimulatedExchangeActor;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import io.troupe.node.NodeCommand;
import io.troupe.node.NodeSettings;
import io.troupe.node.TradingNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.LoggerFactory;

/**
 * A checkpoint's cost with the versioned codec ({@link StateCodec}, JSON) against the build-bound Kryo codec it
 * replaced ({@link KryoStateCodec}): the node runs BTC with the default specialists, or the 8 pairs under breakout,
 * and is checkpointed at a few steps; each checkpoint's agents' states are encoded and decoded again and again with
 * both codecs (the same objects), and the bytes counted. Not a test. Run from the project folder:
 * <pre>
 * mvn -B -o -q -pl app -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -cp "$(cat app/target/cp.txt):app/target/classes:app/target/test-classes" \
 *   io.troupe.app.checkpoint.CheckpointCodecBenchmark [btc|eight|both] [rounds, default 30]
 * </pre>
 */
public final class CheckpointCodecBenchmark {

  private static final Path HOME = Path.of(".").toAbsolutePath().normalize();

  public static void main(String[] args) throws Exception {
    LoggerFactory.getILoggerFactory();
    String which = args.length > 0 ? args[0] : "both";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    System.out.printf("cores: %d; load average %.2f; %d rounds after %d warm-up%n", Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), rounds, rounds / 2);
    if (!which.equals("eight")) {
      List<Bar> btc = new ArrayList<>();
      BarFiles.forEach(HOME.resolve("data/btc-perp-20211231-20220201_1m.csv"), null, ReadOptions.DEFAULT, btc::add);
      Config config = ConfigFactory.load();
      run("BTC, default specialists", BacktestSettings.fromConfig(config, HOME, null, null), config, Map.of("BTC-PERP", btc), Set.of(1_000, 10_000, 45_000), rounds);
    }
    if (!which.equals("btc")) {
      Config config = EightPairs.breakout();
      run("8 pairs, breakout", BacktestSettings.fromConfig(config, HOME, null, null), config, EightPairs.bars(HOME), Set.of(1_000, 5_000, 12_000), rounds);
    }
  }

  private static void run(String name, BacktestSettings settings, Config config, Map<String, List<Bar>> bars, Set<Integer> at, int rounds) {
    List<List<Bar>> steps = StepGrouping.steps(bars);
    NodeSettings node = settings.node(new ArrayList<>(bars.keySet()));
    ActorSystem<NodeCommand> system = ActorSystem.create(TradingNode.create(node, SimulatedExchangeActor.create(settings.exchange(), node.instruments())), "bench", config);
    Map<Integer, NodeCheckpoint> taken = new LinkedHashMap<>();
    try {
      for (int i = 0; i < steps.size(); i++) {
        List<Bar> step = steps.get(i);
        CheckpointCodecBenchmark.<NodeCommand.StepAck>ask(system, r -> new NodeCommand.RunStep(step.get(0).time(), step, r));
        if (at.contains(i + 1) || i == steps.size() - 1 && taken.size() < at.size()) taken.put(i + 1, CheckpointCodecBenchmark.<NodeCheckpoint>ask(system, NodeCommand.Checkpoint::new));
      }
    } finally {
      system.terminate();
    }
    System.out.printf("%s (%d steps)%n", name, steps.size());
    System.out.println("| step | JSON bytes | Kryo bytes | JSON encode ms | JSON decode ms | Kryo encode ms | Kryo decode ms |");
    for (var e : taken.entrySet()) {
      Map<String, Object> states = new LinkedHashMap<>();
      for (var a : e.getValue().agents().entrySet()) states.put(a.getKey(), StateCodec.decode(a.getValue(), Object.class));
      String dump = System.getProperty("dump");
      if (dump != null) {
        for (var a : e.getValue().agents().entrySet()) {
          try {
            java.nio.file.Files.write(Path.of(dump, e.getKey() + "-" + a.getKey().replace('/', '_') + ".json"), a.getValue());
          } catch (java.io.IOException x) {
            throw new java.io.UncheckedIOException(x);
          }
        }
      }
      long[] json = measure(states, rounds, true);
      long[] kryo = measure(states, rounds, false);
      System.out.printf("| %,d | %,d | %,d | %.2f | %.2f | %.2f | %.2f |%n", e.getKey(), json[0], kryo[0], json[1] / 1e6, json[2] / 1e6, kryo[1] / 1e6, kryo[2] / 1e6);
    }
  }

  /** Bytes, then the median encode and decode time of all agents' states (ns), over {@code rounds} after a warm-up. */
  private static long[] measure(Map<String, Object> states, int rounds, boolean json) {
    List<Long> enc = new ArrayList<>();
    List<Long> dec = new ArrayList<>();
    long size = 0;
    for (int r = 0; r < rounds + rounds / 2; r++) {
      long t0 = System.nanoTime();
      List<byte[]> bytes = new ArrayList<>();
      for (Object s : states.values()) bytes.add(json ? StateCodec.encode(s) : KryoStateCodec.encode(s));
      long t1 = System.nanoTime();
      for (byte[] b : bytes) {
        if (json) StateCodec.decode(b, Object.class);
        else KryoStateCodec.decode(b, Object.class);
      }
      long t2 = System.nanoTime();
      size = 0;
      for (byte[] b : bytes) size += b.length;
      if (r >= rounds / 2) {
        enc.add(t1 - t0);
        dec.add(t2 - t1);
      }
    }
    enc.sort(null);
    dec.sort(null);
    return new long[] {size, enc.get(enc.size() / 2), dec.get(dec.size() / 2)};
  }

  private static <R> R ask(ActorSystem<NodeCommand> system, java.util.function.Function<org.apache.pekko.actor.typed.ActorRef<R>, NodeCommand> message) {
    return AskPattern.ask(system, message::apply, Duration.ofSeconds(60), system.scheduler()).toCompletableFuture().join();
  }
}
