package io.troupe.app.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.model.InvalidInputException;
import io.troupe.app.config.UserConfig;
import io.troupe.app.backtest.BacktestOutput;
import io.troupe.app.backtest.BacktestResult;
import io.troupe.app.backtest.BacktestRunner;
import io.troupe.app.backtest.NoMessageSerialization;
import io.troupe.app.backtest.NodeHost;
import io.troupe.app.cluster.ClusterRunHost;
import io.troupe.app.cluster.ClusterMember;
import io.troupe.app.cluster.MemberAddress;
import io.troupe.app.backtest.BacktestSettings;
import io.troupe.gateway.sim.LatencyModel;
import io.troupe.app.backtest.DataFit;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.OnBadRow;
import io.troupe.market.ReadOptions;
import io.troupe.market.ReadReport;
import io.troupe.market.Timeframe;
import io.troupe.market.Timestamps;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code troupe backtest}: recorded bars through the real actors and the simulated exchange; a report out. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    footer = {"%nExamples:", "  troupe backtest", "  troupe backtest --strategy ema-cross --param fast=10 --param slow=40 --taker-fee 0.05", "  troupe backtest --data data/ETH_BTC-5m.json data/LTC_BTC-5m.json --timeframe 1h --out runs/alts",
        "  troupe backtest --cluster --bind 127.0.0.1:25522 --seed 127.0.0.1:25520 --desk-members 2 (docs/cluster.md)"},
    sortOptions = false,
    description = {
      "Run a backtest through the trading actors on recorded bars.",
      "Writes summary.json, trades.csv, orders.csv, equity.csv, regimes.csv and report.html.",
      "With no options: the four regime specialists on the bundled BTC perpetual 1m data."
    })
public class BacktestCommand implements Callable<Integer> {

  @Option(names = "--data", arity = "1..*", paramLabel = "FILE", description = "Bar files, one symbol each, run side by side (default: troupe.backtest.data).")
  List<Path> data;

  @Option(names = "--timeframe", paramLabel = "TF", converter = DataOptions.TimeframeConverter.class, description = "Resample to this timeframe, e.g. 5m, 1h, 1d.")
  Timeframe timeframe;

  @Option(names = "--on-bad-row", paramLabel = "fail|skip", defaultValue = "fail", converter = DataOptions.OnBadRowConverter.class,
      description = "fail (default): stop at the first bad row; skip: drop bad rows and count them.")
  OnBadRow onBadRow;

  @Option(names = "--strategy", paramLabel = "NAME",
      description = "specialists (default: the regime specialists under the meta-controller), or one strategy: sma-cross, ema-cross, breakout, bb-rsi, ou-zscore, flow-imbalance, confirmed-breakout.")
  String strategy;

  @Option(names = "--bare",
      description = "Run the strategy as written: entries and exits at market on its signals; no exit rules, no risk limits beyond "
          + "available cash and margin, no breakers, no maker entries (troupe.backtest.bare).")
  Boolean bare;

  @Option(names = "--compare-bare",
      description = "Run the same strategy bare as well: its equity beside this run's in report.html, its headline figures in "
          + "summary.json (bare_comparison) and in the summary.")
  boolean compareBare;

  @Option(names = "--swap", paramLabel = "TIME:SYMBOL:NAME:GENOME_FILE",
      description = "Hot-swap a specialist in event time: at TIME (e.g. 2022-01-10T00:00:00Z) the desk of SYMBOL takes the genome as NAME "
          + "(replacing NAME, else added), after a warm-up in shadow; GENOME_FILE - removes NAME. Repeatable (troupe.backtest.swaps).")
  List<String> swaps;

  @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Strategy parameter, e.g. --param period=30.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--cash", paramLabel = "AMOUNT", description = "Starting cash (default 10000).")
  Double cash;

  @Option(names = "--stake", paramLabel = "UNITS", description = "Fixed position size in units.")
  Double stake;

  @Option(names = "--size-pct", paramLabel = "PERCENT", description = "Position size as percent of equity when one strategy runs (default 9).")
  Double sizePct;

