package io.troupe.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import io.troupe.desk.DeskActor;
import io.troupe.desk.DeskCommand;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import io.troupe.model.StepMessage;
import io.troupe.model.TradingState;
import io.troupe.node.NodeSettings;
import io.troupe.performance.PerformanceCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The eight 5m pairs under ema-cross in one process against a cluster of three JVMs (two desk members, the account
 * and feed member running the backtest), interleaved, in bars per second; and a desk's round trip (one bar in, its
 * decision back) from another member against the same desk in the same JVM. A benchmark to run, not a test:
 *
 * <pre>
 * mvn -B -o -q -DskipTests package -pl app -am &amp;&amp; mvn -B -o -q test-compile -pl app
 * java -cp app/target/test-classes:app/target/troupe.jar io.troupe.app.cluster.ClusterSpeedBenchmark [rounds, default 3]
 * </pre>
 *
 * Bars per second: the bars over the run's wall time as its summary.json gives it, less (on the cluster) the time to
 * join, wait for the desk members and place the desks, which the run prints. Both include the actor system's start.
 */
public final class ClusterSpeedBenchmark {

  static final List<String> PAIRS = ClusterLockstepTest.PAIRS;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path home = Path.of(System.getProperty("troupe.home", ".")).toAbsolutePath().normalize();
    System.setProperty("troupe.home", home.toString());
    Path dir = Files.createTempDirectory("cluster-bench");
    int seedPort = MemberProcess.freePort();
    int secondPort = MemberProcess.freePort();
    String seed = "127.0.0.1:" + seedPort;
    try (MemberProcess desk1 = MemberProcess.start("desk-1", home, dir, List.of("node", "--role", "desk", "--bind", seed, "--seed", seed));
        MemberProcess desk2 = MemberProcess.start("desk-2", home, dir, List.of("node", "--role", "desk", "--bind", "127.0.0.1:" + secondPort, "--seed", seed))) {
      desk1.awaitLine(l -> l.startsWith("node: up"), "'node: up'", 180);
      desk2.awaitLine(l -> l.startsWith("node: up"), "'node: up'", 180);
      List<Double> one = new ArrayList<>();
      List<Double> three = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        one.add(barsPerSecond(home, dir, "one-" + r, List.of()));
        List<String> cluster = List.of("--cluster", "--bind", "127.0.0.1:" + MemberProcess.freePort(), "--seed", seed, "--desk-members", "2");
        three.add(barsPerSecond(home, dir, "three-" + r, cluster));
        System.out.printf(Locale.ROOT, "round %d: 1 node %,.0f bars/s, 3 nodes %,.0f bars/s%n", r + 1, one.get(r), three.get(r));
      }
      System.out.printf(Locale.ROOT, "8 pairs, ema-cross, %,d bars in 5,760 steps, median of %d: 1 node %,.0f bars/s; 3 nodes %,.0f bars/s%n", bars(home),
          rounds, median(one), median(three));
      roundTrips(home, seed);
    }
  }

  /** One backtest in a JVM of its own: its bars over its wall time (less the cluster's setup, when it prints one). */
  private static double barsPerSecond(Path home, Path dir, String name, List<String> extra) throws Exception {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("backtest", "--strategy", "ema-cross", "--quiet", "--out", out.toString(), "--data"));
    for (String p : PAIRS) args.add(home.resolve("data/" + p + "_BTC-5m.json").toString());
    args.addAll(extra);
    try (MemberProcess run = MemberProcess.start(name, home, dir, args)) {
      int exit = run.awaitExit(600);
      if (exit != 0) throw new IllegalStateException(name + " exited " + exit + ": " + Files.readString(run.stderr));
      double setup = 0;
      for (String line : run.out) {
        if (line.startsWith("cluster: ready in ")) setup = Double.parseDouble(line.substring("cluster: ready in ".length(), line.indexOf(" s")));
      }
      JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
      double wall = summary.findValue("wall_clock_seconds").asDouble();
      return bars(home) / (wall - setup);
    }
  }

  /** The bars of the eight files. */
  static long bars(Path home) {
    long[] n = new long[1];
    for (String p : PAIRS) BarFiles.forEach(home.resolve("data/" + p + "_BTC-5m.json"), null, ReadOptions.DEFAULT, b -> n[0]++);
    return n[0];
  }

  /**
   * A desk's round trip, one bar at a time: through sharding to a desk on a desk member, and to a desk that is a child
   * in this JVM (the one-process path). The same desk settings (ema-cross) and the same bars.
   */
  private static void roundTrips(Path home, String seed) throws Exception {
    Config run = ConfigFactory.load().withValue("troupe.backtest.strategy", ConfigValueFactory.fromAnyRef("ema-cross"));
    String settings = run.getConfig("troupe").root().render(ConfigRenderOptions.concise());
    List<Bar> bars = new ArrayList<>();
    Path eth = home.resolve("data/ETH_BTC-5m.json");
    BarFiles.forEach(eth, null, ReadOptions.DEFAULT, bars::add);
    String symbol = BarFiles.defaultSymbol(eth);
    MemberAddress at = new MemberAddress("127.0.0.1", MemberProcess.freePort());
    Config member = ClusterMember.config(ConfigFactory.load(), List.of(ClusterRole.FEED.id()), at, List.of(MemberAddress.parse(seed, "--seed", false)));
    ActorSystem<Void> system = ClusterMember.start(ClusterMember.guardian(home, new AtomicBoolean()), member, at);
    try {
      ClusterMember.awaitUp(system, List.of(MemberAddress.parse(seed, "--seed", false)), Duration.ofSeconds(60));
      ActorRef<PerformanceCommand> nobody = system.systemActorOf(Behaviors.<PerformanceCommand>ignore(), "ignore-performance", org.apache.pekko.actor.typed.Props.empty());
      EntityRef<StepMessage> remote = ClusterSharding.get(system).entityRefFor(DeskEntity.TYPE, symbol);
      DeskCommand.Decision first = AskPattern.<StepMessage, DeskCommand.Decision>ask(remote, r -> {
        remote.tell(new DeskEntity.Start(settings, List.of(symbol), nobody, null));
        return bar(bars.get(0), r);
      }, Duration.ofSeconds(30), system.scheduler()).toCompletableFuture().get(40, TimeUnit.SECONDS);
      if (first == null) throw new IllegalStateException("no decision");
      long[] across = time(bars.subList(1, bars.size()), b -> AskPattern.<StepMessage, DeskCommand.Decision>ask(remote, r -> bar(b, r), Duration.ofSeconds(10), system.scheduler()));

      NodeSettings node = DeskEntity.settings(new DeskEntity.Start(settings, List.of(symbol), nobody, null), home);
      ActorRef<DeskCommand> local = system.systemActorOf(DeskActor.create(symbol, node.specialistsBySymbol().get(symbol), node.metaController(symbol), node.swaps(), nobody),
          "local-desk", org.apache.pekko.actor.typed.Props.empty());
      long[] within = time(bars, b -> AskPattern.<DeskCommand, DeskCommand.Decision>ask(local, r -> bar(b, r), Duration.ofSeconds(10), system.scheduler()));
      System.out.printf(Locale.ROOT, "a desk's round trip (bar in, decision back), %,d bars one at a time: across members p50 %.0f us, p99 %.0f us;"
          + " in one JVM p50 %.0f us, p99 %.0f us%n", across.length, pct(across, 50), pct(across, 99), pct(within, 50), pct(within, 99));
    } finally {
      ClusterMember.shutdown(system);
    }
  }

  private static DeskCommand.OnBar bar(Bar b, ActorRef<DeskCommand.Decision> replyTo) {
    return new DeskCommand.OnBar(b, 10_000, 0, List.of(), List.of(), false, TradingState.ACTIVE, replyTo);
  }

  private static long[] time(List<Bar> bars, Function<Bar, java.util.concurrent.CompletionStage<DeskCommand.Decision>> ask) throws Exception {
    long[] nanos = new long[bars.size()];
    for (int i = 0; i < bars.size(); i++) {
      long t = System.nanoTime();
      ask.apply(bars.get(i)).toCompletableFuture().get(20, TimeUnit.SECONDS);
      nanos[i] = System.nanoTime() - t;
    }
    return nanos;
  }

  private static double pct(long[] nanos, int p) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e3;
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  private ClusterSpeedBenchmark() {}
}
