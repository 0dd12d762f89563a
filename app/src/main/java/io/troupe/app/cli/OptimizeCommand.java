package io.troupe.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.troupe.app.backtest.BacktestSettings;
import io.troupe.app.backtest.DataFit;
import io.troupe.app.report.AtomicFiles;
import io.troupe.app.report.Csv;
import io.troupe.app.research.CandidateEvaluator;
import io.troupe.app.research.CandidateSettings;
import io.troupe.app.research.Dimension;
import io.troupe.app.research.Evaluation;
import io.troupe.app.research.SearchMethod;
import io.troupe.app.research.SearchOutput;
import io.troupe.app.research.SearchRun;
import io.troupe.app.research.SearchSpace;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.BarResampler;
import io.troupe.market.ReadOptions;
import io.troupe.market.ReadReport;
import io.troupe.model.InvalidInputException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code troupe optimize}: a parameter search. The space is a file ({@code --space}: strategy parameters, configuration
 * keys, genome fields; ranges or choices) or the {@code --grid} options; the method grid, random or genetic, seeded;
 * candidates are backtested in parallel by a pool of worker actors (the plain loop of the agents' classes by default,
 * the trading actors with {@code --through actors}), ranked by the objective under the constraints, with the deflated
 * Sharpe ratio and the probability of backtest overfitting of the whole search.
 */
@Command(
    name = "optimize",
    mixinStandardHelpOptions = true,
    footer = {"%nExamples:", "  troupe optimize --strategy ema-cross --grid fast=8,12,16 --grid slow=26..46:10 --to 2022-01-15",
        "  troupe optimize --strategy ema-cross --space examples/search/ema-cross.conf --method random --samples 200 --seed 7",
        "  troupe optimize --space examples/search/specialists.conf --method genetic --population 16 --generations 6 --objective sortino",
        "  troupe optimize --plugins plugins --strategy donchian-trend --grid entry=20,40,55 --metric total_return",
        "%nThe space file (HOCON or JSON), one entry per dimension:",
        "  fast = [8, 12, 16]                                   a strategy parameter, choices",
        "  slow { min = 20, max = 80, step = 5 }                a stepped range, both ends included",
        "  troupe.risk.max-position-pct { min = 2, max = 9 }    a configuration key (whole numbers 2..9)",
        "  genome.trending-default.min_adx { min = 20, max = 30, count = 5 }   a genome field",
        "  troupe.exits.stop-pct { min = 0.25, max = 4, scale = log }         log-uniform (random, genetic)",
        "%nWrites results.csv, best.json (troupe backtest --config takes it), search.json, search.html and candidates.jsonl",
        "(--resume continues from it). With --grid, optimize.csv too, as before."},
    sortOptions = false,
    description = {
      "Search parameters: backtest the candidates of a space and rank them by an objective.",
      "Takes every backtest option; --seed here is the search's seed."
    })
class OptimizeCommand extends BacktestCommand {

  /** More candidates than this is a mistake in the space, not a search. */
  static final int MAX_CANDIDATES = 20_000;

  static final List<String> COLUMNS = List.of("total_return", "annual_return", "sharpe", "sortino", "calmar", "max_drawdown", "trade_count",
      "win_rate", "profit_factor", "expectancy", "fees", "final_value");

  @Option(names = "--space", paramLabel = "FILE", description = "The search space: a HOCON or JSON file mapping keys to ranges or choices (see below).")
  Path space;

  @Option(names = "--grid", paramLabel = "KEY=VALUES",
      description = "A dimension on the command line: a list (fast=8,12,16) or a range FROM..TO:STEP (slow=20..60:10). Repeat for more.")
  Map<String, String> grid = new LinkedHashMap<>();

  @Option(names = "--method", paramLabel = "grid|random|genetic", defaultValue = "grid", description = "How candidates are chosen (default ${DEFAULT-VALUE}).")
  String methodName;

