package io.troupe.app.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.troupe.model.InvalidInputException;
import io.troupe.app.backtest.BacktestOutput;
import io.troupe.app.backtest.BacktestResult;
import io.troupe.app.backtest.BacktestRunner;
import io.troupe.app.backtest.NoMessageSerialization;
import io.troupe.app.backtest.BacktestSettings;
import io.troupe.market.BarFiles;
import io.troupe.market.OnBadRow;
import io.troupe.market.ReadOptions;
import io.troupe.market.ReadReport;
import io.troupe.market.Timeframe;
import io.troupe.market.Timestamps;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code troupe backtest}: recorded bars through the real actors and the simulated exchange; a report out. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
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

  @Option(names = "--allow-short", description = "Let SHORT signals open short positions.")
  Boolean allowShort;

  @Option(names = "--from", paramLabel = "TIME", description = "First bar time to include (ISO date or date-time, UTC).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Bars from this time on are left out.")
  String to;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/backtest", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--config", paramLabel = "FILE", description = "A HOCON file over the packaged configuration.")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any configuration key, e.g. --set troupe.risk.max-position-pct=5.")
  Map<String, String> sets = new LinkedHashMap<>();

  @Option(names = "--quiet", description = "Print nothing but errors.")
  boolean quiet;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config config = resolveConfig();
    Path home = home();
    BacktestSettings settings = BacktestSettings.fromConfig(config, home, time(from, "--from"), time(to, "--to"));
    ReadOptions readOptions = new ReadOptions(onBadRow);
    Progress progress = Progress.forTerminal(!quiet && System.console() != null, spec.commandLine().getErr());
    if (progress.enabled()) progress.span(span(settings, readOptions));

    BacktestRunner runner = new BacktestRunner(settings, NoMessageSerialization.apply(config), readOptions, timeframe, true);
    BacktestResult result = runner.run(progress::at);
    progress.done();

    Files.createDirectories(out);
    String summary = BacktestOutput.write(out, result);
    if (!quiet) {
      PrintWriter o = spec.commandLine().getOut();
      o.print(summary);
      o.println("output: " + out.toAbsolutePath().normalize());
      o.flush();
    }
    return TroupeCli.EXIT_OK;
  }

  /** The packaged configuration with another strategy and its default parameters (for the benchmark). */
  Config resolveConfigFor(String strategyName) {
    this.strategy = strategyName;
    return resolveConfig();
  }

  /** Flags over --set over --config over the packaged configuration. */
  Config resolveConfig() {
    Config base = ConfigFactory.load();
    if (configFile != null) {
      if (!Files.isRegularFile(configFile)) throw new InvalidInputException("--config: no such file " + configFile);
      base = ConfigFactory.parseFile(configFile.toFile()).withFallback(base).resolve();
    }
    Config c = base;
    for (var e : sets.entrySet()) {
      try {
        c = ConfigFactory.parseString(e.getKey() + " = " + e.getValue()).withFallback(c);
      } catch (com.typesafe.config.ConfigException ex) {
        throw new InvalidInputException("--set " + e.getKey() + "=" + e.getValue() + ": " + ex.getMessage());
      }
    }
    Map<String, Object> flags = new LinkedHashMap<>();
    if (data != null) flags.put("troupe.backtest.data", data.stream().map(Path::toString).toList());
    if (strategy != null) {
      flags.put("troupe.backtest.strategy", strategy);
      c = c.withoutPath("troupe.backtest.params"); // another strategy's parameters do not carry over
      flags.put("troupe.backtest.params", Map.of());
    }
    if (!params.isEmpty()) flags.put("troupe.backtest.params", params);
    if (cash != null) flags.put("troupe.account.cash", cash);
    if (stake != null) {
      flags.put("troupe.backtest.stake", stake);
      flags.put("troupe.backtest.size-pct", 0);
    }
    if (sizePct != null) {
      flags.put("troupe.backtest.size-pct", sizePct);
      flags.put("troupe.backtest.stake", 0);
    }
    if (commission != null) flags.put("troupe.backtest.commission-pct", commission);
    if (commissionPerUnit != null) {
      flags.put("troupe.backtest.commission-per-unit", commissionPerUnit);
      if (commission == null) flags.put("troupe.backtest.commission-pct", 0);
    }
    if (multiplier != null) flags.put("troupe.backtest.multiplier", multiplier);
    if (margin != null) flags.put("troupe.backtest.margin", margin);
    if (slippageBps != null) flags.put("troupe.backtest.slippage-bps", slippageBps);
    if (fill != null) flags.put("troupe.backtest.fill", fill);
    if (allowShort != null) flags.put("troupe.backtest.allow-short", allowShort);
    for (var e : flags.entrySet()) c = c.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue()));
    return c;
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

  /** The data's time span, for the progress bar: one quick pass over the files, which also validates them. */
  static long[] span(BacktestSettings settings, ReadOptions options) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Path p : settings.data()) {
      ReadReport r = BarFiles.forEach(p, null, options, bar -> {});
      if (r.first() != null) first = Math.min(first, r.first().toEpochMilli());
      if (r.last() != null) last = Math.max(last, r.last().toEpochMilli());
    }
    if (settings.from() != null) first = Math.max(first, settings.from().toEpochMilli());
    if (settings.to() != null) last = Math.min(last, settings.to().toEpochMilli());
    return new long[] {first, last};
  }
}