  @Option(names = "--commission", paramLabel = "PERCENT", description = "Fee in percent of notional, maker and taker (default 0.1).")
  Double commission;

  @Option(names = "--maker-fee", paramLabel = "PERCENT",
      description = "Fee in percent of notional for fills that add liquidity (resting limits); negative for a rebate (default: --commission).")
  Double makerFee;

  @Option(names = "--taker-fee", paramLabel = "PERCENT",
      description = "Fee in percent of notional for fills that take liquidity (market, stop, marketable limit; default: --commission).")
  Double takerFee;

  @Option(names = "--commission-per-unit", paramLabel = "AMOUNT", description = "Fixed fee per unit (contract) instead of a percent.")
  Double commissionPerUnit;

  @Option(names = "--multiplier", paramLabel = "N", description = "Contract multiplier: P&L = price change x quantity x N (futures-like).")
  Double multiplier;

  @Option(names = "--margin", paramLabel = "AMOUNT", description = "Margin reserved per contract instead of the price (futures-like).")
  Double margin;

  @Option(names = "--slippage-bps", paramLabel = "BPS", description = "Slippage against the taker in basis points (default 5).")
  Double slippageBps;

  @Option(names = "--fill", paramLabel = "next-open|close", description = "Market orders fill at the next bar's open (default) or the deciding bar's close (optimistic).")
  String fill;

  @Option(names = "--latency", paramLabel = "SPEC",
      description = "Event time from sending an order, cancel or modify to the matching engine: a duration (250ms, 2s, 1m), "
          + "uniform:MIN,MAX or exponential:MEAN (default 0: none).")
  String latency;

  @Option(names = "--latency-seed", paramLabel = "N", description = "Seed of a random --latency; the same seed draws the same latencies (default 1).")
  Long latencySeed;

  @Option(names = "--allow-short", description = "Let SHORT signals open short positions.")
  Boolean allowShort;

  @Option(names = "--from", paramLabel = "TIME", description = "First bar time to include (ISO date or date-time, UTC).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Bars from this time on are left out.")
  String to;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder (default: a new folder per run, runs/TIME-STRATEGY, with runs/latest pointing at the newest).")
  Path out;

  @Option(names = "--plugins", paramLabel = "DIR", description = "A folder of strategy plugin jars (see docs/strategies.md); their strategies join the built-in ones.")
  Path plugins;

  @Option(names = "--config", paramLabel = "FILE", description = "A HOCON file over the packaged configuration.")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any configuration key, e.g. --set troupe.risk.max-position-pct=5.")
  Map<String, String> sets = new LinkedHashMap<>();

  @Option(names = "--quiet", description = "Print nothing but errors and counts of skipped bad rows.")
  boolean quiet;

  @Option(names = "--cluster",
      description = "Run on a cluster (docs/cluster.md): this process joins as the account and feed member at --bind, the desks run sharded on "
          + "the desk members (troupe node --role desk); the results are those of the same run in one process.")
  boolean cluster;

  @Option(names = "--bind", paramLabel = "HOST:PORT", description = "With --cluster: where this member listens (e.g. 127.0.0.1:25522).")
  String bind;

  @Option(names = "--seed", arity = "1..*", paramLabel = "HOST:PORT", description = "With --cluster: the seed members to join through.")
  List<String> seeds;

  @Option(names = "--desk-members", paramLabel = "N", defaultValue = "1",
      description = "With --cluster: wait for this many desk members before the run, so the desks spread over all of them (default 1).")
  int deskMembers;