  @Option(names = {"--objective", "--metric"}, paramLabel = "NAME", defaultValue = "sharpe",
      description = "Rank by: sharpe, sortino, calmar, profit_factor, expectancy, total_return (and, as before, annual_return, win_rate, trade_count, "
          + "final_value, fees, max_drawdown: lower is better; default ${DEFAULT-VALUE}).")
  String metric;

  @Option(names = "--min-trades", paramLabel = "N", description = "Constraint: a candidate with fewer closed trades does not qualify.")
  Integer minTrades;

  @Option(names = "--max-drawdown", paramLabel = "PERCENT", description = "Constraint: a candidate whose maximum drawdown is deeper does not qualify.")
  Double maxDrawdownPct;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "100", description = "random: candidates to draw (default ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--population", paramLabel = "N", defaultValue = "20", description = "genetic: candidates per generation (default ${DEFAULT-VALUE}).")
  int population;

  @Option(names = "--generations", paramLabel = "N", defaultValue = "10", description = "genetic: generations (default ${DEFAULT-VALUE}).")
  int generations;

  @Option(names = "--tournament", paramLabel = "K", defaultValue = "3", description = "genetic: a parent is the best of K drawn at random (default ${DEFAULT-VALUE}).")
  int tournament;

  @Option(names = "--crossover", paramLabel = "P", defaultValue = "0.9", description = "genetic: probability a child mixes both parents (default ${DEFAULT-VALUE}).")
  double crossover;

  @Option(names = "--mutation", paramLabel = "P", defaultValue = "0.2", description = "genetic: probability each value of a child mutates (default ${DEFAULT-VALUE}).")
  double mutation;

  @Option(names = "--elite", paramLabel = "N", defaultValue = "2", description = "genetic: the best N go on to the next generation as they are (default ${DEFAULT-VALUE}).")
  int elite;

  @Option(names = "--through", paramLabel = "loop|actors", defaultValue = "loop",
      description = "Evaluate each candidate with the plain loop of the agents' classes (default, fast) or through the trading actors (the same trades).")
  String through;

  @Option(names = "--workers", paramLabel = "N", description = "Candidates evaluated at once (default: every core).")
  Integer workers;

  @Option(names = "--heatmap", paramLabel = "A,B", split = ",", description = "Two searched keys: search.html shows the best objective over their grid.")
  List<String> heatmap;

  @Option(names = "--resume", description = "Continue the interrupted search in --out from the candidates kept there (candidates.jsonl).")
  boolean resume;

  @Option(names = "--cscv-blocks", paramLabel = "S", defaultValue = "16",
      description = "Blocks of the cross-validation behind the probability of overfitting (even; default ${DEFAULT-VALUE}).")
  int cscvBlocks;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Print the best N (results.csv has them all; default ${DEFAULT-VALUE}).")
  int top;

  /** --seed is the search's here: the option is inherited from backtest, where it names a cluster's seed members. */
  static void describeSeed(CommandLine cli) {
    for (String name : List.of("optimize", "walk-forward")) {
      CommandLine sub = cli.getSubcommands().get(name);
      if (sub == null) continue;
      var spec = sub.getCommandSpec();
      var seed = spec.findOption("--seed");
      spec.remove(seed);
      spec.addOption(CommandLine.Model.OptionSpec.builder(seed).arity("1").paramLabel("N")
          .description("The search's seed: the same seed evaluates the same candidates and prints the same table (default 1).").build());
    }
  }

  /** What a search needs, read and checked: the configuration, the dimensions, the bars, the objective. */
  record Setup(Config config, Map<String, String> fixed, List<Dimension> dims, CandidateSettings candidates, Map<String, List<Bar>> bars,
      List<ReadReport> reads, SearchRun.Objective objective, CandidateEvaluator.Through through, int workers, long seed) {}

  @Override
  public Integer call() throws Exception {
    Setup s = setup();
    SearchMethod method = method(s.dims(), s.seed());
    boolean newRun = out == null;
    Path dir = newRun ? OutputPaths.newRun(OutputPaths.RUNS, "optimize-" + s.config().getString("troupe.backtest.strategy"), Instant.now()) : out;
    OutputPaths.createFolder(dir, "--out");
    CandidateEvaluator evaluator = new CandidateEvaluator(s.candidates(), s.bars(), s.through(), cscvBlocks);
    Progress progress = Progress.forTerminal(!quiet, spec.commandLine().getErr()).unit("candidates");
    progress.total(expected(s.dims()));
    SearchRun.Outcome o = new SearchRun(evaluator, method, s.objective(), s.workers(), MAX_CANDIDATES)
        .run(dir, signature(s), resume, n -> progress.at(n));
    progress.done();
    write(dir, s, o);
    if (newRun) OutputPaths.pointLatest(dir);
    if (!quiet) print(dir, s, o);
    return TroupeCli.EXIT_OK;
  }

  /** Every option checked, the data read into memory, the space checked against the strategy, configuration and genomes. */
  Setup setup() {
    OutputPaths.checkFolder(out, "--out");
    String objective = metric;
    if (!SearchRun.Objective.METRICS.contains(objective) && !COLUMNS.contains(objective)) {
      throw new InvalidInputException("--metric: '" + metric + "' is not one of " + SearchRun.Objective.METRICS + " (or " + COLUMNS + ")");
    }
    if (top < 1) throw new InvalidInputException("--top must be at least 1, got " + top);
    if (compareBare) throw new InvalidInputException("--compare-bare: optimize ranks runs by their own metrics; backtest one of them with --compare-bare");
    if (cluster) throw new InvalidInputException("--cluster: a search runs its candidates in this process (its worker pool); leave --cluster out");
    if (swaps != null) throw new InvalidInputException("--swap: not in a search; backtest the best with --swap");
    if (minTrades != null && minTrades < 0) throw new InvalidInputException("--min-trades must be >= 0, got " + minTrades);
    if (maxDrawdownPct != null && !(maxDrawdownPct > 0 && maxDrawdownPct <= 100)) {
      throw new InvalidInputException("--max-drawdown is a percent in (0, 100], got " + maxDrawdownPct);
    }
    if (cscvBlocks < 2 || cscvBlocks % 2 != 0 || cscvBlocks > 20) throw new InvalidInputException("--cscv-blocks must be even, 2 to 20, got " + cscvBlocks);
    if (resume && out == null) throw new InvalidInputException("--resume: give --out DIR, the folder of the search to continue");
    CandidateEvaluator.Through mode = switch (through) {
      case "loop" -> CandidateEvaluator.Through.LOOP;
      case "actors" -> CandidateEvaluator.Through.ACTORS;
      default -> throw new InvalidInputException("--through: loop or actors, got '" + through + "'");
    };
    int cores = Runtime.getRuntime().availableProcessors();
    int poolSize = workers == null ? cores : workers;
    if (poolSize < 1 || poolSize > 256) throw new InvalidInputException("--workers must be between 1 and 256, got " + poolSize);
    long seed = 1;
    if (seeds != null && !seeds.isEmpty()) {
      try {
        seed = Long.parseLong(seeds.get(seeds.size() - 1).trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputException("--seed: a whole number, got '" + seeds.get(seeds.size() - 1) + "'");
      }
    }
    if (!List.of("grid", "random", "genetic").contains(methodName)) throw new InvalidInputException("--method: grid, random or genetic, got '" + methodName + "'");
    if (plugins != null) StrategyPlugins.load(plugins);
    List<Dimension> dims = new ArrayList<>();
    if (space != null) dims.addAll(SearchSpace.read(space));
    if (!grid.isEmpty()) {
      Map<String, List<String>> g = new LinkedHashMap<>();
      for (var e : grid.entrySet()) g.put(e.getKey(), values(e.getKey(), e.getValue()));
      dims.addAll(SearchSpace.fromGrid(g));
    }
    if (dims.isEmpty()) throw new InvalidInputException("give the space to search: --space FILE or --grid KEY=VALUES");
    Map<String, String> fixed = new LinkedHashMap<>(params);
    Config config = resolveConfig();
    Instant fromTime = time(from, "--from");
    Instant toTime = time(to, "--to");
    CandidateSettings candidates = new CandidateSettings(config, home(), fromTime, toTime, dims);
    candidates.check(fixed);
    if (heatmap != null) {
      if (heatmap.size() != 2 || heatmap.get(0).equals(heatmap.get(1))) throw new InvalidInputException("--heatmap: two different searched keys, A,B");
      for (String k : heatmap) {
        if (dims.stream().noneMatch(d -> d.key().equals(k))) {
          throw new InvalidInputException("--heatmap " + k + ": not a searched key; the space has " + dims.stream().map(Dimension::key).toList());
        }
      }
    }
    BacktestSettings settings = BacktestSettings.fromConfig(config, home(), fromTime, toTime);
    ReadOptions readOptions = ReadOptions.of(onBadRow, config);
    List<ReadReport> reads = new ArrayList<>();
    Map<String, List<Bar>> bars = load(settings, readOptions, reads);
    DataFit.requireTimeframe(reads, timeframe);
    SkippedRows.report(spec.commandLine().getErr(), reads);
    DataFit.requireBars(bars.values().stream().mapToLong(List::size).sum(), reads, fromTime, toTime);
    SearchRun.Objective obj = new SearchRun.Objective(objective, minTrades, maxDrawdownPct == null ? null : maxDrawdownPct / 100);
    return new Setup(config, fixed, dims, candidates, bars, reads, obj, mode, poolSize, seed);
  }

  /** Each file's bars in memory, resampled, inside --from/--to, by symbol in file order. */
  Map<String, List<Bar>> load(BacktestSettings settings, ReadOptions options, List<ReadReport> reads) {
    long lo = settings.from() == null ? Long.MIN_VALUE : settings.from().toEpochMilli();
    long hi = settings.to() == null ? Long.MAX_VALUE : settings.to().toEpochMilli();
    Map<String, List<Bar>> bars = new LinkedHashMap<>();
    for (Path p : settings.data()) {
      String symbol = BarFiles.defaultSymbol(p);
      if (bars.containsKey(symbol)) throw new InvalidInputException("two files give symbol " + symbol + " (" + p + ")");
      List<Bar> list = new ArrayList<>();
      BarResampler resampler = timeframe == null ? null : new BarResampler(timeframe);
      java.util.function.Consumer<Bar> keep = b -> {
        if (b.time() >= lo && b.time() < hi) list.add(b);
      };
      reads.add(BarFiles.forEach(p, symbol, options, b -> {
        if (resampler == null) keep.accept(b);
        else {
          Bar done = resampler.add(b);
          if (done != null) keep.accept(done);
        }
      }));
      if (resampler != null) {
        Bar last = resampler.flush();
        if (last != null) keep.accept(last);
      }
      bars.put(symbol, list);
    }
    return bars;
  }

  SearchMethod method(List<Dimension> dims, long seed) {
    return switch (methodName) {
      case "grid" -> new SearchMethod.Grid(dims, MAX_CANDIDATES);
      case "random" -> {
        if (samples < 1 || samples > MAX_CANDIDATES) throw new InvalidInputException("--samples must be between 1 and " + MAX_CANDIDATES + ", got " + samples);
        yield new SearchMethod.RandomSearch(dims, samples, seed);
      }
      default -> new SearchMethod.Genetic(dims, new SearchMethod.Genetic.Settings(population, generations, tournament, crossover, mutation, elite), seed);
    };
  }

  /** How many candidates the progress bar expects: the grid's size, the samples, or at most population x generations. */
  long expected(List<Dimension> dims) {
    return switch (methodName) {
      case "grid" -> dims.stream().mapToLong(Dimension::levels).reduce(1, (a, b) -> a * b);
      case "random" -> samples;
      default -> (long) population * generations;
    };
  }

  /** What --resume checks: the same search over the same configuration and data. */
  JsonNode signature(Setup s) {
    ObjectNode n = new ObjectMapper().createObjectNode();
    n.put("method", methodName);
    n.put("seed", s.seed());
    if (methodName.equals("random")) n.put("samples", samples);
    if (methodName.equals("genetic")) n.put("genetic", population + " x " + generations + ", tournament " + tournament + ", crossover " + crossover
        + ", mutation " + mutation + ", elite " + elite);
    n.put("space", String.join("; ", s.dims().stream().map(Dimension::describe).toList()));
    n.put("from", String.valueOf(from));
    n.put("to", String.valueOf(to));
    n.put("cscv_blocks", cscvBlocks);
    String rendered = s.config().getConfig("troupe").root().render(ConfigRenderOptions.concise());
    n.put("configuration", sha256(rendered));
    return n;
  }

  static String sha256(String text) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What search.json says of the search itself. */
  Map<String, Object> searchDescription(Setup s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("strategy", s.config().getString("troupe.backtest.strategy"));
    m.put("method", methodName);
    m.put("seed", s.seed());
    if (methodName.equals("random")) m.put("samples", samples);
    if (methodName.equals("genetic")) {
      m.put("population", population);
      m.put("generations", generations);
      m.put("tournament", tournament);
      m.put("crossover", crossover);
      m.put("mutation", mutation);
      m.put("elite", elite);
    }
    m.put("objective", s.objective().metric());
    m.put("min_trades", s.objective().minTrades());
    m.put("max_drawdown", s.objective().maxDrawdown());
    m.put("through", through);
    m.put("space", s.dims().stream().map(Dimension::describe).toList());
    return m;
  }

  void write(Path dir, Setup s, SearchRun.Outcome o) throws Exception {
    SearchOutput.resultsCsv(dir.resolve("results.csv"), s.dims(), s.objective(), o.ranked());
    Evaluation best = o.best();
    if (best != null && s.objective().feasible(best)) SearchOutput.bestJson(dir, s.candidates(), s.fixed(), best);
    ObjectNode summary = SearchOutput.summary(searchDescription(s), s.objective(), o);
    SearchOutput.summaryJson(dir.resolve("search.json"), summary);
    String title = "troupe optimize: " + s.config().getString("troupe.backtest.strategy") + ", " + methodName + ", by " + s.objective().metric();
    SearchOutput.page(dir.resolve("search.html"), SearchOutput.pageData(title, s.dims(), s.objective(), o, heatmap, summary));
    if (!grid.isEmpty() && space == null) legacyCsv(dir.resolve("optimize.csv"), s, o);
  }

  /** optimize.csv as --grid wrote it before results.csv: rank, the grid's keys, the headline metrics. */
  private void legacyCsv(Path csv, Setup s, SearchRun.Outcome o) throws Exception {
    AtomicFiles.DISK.write(csv, w -> {
      List<String> header = new ArrayList<>(List.of("rank"));
      for (Dimension d : s.dims()) header.add(d.key());
      header.addAll(COLUMNS);
      CSVPrinter p = Csv.printer(w, header);
      for (int i = 0; i < o.ranked().size(); i++) {
        Evaluation e = o.ranked().get(i);
        List<Object> cells = new ArrayList<>();
        cells.add(i + 1);
        for (Dimension d : s.dims()) cells.add(e.values().get(d.key()));
        for (String k : COLUMNS) cells.add(e.metrics() == null ? "" : SearchOutput.plain(e.metrics().get(k)));
        p.printRecord(cells);
      }
      p.flush();
    });
  }

  void print(Path dir, Setup s, SearchRun.Outcome o) {
    PrintWriter p = spec.commandLine().getOut();
    String m = s.objective().metric();
    int shown = Math.min(top, o.ranked().size());
    long feasible = o.all().stream().filter(s.objective()::feasible).count();
    p.printf(Locale.ROOT, "%s: %d candidates (%d from disk), %d feasible, %.1f s on %d workers (%.1f candidates/s), %s, seed %d%n", methodName,
        o.all().size(), o.resumed(), feasible, o.seconds(), o.workers(), (o.all().size() - o.resumed()) / Math.max(1e-9, o.seconds()), through, s.seed());
    p.printf("best %d of %d by %s (%s, %s):%n", shown, o.ranked().size(), m, s.config().getString("troupe.backtest.strategy"),
        s.fixed().isEmpty() ? "other parameters at their defaults" : "with " + text(s.fixed()));
    for (int i = 0; i < shown; i++) {
      Evaluation e = o.ranked().get(i);
      String tail = e.ok() ? String.format(Locale.ROOT, "%s %-9s return %-8s max drawdown %-7s %s trades%s", m, SearchOutput.format(e.metric(m)),
          percent(e.metric("total_return")), percent(e.metric("max_drawdown")), e.metrics().get("trade_count"), s.objective().feasible(e) ? "" : "  (infeasible)")
          : "error: " + e.error();
      p.printf("%3d  %-32s %s%n", i + 1, text(e.values()), tail);
    }
    if (o.deflated() != null) {
      var d = o.deflated();
      p.printf(Locale.ROOT, "deflated Sharpe ratio: %.3f (the best's Sharpe per step %.5f against %.5f expected of the best of %d trials by luck; %d steps)%n",
          d.dsr(), d.sharpe(), d.expectedMax(), d.trials(), d.observations());
    }
    if (o.pbo().combinations() > 0) {
      p.printf(Locale.ROOT, "probability of backtest overfitting: %.3f (CSCV, %d blocks, %d combinations, %d trials)%n", o.pbo().pbo(), o.pbo().blocks(),
          o.pbo().combinations(), o.pbo().trials());
    }
    p.println("all candidates: " + dir.resolve("results.csv").toAbsolutePath().normalize());
    p.println("page: " + dir.resolve("search.html").toAbsolutePath().normalize());
    Evaluation best = o.best();
    if (best == null || !s.objective().feasible(best)) {
      p.println("no candidate met the constraints; nothing in best.json");
    } else if (s.dims().stream().allMatch(d -> d.target() == Dimension.Target.STRATEGY_PARAM) && configFile == null) {
      p.println("next: troupe backtest --strategy " + s.config().getString("troupe.backtest.strategy") + paramFlags(s.fixed()) + paramFlags(best.values())
          + "   (the best, with its report; or --config " + dir.resolve("best.json").toAbsolutePath().normalize() + ")");
    } else {
      p.println("next: troupe backtest --config " + dir.resolve("best.json").toAbsolutePath().normalize() + "   (the best, with its report; same data and options)");
    }
    p.flush();
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
        BigDecimal fromValue = new BigDecimal(range[0].trim());
        BigDecimal toValue = new BigDecimal(toStep[0].trim());
        BigDecimal step = new BigDecimal(toStep[1].trim());
        if (step.signum() <= 0 || toValue.compareTo(fromValue) < 0) {
          throw new InvalidInputException("--grid " + key + "=" + text + ": a range runs up from FROM to TO by a STEP > 0");
        }
        for (BigDecimal v = fromValue; v.compareTo(toValue) <= 0 && out.size() <= MAX_CANDIDATES; v = v.add(step)) {
          out.add(v.stripTrailingZeros().toPlainString());
        }
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

  static String text(Map<String, String> params) {
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(" ", parts);
  }

  private static String paramFlags(Map<String, String> params) {
    StringBuilder b = new StringBuilder();
    params.forEach((k, v) -> b.append(" --param ").append(k).append('=').append(v));
    return b.toString();
  }

  static String percent(Double v) {
    return v == null || !Double.isFinite(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", v * 100);
  }
}
