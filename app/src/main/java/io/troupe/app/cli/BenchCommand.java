package io.troupe.app.cli;

import io.troupe.node.DirectLoop;
import io.troupe.app.backtest.DirectLoops;

import com.typesafe.config.Config;
import io.troupe.app.backtest.BacktestResult;
import io.troupe.app.backtest.BacktestRunner;
import io.troupe.app.backtest.NodeHost;
import io.troupe.app.backtest.ReusedSystem;
import io.troupe.app.backtest.BacktestSettings;
import io.troupe.app.backtest.NoMessageSerialization;
import io.troupe.app.backtest.StepGrouping;
import io.troupe.indicator.IndicatorSet;
import io.troupe.indicator.IndicatorSpec;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code troupe bench}: speed figures printed in one run, so they share the machine's conditions. Bars are loaded into
 * memory first; what is timed is the decision path, through the actors and through a plain loop of the same code.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    footer = {"%nExamples:", "  troupe bench", "  troupe bench --only \"8 symbols\" --rounds 5"}, description = "Print bars/s: reading and indicators; the actor pipeline vs a plain loop, 1 and 8 symbols.")
final class BenchCommand implements Callable<Integer> {

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "10", description = "Timed rounds per case (default ${DEFAULT-VALUE}); the median is printed.")
  int rounds;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "20",
      description = "Untimed rounds before each case, at least (default ${DEFAULT-VALUE}); see --warmup-time.")
  int warmup;

  @Option(names = "--warmup-time", paramLabel = "SECONDS", defaultValue = "5",
      description = "Untimed rounds go on until this much time has passed too (default ${DEFAULT-VALUE}; 0: --warmup rounds only). The actor path reaches its steady state only once the JIT has compiled it, which on 2 cores takes some seconds whatever the round's length.")
  double warmupTime;

  @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "ema-cross", description = "Strategy for the pipeline cases (default ${DEFAULT-VALUE}).")
  String strategy;

  @Option(names = "--fresh-system",
      description = "Start and stop an actor system in every round of the pipeline cases, as one ./troupe backtest does (the default shares one across the rounds, as a search's candidates do).")
  boolean freshSystem;

  @Option(names = "--only", paramLabel = "TEXT", description = "Run only the rows whose label contains this text (e.g. \"plain loop, 8 symbols\"), for profiling one case.")
  String only;

  @Spec CommandSpec spec;

  private boolean wanted(String label) {
    return only == null || label.contains(only);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path home = Path.of(System.getProperty("troupe.home", ".")).toAbsolutePath().normalize();
    Path btc = home.resolve("data/btc-perp-20211231-20220201_1m.csv");
    List<Path> pairs = new ArrayList<>();
    for (String p : List.of("ADA", "DASH", "ETC", "ETH", "LTC", "XLM", "XMR", "ZEC")) pairs.add(home.resolve("data/" + p + "_BTC-5m.json"));

    String bad = rounds < 1 ? "--rounds " + rounds + ": must be at least 1"
        : warmup < 0 ? "--warmup " + warmup + ": must be at least 0"
        : !(warmupTime >= 0 && warmupTime <= 3600) ? "--warmup-time " + warmupTime + ": must be 0 to 3600 seconds" : null;
    if (bad != null) {
      spec.commandLine().getErr().println("error: " + bad);
      return TroupeCli.EXIT_BAD_INPUT;
    }
    out.printf("troupe bench: %d cores, %s, per case at least %d warm-up rounds and %.0f s of them, then %d timed rounds (median)%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), warmup, warmupTime, rounds);
    out.printf("%-58s %10s %14s %14s %14s%n", "case", "bars", "bars/s", "bars/cpu-s", "best bars/s");

    long[] n = new long[1];
    if (wanted("read BTC 1m CSV")) {
      double read = median(() -> {
        n[0] = 0;
        BarFiles.forEach(btc, null, ReadOptions.DEFAULT, b -> n[0]++);
      });
      out.printf("%-58s %10d %,14.0f %,14.0f %,14.0f%n", "read BTC 1m CSV", n[0], n[0] / read, n[0] / lastCpu, n[0] / lastBest);
    }

    List<Bar> btcBars = load(btc);
    String all = String.join(",", IndicatorSpec.available().stream().map(BenchCommand::instance).toList());
    String indicatorsLabel = "all " + IndicatorSpec.available().size() + " indicators, BTC 1m";
    if (wanted(indicatorsLabel)) {
      double ind = median(() -> {
        IndicatorSet set = IndicatorSet.parse(all);
        for (Bar b : btcBars) set.update(b);
      });
      out.printf("%-58s %10d %,14.0f %,14.0f %,14.0f%n", indicatorsLabel, btcBars.size(), btcBars.size() / ind, btcBars.size() / lastCpu, btcBars.size() / lastBest);
    }

    if (wanted("read BTC 1m CSV + all indicators")) {
      double both = median(() -> {
        IndicatorSet set = IndicatorSet.parse(all);
        BarFiles.forEach(btc, null, ReadOptions.DEFAULT, set::update);
      });
      out.printf("%-58s %10d %,14.0f %,14.0f %,14.0f%n", "read BTC 1m CSV + all indicators", btcBars.size(), btcBars.size() / both, btcBars.size() / lastCpu, btcBars.size() / lastBest);
    }

    Config singleConfig = new BacktestCommand().resolveConfigFor(strategy);
    BacktestSettings single = BacktestSettings.fromConfig(singleConfig, home, null, null);
    Map<String, List<Bar>> one = Map.of("BTC-PERP", btcBars);
    Map<String, List<Bar>> eight = new LinkedHashMap<>();
    for (Path p : pairs) eight.put(BarFiles.defaultSymbol(p), load(p));
    long eightBars = eight.values().stream().mapToLong(List::size).sum();
    // The same eight series with symbol i shifted by i minutes: no two share a timestamp, so most steps hold one bar.
    Map<String, List<Bar>> unaligned = new LinkedHashMap<>();
    int shift = 0;
    for (var e : eight.entrySet()) {
      long by = 60_000L * shift++;
      List<Bar> moved = new ArrayList<>(e.getValue().size());
      for (Bar b : e.getValue()) moved.add(new Bar(b.symbol(), b.time() + by, b.open(), b.high(), b.low(), b.close(), b.volume()));
      unaligned.put(e.getKey(), moved);
    }

    Config specialistsConfig = new BacktestCommand().resolveConfigFor(BacktestSettings.SPECIALISTS);
    BacktestSettings specialists = BacktestSettings.fromConfig(specialistsConfig, home, null, null);
    record Case(String label, Map<String, List<Bar>> bars, BacktestSettings settings, Config config) {}
    List<Case> cases = List.of(
        new Case("1 symbol (BTC 1m), " + strategy, one, single, singleConfig),
        new Case("8 symbols (5m pairs), " + strategy, eight, single, singleConfig),
        new Case("8 unaligned symbols (5m pairs), " + strategy, unaligned, single, singleConfig),
        new Case("1 symbol (BTC 1m), 4 specialists", one, specialists, specialistsConfig),
        new Case("8 symbols (5m pairs), 4 specialists", eight, specialists, specialistsConfig));
    String systemLabel = "an actor system's start and stop (once a backtest), ms";
    if (wanted(systemLabel)) {
      Config systemConfig = BacktestRunner.systemConfig(NoMessageSerialization.apply(singleConfig));
      double startStop = median(() -> NodeHost.terminate(org.apache.pekko.actor.typed.ActorSystem.create(
          org.apache.pekko.actor.typed.javadsl.Behaviors.empty(), "troupe", systemConfig)));
      out.printf("%-58s %10s %14.1f%n", systemLabel, "", startStop * 1000);
    }
    for (Case c : cases) {
      Map<String, List<Bar>> bars = c.bars();
      BacktestSettings settings = c.settings();
      Config config = c.config();
      long count = bars == one ? btcBars.size() : eightBars;
      boolean timeActors = wanted("actors, " + c.label());
      boolean timeLoop = wanted("plain loop, " + c.label());
      // The rounds share one actor system, as a search's candidates do: each round starts its node from nothing and
      // stops it; the system's own start and stop are a row of their own, above.
      long[] trades = new long[2];
      double actors;
      try (ReusedSystem system = new ReusedSystem()) {
        BacktestRunner runner = new BacktestRunner(settings, NoMessageSerialization.apply(config), ReadOptions.DEFAULT, null, false,
            freshSystem ? NodeHost.LOCAL : system);
        actors = !timeActors ? Double.NaN : median(() -> {
          BacktestResult r = runner.runBars(bars, t -> {});
          trades[0] = r.positions().trades().size();
        });
      }
      double actorsCpu = lastCpu;
      double actorsBest = lastBest;
      List<List<Bar>> steps = StepGrouping.steps(bars);
      double loop = !timeLoop ? Double.NaN : median(() -> {
        DirectLoop d = DirectLoops.of(settings.node(new ArrayList<>(bars.keySet())), settings);
        for (List<Bar> step : steps) d.step(step);
        trades[1] = d.trades().size();
      });
      double loopCpu = lastCpu;
      double loopBest = lastBest;
      if (timeActors) out.printf("%-58s %10d %,14.0f %,14.0f %,14.0f%n", "actors, " + c.label(), count, count / actors, count / actorsCpu, count / actorsBest);
      if (timeLoop) out.printf("%-58s %10d %,14.0f %,14.0f %,14.0f%n", "plain loop, " + c.label(), count, count / loop, count / loopCpu, count / loopBest);
      if (timeActors && timeLoop) {
        out.printf("%-58s %10s %14.2f   (trades: actors %d, loop %d)%n", "  ratio loop/actors", "", actors / loop, trades[0], trades[1]);
      }
    }
    out.flush();
    return TroupeCli.EXIT_OK;
  }

  private static String instance(String signature) {
    // "sma(n)" -> "sma(20)"; "rvol(n[,barsPerYear])" -> "rvol(20)"; "vwap[(n)]" -> "vwap"
    String name = signature.replaceAll("[\\[(].*", "");
    return switch (name) {
      case "macd" -> "macd(12,26,9)";
      case "stoch" -> "stoch(14,3,3)";
      case "bbands" -> "bbands(20,2)";
      case "trange", "obv", "vwap" -> name;
      default -> name + "(20)";
    };
  }

  private static List<Bar> load(Path p) {
    List<Bar> bars = new ArrayList<>();
    BarFiles.forEach(p, null, ReadOptions.DEFAULT, bars::add);
    return bars;
  }

  /** CPU seconds of the whole process per round, the mean over the timed rounds of the last {@link #median} call; NaN where not known. */
  private double lastCpu = Double.NaN;

  /**
   * Seconds of the fastest timed round of the last {@link #median} call: on a machine shared with other work, the
   * round that ran with the fewest interruptions, which moves less with the load than the median does.
   */
  private double lastBest = Double.NaN;

  /**
   * Seconds per round: the warm-up rounds (at least {@link #warmup} of them and {@link #warmupTime} seconds), then the
   * median of the timed rounds. Also keeps the process's CPU time per
   * round ({@link #lastCpu}): on a shared machine it says more than the wall clock, since time spent waiting for a core
   * does not count. It is the total over the timed rounds divided by their number: the operating system counts CPU time
   * in ticks of about 10 ms, too coarse for one round of a tenth of a second.
   */
  private double median(Runnable body) {
    long warmUntil = System.nanoTime() + (long) (warmupTime * 1e9);
    for (int i = 0; i < warmup || System.nanoTime() < warmUntil; i++) body.run();
    double[] t = new double[rounds];
    long cpuStart = processCpuNanos();
    for (int i = 0; i < rounds; i++) {
      long s = System.nanoTime();
      body.run();
      t[i] = (System.nanoTime() - s) / 1e9;
    }
    lastCpu = cpuStart < 0 ? Double.NaN : (processCpuNanos() - cpuStart) / 1e9 / rounds;
    Arrays.sort(t);
    lastBest = t[0];
    return t[rounds / 2];
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
  }
}