  @Option(names = "--join-timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "With --cluster: the longest wait to join, for the desk members and for each desk (default 60).")
  int joinTimeout;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OutputPaths.checkFolder(out, "--out");
    checkClusterOptions();
    if (plugins != null) StrategyPlugins.load(plugins);
    Config config = resolveConfig();
    boolean newRun = out == null;
    Path out = newRun ? OutputPaths.newRun(OutputPaths.RUNS, config.getString("troupe.backtest.strategy"), Instant.now()) : this.out;
    Path home = home();
    BacktestSettings settings = BacktestSettings.fromConfig(config, home, time(from, "--from"), time(to, "--to"));
    if (compareBare && settings.bare()) {
      throw new InvalidInputException("--compare-bare: this run is bare already (" + (bare != null ? "--bare" : "troupe.backtest.bare = true")
          + "); compare a normal run with its bare twin by dropping " + (bare != null ? "--bare" : "the key"));
    }
    ReadOptions readOptions = ReadOptions.of(onBadRow, config);
    // One quick pass over the files before the run: it finds a bad row or data that does not fit the options at once,
    // and gives the progress bar its span.
    BacktestRunner runner = cluster
        ? new BacktestRunner(settings, config, readOptions, timeframe, true, clusterHost(config, home, true))
        : new BacktestRunner(settings, NoMessageSerialization.apply(config), readOptions, timeframe, true);
    io.troupe.app.adviser.AdviserSetup adviser = io.troupe.app.adviser.AdviserSetup.forBacktest(config, out, System.getenv());
    if (adviser != null && cluster) throw new InvalidInputException("troupe.adviser: not with --cluster (the adviser runs in a one-process backtest)");
    runner.withAdviser(adviser);
    // The run takes the bars of this pass: each file is read once.
    Map<String, List<Bar>> bars = new LinkedHashMap<>();
    List<ReadReport> reads = read(runner.symbols(), readOptions, bars);
    DataFit.requireTimeframe(reads, timeframe);
    DataFit.requireMaxAgeOfABar(reads, timeframe, settings.exits());
    Progress progress = Progress.forTerminal(!quiet, spec.commandLine().getErr());
    long rows = reads.stream().mapToLong(ReadReport::rows).sum();
    // With --compare-bare the bar covers both runs: the twin reads the same bars again.
    progress.total(compareBare ? 2 * rows : rows);

    // A learned specialist's models are saved with the run (models/); without one nothing is written.
    io.troupe.app.learned.RunModels models = new io.troupe.app.learned.RunModels();
    io.troupe.learned.ModelArchive.install(models);
    BacktestResult result;
    try {
      result = runner.runRead(bars, reads, progress::at);
    } finally {
      io.troupe.learned.ModelArchive.install(null);
    }
    // The twin runs the very same actors on the same data, only under the settings with the overlays off.
    BacktestResult bareTwin = compareBare
        ? new BacktestRunner(settings.withoutOverlays(), NoMessageSerialization.apply(config), readOptions, timeframe, false)
            .runRead(bars, reads, n -> progress.at(rows + n))
        : null;
    progress.done();
    // Skipped rows are reported even under --quiet: dropped data is never silent.
    SkippedRows.report(spec.commandLine().getErr(), result.reads());
    DataFit.requireBars(result.bars(), result.reads(), settings.from(), settings.to());

    OutputPaths.createFolder(out, "--out");
    // The cache before the report: summary.json comes last, so a folder with one is complete.
    if (adviser != null) adviser.writeCache(result.advice().added(), out);
    models.writeInto(out);
    String summary = BacktestOutput.write(out, result, bareTwin, models.reportSections());
    if (newRun) OutputPaths.pointLatest(out);
    if (!quiet) {
      PrintWriter o = spec.commandLine().getOut();
      o.print(summary);
      if (!models.isEmpty()) o.print(io.troupe.app.learned.LearnedSummary.lines(models));
      o.println("output: " + out.toAbsolutePath().normalize());
      o.flush();
    }
    return TroupeCli.EXIT_OK;
  }

