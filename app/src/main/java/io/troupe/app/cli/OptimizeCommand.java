package io.troupe.app.cli;

import com.typesafe.config.Config;
import io.troupe.app.backtest.BacktestResult;
import io.troupe.app.backtest.BacktestRunner;
import io.troupe.app.backtest.BacktestSettings;
import io.troupe.app.backtest.DataFit;
import io.troupe.app.backtest.NoMessageSerialization;
import io.troupe.app.report.AtomicFiles;
import io.troupe.app.report.BacktestMetrics;
import io.troupe.app.report.Csv;
import io.troupe.model.InvalidInputException;
import io.troupe.market.ReadOptions;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code troupe optimize}: a grid search over one strategy's parameters. Every combination of the {@code --grid} values
 * is backtested through the trading actors exactly as {@code troupe backtest} would run it (same options, same
 * overlays), and the runs are ranked by one metric. A plugin strategy ({@code --plugins}) is searched like a built-in one.
 */
@Command(
    name = "optimize",
    mixinStandardHelpOptions = true,
    footer = {"%nExamples:", "  troupe optimize --strategy ema-cross --grid fast=8,12,16 --grid slow=26..46:10 --to 2022-01-15",
        "  troupe optimize --plugins plugins --strategy donchian-trend --grid entry=20,40,55 --metric total_return"},
    sortOptions = false,
    description = {
      "Search a strategy's parameters: backtest every combination of the --grid values and rank them by --metric.",
      "Writes optimize.csv (one row per combination, best first) into --out; takes every backtest option."
    })
final class OptimizeCommand extends BacktestCommand {

  /** More runs than this is a mistake in the grid, not a search. */
  static final int MAX_RUNS = 500;

  static final List<String> COLUMNS = List.of("total_return", "annual_return", "sharpe", "sortino", "max_drawdown", "trade_count",
      "win_rate", "profit_factor", "fees", "final_value");

  @Option(names = "--grid", required = true, paramLabel = "KEY=VALUES",
      description = "A parameter and the values to try: a list (fast=8,12,16) or a range FROM..TO:STEP (slow=20..60:10). Repeat for more.")
  Map<String, String> grid = new LinkedHashMap<>();

  @Option(names = "--metric", paramLabel = "NAME", defaultValue = "sharpe",
      description = "Rank by this metric: total_return, annual_return, sharpe, sortino, max_drawdown (lower is better), trade_count, win_rate,"
          + " profit_factor, fees, final_value (default ${DEFAULT-VALUE}).")
  String metric;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Print the best N (optimize.csv has them all; default ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() throws Exception {
    OutputPaths.checkFolder(out, "--out");
    if (!COLUMNS.contains(metric)) throw new InvalidInputException("--metric: '" + metric + "' is not one of " + COLUMNS);
    if (top < 1) throw new InvalidInputException("--top must be at least 1, got " + top);
    if (compareBare) throw new InvalidInputException("--compare-bare: optimize ranks runs by their own metrics; backtest one of them with --compare-bare");
    if (plugins != null) StrategyPlugins.load(plugins);
    if (strategy == null || BacktestSettings.SPECIALISTS.equals(strategy)) {
      throw new InvalidInputException("--strategy NAME: optimize searches one strategy's parameters (troupe list strategies)");
    }
    for (String key : grid.keySet()) {
      if (params.containsKey(key)) throw new InvalidInputException("--grid " + key + ": also set by --param " + key + "; give it one way");
    }
    List<Map<String, String>> combinations = combinations(grid);
    if (combinations.size() > MAX_RUNS) {
      throw new InvalidInputException("--grid: " + combinations.size() + " combinations, more than " + MAX_RUNS + "; search a coarser grid");
    }
    Map<String, String> fixed = new LinkedHashMap<>(params);
    // Every combination is checked before the first runs: a bad value fails now, not after an hour.
    List<BacktestSettings> all = new ArrayList<>();
    Config config = null;
    for (Map<String, String> c : combinations) {
      params.clear();
      params.putAll(fixed);
      params.putAll(c);
      config = resolveConfig();
      all.add(BacktestSettings.fromConfig(config, home(), time(from, "--from"), time(to, "--to")));
    }
    ReadOptions readOptions = ReadOptions.of(onBadRow, config);
    var reads = read(all.get(0), readOptions);
    DataFit.requireTimeframe(reads, timeframe);
    PrintWriter o = spec.commandLine().getOut();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      BacktestSettings settings = all.get(i);
      BacktestResult result = new BacktestRunner(settings, NoMessageSerialization.apply(config), readOptions, timeframe, false).run(n -> {});
      if (i == 0) {
        SkippedRows.report(spec.commandLine().getErr(), result.reads());
        DataFit.requireBars(result.bars(), result.reads(), settings.from(), settings.to());
      }
      BacktestMetrics m = BacktestMetrics.compute(result.positions().equity(), result.positions().trades(), settings.cash(), result.positions().fees());
      Row row = new Row(combinations.get(i), m.toOrderedMap());
      rows.add(row);
      if (!quiet) {
        o.printf("run %d of %d: %s  %s %s%n", i + 1, all.size(), text(row.params()), metric, format(row.metrics().get(metric)));
        o.flush();
      }
    }
    rows.sort(ranking(metric));

    boolean newRun = out == null;
    Path dir = newRun ? OutputPaths.newRun(OutputPaths.RUNS, "optimize-" + strategy, Instant.now()) : out;
    OutputPaths.createFolder(dir, "--out");
    Path csv = dir.resolve("optimize.csv");
    AtomicFiles.DISK.write(csv, w -> {
      List<String> header = new ArrayList<>(List.of("rank"));
      header.addAll(grid.keySet());
      header.addAll(COLUMNS);
      CSVPrinter p = Csv.printer(w, header);
      for (int i = 0; i < rows.size(); i++) {
        List<Object> cells = new ArrayList<>();
        cells.add(i + 1);
        for (String k : grid.keySet()) cells.add(rows.get(i).params().get(k));
        // Full precision, as in summary.json (these are results to compare, not a ledger), in plain decimals.
        for (String k : COLUMNS) cells.add(plain(rows.get(i).metrics().get(k)));
        p.printRecord(cells);
      }
      p.flush();
    });
    if (newRun) OutputPaths.pointLatest(dir);
    if (!quiet) {
      o.println();
      o.printf("best %d of %d by %s (%s, %s):%n", Math.min(top, rows.size()), rows.size(), metric, strategy,
          fixed.isEmpty() ? "other parameters at their defaults" : "with " + text(fixed));
      for (int i = 0; i < Math.min(top, rows.size()); i++) {
        Row r = rows.get(i);
        o.printf("%3d  %-32s %s %-9s return %-8s max drawdown %-7s %s trades%n", i + 1, text(r.params()), metric, format(r.metrics().get(metric)),
            percent(r.metrics().get("total_return")), percent(r.metrics().get("max_drawdown")), r.metrics().get("trade_count"));
      }
      o.println("all runs: " + csv.toAbsolutePath().normalize());
      o.println("next: troupe backtest --strategy " + strategy + paramFlags(fixed) + paramFlags(rows.get(0).params()) + "   (the best, with its report)");
      o.flush();
    }
    return TroupeCli.EXIT_OK;
  }