  /** The cluster options, checked before anything runs; without --cluster none of them may be given. */
  void checkClusterOptions() {
    if (!cluster) {
      if (bind != null || seeds != null) throw new InvalidInputException((bind != null ? "--bind" : "--seed") + ": give --cluster too, to run on a cluster");
      return;
    }
    if (bind == null) throw new InvalidInputException("--cluster: give --bind HOST:PORT, where this member listens");
    if (seeds == null || seeds.isEmpty()) throw new InvalidInputException("--cluster: give --seed HOST:PORT..., the members to join through");
    if (compareBare) throw new InvalidInputException("--compare-bare: not with --cluster (a clustered run runs one node); run the comparison in one process");
    if (plugins != null) throw new InvalidInputException("--plugins: not with --cluster yet (the desk members would need the plugin too)");
    if (deskMembers < 1) throw new InvalidInputException("--desk-members must be >= 1, got " + deskMembers);
    if (joinTimeout < 1) throw new InvalidInputException("--join-timeout must be >= 1 second, got " + joinTimeout);
    MemberAddress.parse(bind, "--bind", true);
    for (String seed : seeds) MemberAddress.parse(seed, "--seed", false);
  }

  /** {@code exclusive}: refuse another account member (a backtest); a paper session's stand by instead. */
  ClusterRunHost clusterHost(Config config, Path home, boolean exclusive) {
    PrintWriter o = spec.commandLine().getOut();
    return new ClusterRunHost(MemberAddress.parse(bind, "--bind", true), seeds.stream().map(s -> MemberAddress.parse(s, "--seed", false)).toList(),
        deskMembers, java.time.Duration.ofSeconds(joinTimeout), home, config, line -> {
          o.println(line);
          o.flush();
        }, exclusive);
  }

  /** The packaged configuration with another strategy and its default parameters (for the benchmark). */
  Config resolveConfigFor(String strategyName) {
    this.strategy = strategyName;
    return resolveConfig();
  }

  /**
   * Flags over --set over --config over the packaged configuration. Every layer is stamped with where it came from,
   * so a bad value is reported under the option or --set the user typed; an unknown key is refused here.
   */
  Config resolveConfig() {
    UserConfig user = UserConfig.packaged();
    // On a cluster, cluster.conf sits between the packaged configuration and the user's layers.
    Config c = cluster ? ClusterMember.withClusterDefaults(ConfigFactory.load()) : ConfigFactory.load();
    if (configFile != null) c = user.withFile(c, configFile);
    for (var e : sets.entrySet()) c = user.withSet(c, e.getKey(), e.getValue());
    if (data != null) c = option(c, "troupe.backtest.data", "--data", data.stream().map(Path::toString).toList());
    if (strategy != null) {
      c = option(c, "troupe.backtest.strategy", "--strategy", strategy);
      c = c.withoutPath("troupe.backtest.params"); // another strategy's parameters do not carry over
      c = option(c, "troupe.backtest.params", "--strategy", Map.of());
    }
    if (!params.isEmpty()) {
      if (BacktestSettings.SPECIALISTS.equals(c.getString("troupe.backtest.strategy"))) {
        throw new InvalidInputException("--param " + params.keySet().iterator().next() + ": give --strategy NAME too; --param sets a single"
            + " strategy's parameters, and the regime specialists take theirs from their genomes (troupe.specialists.dir)");
      }
      c = option(c, "troupe.backtest.params", "--param", params);
    }
    if (bare != null) c = option(c, "troupe.backtest.bare", "--bare", bare);
    if (swaps != null) c = option(c, "troupe.backtest.swaps", "--swap", swaps);
    if (cash != null) c = option(c, "troupe.account.cash", "--cash", cash);
    if (stake != null) {
      c = option(c, "troupe.backtest.stake", "--stake", stake);
      c = option(c, "troupe.backtest.size-pct", "--stake", 0);
    }
    if (sizePct != null) {
      c = option(c, "troupe.backtest.size-pct", "--size-pct", sizePct);
      c = option(c, "troupe.backtest.stake", "--size-pct", 0);
    }
    if (commission != null) {
      c = option(c, "troupe.backtest.commission-pct", "--commission", commission);
      c = option(c, "troupe.backtest.maker-fee-pct", "--commission", commission);
      c = option(c, "troupe.backtest.taker-fee-pct", "--commission", commission);
    }
    if (makerFee != null) {
      if (!Double.isFinite(makerFee)) throw new InvalidInputException("--maker-fee must be a number, got " + makerFee);
      c = option(c, "troupe.backtest.maker-fee-pct", "--maker-fee", makerFee);
    }
    if (takerFee != null) {
      if (!(takerFee >= 0) || !Double.isFinite(takerFee)) throw new InvalidInputException("--taker-fee must be >= 0, got " + takerFee);
      c = option(c, "troupe.backtest.taker-fee-pct", "--taker-fee", takerFee);
    }
    if (commissionPerUnit != null) {
      c = option(c, "troupe.backtest.commission-per-unit", "--commission-per-unit", commissionPerUnit);
      if (commission == null) c = option(c, "troupe.backtest.commission-pct", "--commission-per-unit", 0);
    }
    if (multiplier != null) c = option(c, "troupe.backtest.multiplier", "--multiplier", multiplier);
    if (margin != null) c = option(c, "troupe.backtest.margin", "--margin", margin);
    if (slippageBps != null) c = option(c, "troupe.backtest.slippage-bps", "--slippage-bps", slippageBps);
    if (fill != null) c = option(c, "troupe.backtest.fill", "--fill", fill);
    if (latency != null) {
      try {
        LatencyModel.parse(latency, 0);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("--latency: " + e.getMessage());
      }
      c = option(c, "troupe.backtest.latency", "--latency", latency);
    }
    if (latencySeed != null) c = option(c, "troupe.backtest.latency-seed", "--latency-seed", latencySeed);
    if (allowShort != null) c = option(c, "troupe.backtest.allow-short", "--allow-short", allowShort);
    return c.resolve();
  }