  record Row(Map<String, String> params, Map<String, Object> metrics) {}

  /** Best first: highest metric (lowest for max_drawdown); undefined last; ties in grid order. */
  static Comparator<Row> ranking(String metric) {
    boolean lowerIsBetter = metric.equals("max_drawdown");
    return Comparator.comparing((Row r) -> r.metrics().get(metric) == null).thenComparing((Row r) -> {
      Object v = r.metrics().get(metric);
      double d = v == null ? 0 : ((Number) v).doubleValue();
      return lowerIsBetter ? d : -d;
    });
  }

  /** Every combination of the grid's values, the first key varying slowest. */
  static List<Map<String, String>> combinations(Map<String, String> grid) {
    List<Map<String, String>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (var e : grid.entrySet()) {
      List<String> values = values(e.getKey(), e.getValue());
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : out) {
        for (String v : values) {
          Map<String, String> m = new LinkedHashMap<>(partial);
          m.put(e.getKey(), v);
          next.add(m);
        }
      }
      out = next;
      if (out.size() > MAX_RUNS) break; // refused by the caller with the count so far
    }
    return out;
  }

  /** "8,12,16" or "20..60:10" (both ends included), as typed numbers. */
  static List<String> values(String key, String text) {
    String t = text.trim();
    List<String> out = new ArrayList<>();
    try {
      if (t.contains("..")) {
        String[] range = t.split("\\.\\.", 2);
        String[] toStep = range[1].split(":", 2);
        if (toStep.length != 2) throw new NumberFormatException();
        BigDecimal from = new BigDecimal(range[0].trim());
        BigDecimal to = new BigDecimal(toStep[0].trim());
        BigDecimal step = new BigDecimal(toStep[1].trim());
        if (step.signum() <= 0 || to.compareTo(from) < 0) {
          throw new InvalidInputException("--grid " + key + "=" + text + ": a range runs up from FROM to TO by a STEP > 0");
        }
        for (BigDecimal v = from; v.compareTo(to) <= 0 && out.size() <= MAX_RUNS; v = v.add(step)) out.add(v.stripTrailingZeros().toPlainString());
      } else {
        for (String v : t.split(",")) {
          new BigDecimal(v.trim());
          out.add(v.trim());
        }
      }
    } catch (NumberFormatException e) {
      throw new InvalidInputException("--grid " + key + "=" + text + ": give numbers, as a list (8,12,16) or a range FROM..TO:STEP (20..60:10)");
    }
    return out;
  }

  /** The shortest decimal that reads back as the same double, never in exponent form; empty when undefined. */
  static String plain(Object v) {
    if (v == null) return "";
    if (v instanceof Double d) return d == 0 ? "0" : new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    return String.valueOf(v);
  }

  private static String text(Map<String, String> params) {
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(" ", parts);
  }

  private static String paramFlags(Map<String, String> params) {
    StringBuilder b = new StringBuilder();
    params.forEach((k, v) -> b.append(" --param ").append(k).append('=').append(v));
    return b.toString();
  }

  private static String format(Object v) {
    if (!(v instanceof Number n)) return "n/a";
    return String.format(Locale.ROOT, "%.4f", n.doubleValue());
  }

  private static String percent(Object v) {
    if (!(v instanceof Number n)) return "n/a";
    return String.format(Locale.ROOT, "%.2f%%", n.doubleValue() * 100);
  }
}