  /** {@code value} at {@code key}, stamped with the option and the text the user typed for it. */
  private Config option(Config c, String key, String option, Object value) {
    return UserConfig.withOption(c, key, option, typed(option, value), value);
  }

  /** The text typed for {@code option} on this command line (as typed: 0, not 0.0), else the value's own text. */
  private String typed(String option, Object value) {
    if (spec != null && spec.commandLine().getParseResult() != null) {
      var matched = spec.commandLine().getParseResult().matchedOption(option);
      if (matched != null && !matched.stringValues().isEmpty() && !(value instanceof Map) && !(value instanceof List)) {
        List<String> typed = matched.stringValues();
        return typed.get(typed.size() - 1);
      }
    }
    return String.valueOf(value);
  }

  static Path home() {
    String h = System.getProperty("troupe.home");
    return Path.of(h != null ? h : ".").toAbsolutePath().normalize();
  }

  static Instant time(String text, String option) {
    if (text == null) return null;
    try {
      return Instant.ofEpochMilli(Timestamps.parse(text));
    } catch (RuntimeException e) {
      throw new InvalidInputException(option + ": '" + text + "' is not a date or date-time (e.g. 2022-01-05 or 2022-01-05T12:00:00Z)");
    }
  }

  /**
   * What each file holds, read once without resampling, its bars into {@code bars} by symbol. The files are read side by
   * side, one per core; a bad file is reported as if they were read in order: the first one, in file order, that fails.
   */
  static List<ReadReport> read(Map<String, Path> files, ReadOptions options, Map<String, List<Bar>> bars) {
    for (String symbol : files.keySet()) bars.put(symbol, new ArrayList<>());
    int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
    if (threads <= 1) {
      List<ReadReport> reads = new ArrayList<>();
      for (var f : files.entrySet()) reads.add(BarFiles.forEach(f.getValue(), f.getKey(), options, bars.get(f.getKey())::add));
      return reads;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "troupe-check-data");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<ReadReport>> pending = new ArrayList<>();
      // Each file's list is filled by one thread only; Future.get makes it visible here.
      for (var f : files.entrySet()) pending.add(pool.submit(() -> BarFiles.forEach(f.getValue(), f.getKey(), options, bars.get(f.getKey())::add)));
      List<ReadReport> reads = new ArrayList<>();
      for (Future<ReadReport> f : pending) {
        try {
          reads.add(f.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) throw r;
          if (e.getCause() instanceof Error err) throw err;
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while checking the data files", e);
        }
      }
      return reads;
    } finally {
      pool.shutdownNow();
    }
  }

}
