package io.troupe.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.app.report.AtomicFiles;
import io.troupe.app.report.BacktestMetrics;
import io.troupe.app.report.BuyAndHold;
import io.troupe.app.report.Csv;
import io.troupe.app.research.CandidateEvaluator;
import io.troupe.app.research.CandidateSettings;
import io.troupe.app.research.Dimension;
import io.troupe.app.research.Evaluation;
import io.troupe.app.research.SearchOutput;
import io.troupe.app.research.SearchRun;
import io.troupe.app.research.WalkForwardWindows;
import io.troupe.app.research.WalkForwardWindows.Window;
import io.troupe.market.Bar;
import io.troupe.market.ReadReport;
import io.troupe.model.EquityPoint;
import io.troupe.model.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code troupe walk-forward}: the search of {@code troupe optimize} on each train window, the best it finds run on the
 * test window right after, unseen by the search; the test windows' equity stitched into one out-of-sample curve, and
 * in-sample against out-of-sample per window with the walk-forward efficiency (out-of-sample annualised return over
 * in-sample annualised return; Pardo, The Evaluation and Optimization of Trading Strategies, 2008).
 */
@Command(
    name = "walk-forward",
    mixinStandardHelpOptions = true,
    footer = {"%nExamples:", "  troupe walk-forward --strategy ema-cross --grid fast=8,12,16 --grid slow=26..46:10 --train 7d --test 3d",
        "  troupe walk-forward --space examples/search/specialists.conf --method random --samples 30 --train 10d --test 5d --anchored",
        "  troupe walk-forward --space examples/search/shipped-genomes.conf --method random --samples 40 --seed 1 --train 10d --test 5d \\",
        "      --min-trades 5 --genomes-out config/specialists   (how the shipped genomes are chosen)",
        "%nWrites walk-forward.csv (one row per window), oos-equity.csv (the stitched out-of-sample equity), walk-forward.json and walk-forward.html."},
    sortOptions = false,
    description = {
      "Walk-forward: optimize on each train window, run the chosen parameters on the next, unseen test window.",
      "Takes every option of optimize (the space, the method, the objective and constraints) and of backtest."
    })
final class WalkForwardCommand extends OptimizeCommand {

  @Option(names = "--train", paramLabel = "LENGTH", required = true, description = "Length of each train window, e.g. 7d, 12h.")
  String train;

  @Option(names = "--test", paramLabel = "LENGTH", required = true, description = "Length of each test window, right after its train window.")
  String test;

  @Option(names = "--step", paramLabel = "LENGTH", description = "How far each window moves on (default: --test; never shorter, so test windows do not overlap).")
  String step;

  @Option(names = "--anchored", description = "Train windows all start at the data's start and grow by the step (default: rolling, a fixed length).")
  boolean anchored;

  @Option(names = "--genomes-out", paramLabel = "DIR", description = {
      "After the windows, search once more on the latest train span (the last --train of the data; all of it when anchored),",
      "the one the next, unseen window would be chosen on, and write the best's genomes into DIR: a genome's file there of the",
      "same name is replaced, others are left alone. Needs genome fields in the space."})
  Path genomesOut;

  /** One window's outcome. */
  record Result(Window window, Evaluation chosen, Map<String, Object> testMetrics, List<EquityPoint> testEquity, int trials, double dsr, double pbo) {}

  /** The search on the latest train span, whose best is written to {@code --genomes-out}; null best when none was feasible. */
  record Next(Instant from, Instant to, Evaluation best, int trials, double dsr, double pbo, List<Path> files) {}

  @Override
  public Integer call() throws Exception {
    if (resume) throw new InvalidInputException("--resume: not for walk-forward yet; run it again from the start");
    Duration trainLength = WalkForwardWindows.parse(train, "--train");
    Duration testLength = WalkForwardWindows.parse(test, "--test");
    Duration stepLength = step == null ? testLength : WalkForwardWindows.parse(step, "--step");
    Setup s = setup();
    if (genomesOut != null && s.dims().stream().noneMatch(d -> d.target() == Dimension.Target.GENOME)) {
      throw new InvalidInputException("--genomes-out: the space searches no genome field (genome.NAME.FIELD)");
    }
    if (genomesOut != null && java.nio.file.Files.exists(genomesOut) && !java.nio.file.Files.isDirectory(genomesOut)) {
      throw new InvalidInputException("--genomes-out: " + genomesOut + " is a file, not a folder");
    }
    long firstTime = Long.MAX_VALUE;
    long lastTime = Long.MIN_VALUE;
    for (List<Bar> l : s.bars().values()) {
      if (l.isEmpty()) continue;
      firstTime = Math.min(firstTime, l.get(0).time());
      lastTime = Math.max(lastTime, l.get(l.size() - 1).time());
    }
    long barLength = timeframe != null ? timeframe.duration().toMillis()
        : s.reads().stream().map(ReadReport::usualStep).filter(d -> !d.isZero()).mapToLong(Duration::toMillis).min().orElse(1);
    List<Window> windows = WalkForwardWindows.of(Instant.ofEpochMilli(firstTime), Instant.ofEpochMilli(lastTime + barLength), trainLength, testLength,
        stepLength, anchored);
    boolean newRun = out == null;
    Path dir = newRun ? OutputPaths.newRun(OutputPaths.RUNS, "walk-forward-" + s.config().getString("troupe.backtest.strategy"), Instant.now()) : out;
    OutputPaths.createFolder(dir, "--out");

    Progress progress = Progress.forTerminal(!quiet, spec.commandLine().getErr()).unit("candidates");
    long perWindow = expected(s.dims());
    progress.total(perWindow * (windows.size() + (genomesOut == null ? 0 : 1)));
    PrintWriter o = spec.commandLine().getOut();
    List<Result> results = new ArrayList<>();
    for (Window w : windows) {
      CandidateSettings trainCandidates = s.candidates().withSpan(w.trainFrom(), w.trainTo());
      CandidateEvaluator trainer = new CandidateEvaluator(trainCandidates, CandidateEvaluator.span(s.bars(), w.trainFrom(), w.trainTo()), s.through(), cscvBlocks);
      long before = perWindow * results.size();
      SearchRun.Outcome searched = new SearchRun(trainer, method(s.dims(), s.seed()), s.objective(), s.workers(), MAX_CANDIDATES)
          .run(null, null, false, n -> progress.at(before + n));
      Evaluation best = searched.best();
      boolean chosen = best != null && s.objective().feasible(best);
      Map<String, Object> testMetrics = null;
      List<EquityPoint> testEquity = List.of();
      if (chosen) {
        Map<String, List<Bar>> testBars = CandidateEvaluator.span(s.bars(), w.testFrom(), w.testTo());
        CandidateEvaluator tester = new CandidateEvaluator(s.candidates().withSpan(w.testFrom(), w.testTo()), testBars, s.through(), cscvBlocks);
        CandidateEvaluator.Run run = tester.run(best.values());
        testEquity = run.equity();
        testMetrics = BacktestMetrics.compute(run.equity(), run.trades(), run.settings().cash(), run.fees()).toOrderedMap();
      }
      results.add(new Result(w, chosen ? best : null, testMetrics, testEquity, searched.all().size(),
          searched.deflated() == null ? Double.NaN : searched.deflated().dsr(), searched.pbo().pbo()));
      if (!quiet) {
        progress.done();
        o.printf(Locale.ROOT, "window %d: train %s .. %s, test .. %s: %s%n", w.number(), w.trainFrom(), w.trainTo(), w.testTo(), chosen
            ? OptimizeCommand.text(best.values()) + String.format(Locale.ROOT, ", in-sample %s %s, out-of-sample %s %s", s.objective().metric(),
                SearchOutput.format(best.metric(s.objective().metric())), s.objective().metric(), SearchOutput.format(number(testMetrics, s.objective().metric())))
            : "no candidate met the constraints; the test window stays in cash");
        o.flush();
      }
    }
    Next next = null;
    if (genomesOut != null) {
      Instant end = Instant.ofEpochMilli(lastTime + barLength);
      Instant from = anchored ? Instant.ofEpochMilli(firstTime) : end.minus(trainLength);
      next = next(s, from, end, perWindow * results.size(), progress);
      if (!quiet) {
        progress.done();
        o.printf(Locale.ROOT, "next: train %s .. %s: %s%n", from, end, next.best() == null ? "no candidate met the constraints; no genome written"
            : OptimizeCommand.text(next.best().values()) + String.format(Locale.ROOT, ", in-sample %s %s", s.objective().metric(),
                SearchOutput.format(next.best().metric(s.objective().metric()))));
        for (Path f : next.files()) o.println("genome: " + f.toAbsolutePath().normalize());
        o.flush();
      }
    }
    progress.done();
    write(dir, s, windows, results, next);
    if (newRun) OutputPaths.pointLatest(dir);
    return TroupeCli.EXIT_OK;
  }

  /** The search on the latest train span; its best's genomes into {@code --genomes-out}. */
  private Next next(Setup s, Instant from, Instant to, long before, Progress progress) throws Exception {
    CandidateSettings candidates = s.candidates().withSpan(from, to);
    CandidateEvaluator evaluator = new CandidateEvaluator(candidates, CandidateEvaluator.span(s.bars(), from, to), s.through(), cscvBlocks);
    SearchRun.Outcome searched = new SearchRun(evaluator, method(s.dims(), s.seed()), s.objective(), s.workers(), MAX_CANDIDATES)
        .run(null, null, false, n -> progress.at(before + n));
    Evaluation best = searched.best();
    double dsr = searched.deflated() == null ? Double.NaN : searched.deflated().dsr();
    if (best == null || !s.objective().feasible(best)) return new Next(from, to, null, searched.all().size(), dsr, searched.pbo().pbo(), List.of());
    String description = String.format(Locale.ROOT, "Chosen by troupe walk-forward --genomes-out: the best by %s of %d candidates (%s, seed %d) on %s .. %s.",
        s.objective().metric(), searched.all().size(), methodName, s.seed(), from, to);
    List<Path> files = SearchOutput.writeGenomes(genomesOut, candidates.genomes(best.values()), description);
    return new Next(from, to, best, searched.all().size(), dsr, searched.pbo().pbo(), files);
  }

  private void write(Path dir, Setup s, List<Window> windows, List<Result> results, Next next) throws Exception {
    double cash = s.candidates().settings(results.stream().filter(r -> r.chosen() != null).findFirst().map(r -> r.chosen().values())
        .orElse(firstValues(s.dims()))).cash();
    // Each test window starts from the cash the run starts with; stitched, it starts where the previous one ended.
    List<EquityPoint> stitched = new ArrayList<>();
    double level = cash;
    double peak = cash;
    for (Result r : results) {
      if (r.testEquity().isEmpty()) continue;
      double end = level;
      for (EquityPoint p : r.testEquity()) {
        double v = level * p.equity() / cash;
        peak = Math.max(peak, v);
        stitched.add(new EquityPoint(p.time(), v, Double.NaN, peak > 0 ? 1 - v / peak : 0, p.exposure()));
        end = v;
      }
      level = end;
    }
    Instant oosFrom = windows.get(0).testFrom();
    Instant oosTo = windows.get(windows.size() - 1).testTo();
    Map<String, Object> oos = BacktestMetrics.compute(stitched, List.of(), cash, 0).toOrderedMap();
    Double buyAndHold = new BuyAndHold(CandidateEvaluator.span(s.bars(), oosFrom, oosTo), cash).totalReturn();
    String objective = s.objective().metric();

    AtomicFiles.DISK.write(dir.resolve("walk-forward.csv"), w -> {
      List<String> header = new ArrayList<>(List.of("window", "train_from", "train_to", "test_from", "test_to", "candidates"));
      for (Dimension d : s.dims()) header.add(d.key());
      header.addAll(List.of("in_sample_" + objective, "out_of_sample_" + objective, "in_sample_return", "out_of_sample_return", "in_sample_annual_return",
          "out_of_sample_annual_return", "in_sample_trades", "out_of_sample_trades", "in_sample_max_drawdown", "out_of_sample_max_drawdown", "efficiency",
          "in_sample_dsr", "in_sample_pbo"));
      CSVPrinter p = Csv.printer(w, header);
      for (Result r : results) {
        List<Object> cells = new ArrayList<>(List.of(r.window().number(), r.window().trainFrom(), r.window().trainTo(), r.window().testFrom(),
            r.window().testTo(), r.trials()));
        for (Dimension d : s.dims()) cells.add(r.chosen() == null ? "" : r.chosen().values().get(d.key()));
        Map<String, Object> is = r.chosen() == null ? null : r.chosen().metrics();
        for (String k : List.of(objective, "total_return", "annual_return")) {
          cells.add(SearchOutput.plain(is == null ? null : is.get(k)));
          cells.add(SearchOutput.plain(r.testMetrics() == null ? null : r.testMetrics().get(k)));
        }
        cells.add(SearchOutput.plain(is == null ? null : is.get("trade_count")));
        cells.add(SearchOutput.plain(r.testMetrics() == null ? null : r.testMetrics().get("trade_count")));
        cells.add(SearchOutput.plain(is == null ? null : is.get("max_drawdown")));
        cells.add(SearchOutput.plain(r.testMetrics() == null ? null : r.testMetrics().get("max_drawdown")));
        cells.add(SearchOutput.plain(efficiency(r)));
        cells.add(SearchOutput.plain(Double.isFinite(r.dsr()) ? r.dsr() : null));
        cells.add(SearchOutput.plain(Double.isFinite(r.pbo()) ? r.pbo() : null));
        p.printRecord(cells);
      }
      p.flush();
    });
    AtomicFiles.DISK.write(dir.resolve("oos-equity.csv"), w -> {
      CSVPrinter p = Csv.printer(w, "time", "equity");
      for (EquityPoint e : stitched) p.printRecord(Instant.ofEpochMilli(e.time()), String.format(Locale.ROOT, "%.2f", e.equity()));
      p.flush();
    });

    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode summary = json.createObjectNode();
    summary.put("strategy", s.config().getString("troupe.backtest.strategy"));
    summary.put("mode", anchored ? "anchored" : "rolling");
    summary.put("train", train);
    summary.put("test", test);
    summary.put("step", step == null ? test : step);
    summary.put("method", methodName);
    summary.put("seed", s.seed());
    summary.put("objective", objective);
    summary.put("out_of_sample_from", oosFrom.toString());
    summary.put("out_of_sample_to", oosTo.toString());
    put(summary, "out_of_sample_return", number(oos, "total_return"));
    put(summary, "out_of_sample_annual_return", number(oos, "annual_return"));
    put(summary, "out_of_sample_sharpe", number(oos, "sharpe"));
    put(summary, "out_of_sample_max_drawdown", number(oos, "max_drawdown"));
    summary.put("out_of_sample_trades", results.stream().mapToInt(r -> r.testMetrics() == null ? 0 : ((Number) r.testMetrics().get("trade_count")).intValue()).sum());
    put(summary, "buy_and_hold_return", buyAndHold);
    put(summary, "mean_in_sample_annual_return", meanInSampleAnnual(results));
    put(summary, "walk_forward_efficiency", overallEfficiency(oos, results));
    ArrayNode ws = summary.putArray("windows");
    for (Result r : results) {
      ObjectNode n = ws.addObject();
      n.put("window", r.window().number());
      n.put("train_from", r.window().trainFrom().toString());
      n.put("train_to", r.window().trainTo().toString());
      n.put("test_from", r.window().testFrom().toString());
      n.put("test_to", r.window().testTo().toString());
      n.put("candidates", r.trials());
      if (r.chosen() != null) {
        ObjectNode c = n.putObject("chosen");
        r.chosen().values().forEach(c::put);
      } else {
        n.putNull("chosen");
      }
      put(n, "in_sample_objective", r.chosen() == null ? null : r.chosen().metric(objective));
      put(n, "out_of_sample_objective", number(r.testMetrics(), objective));
      put(n, "in_sample_return", r.chosen() == null ? null : r.chosen().metric("total_return"));
      put(n, "out_of_sample_return", number(r.testMetrics(), "total_return"));
      n.put("out_of_sample_trades", r.testMetrics() == null ? 0 : ((Number) r.testMetrics().get("trade_count")).intValue());
      put(n, "efficiency", efficiency(r));
      put(n, "in_sample_dsr", Double.isFinite(r.dsr()) ? r.dsr() : null);
      put(n, "in_sample_pbo", Double.isFinite(r.pbo()) ? r.pbo() : null);
    }
    if (next != null) {
      ObjectNode n = summary.putObject("next");
      n.put("train_from", next.from().toString());
      n.put("train_to", next.to().toString());
      n.put("candidates", next.trials());
      if (next.best() != null) {
        ObjectNode c = n.putObject("chosen");
        next.best().values().forEach(c::put);
      } else {
        n.putNull("chosen");
      }
      put(n, "in_sample_objective", next.best() == null ? null : next.best().metric(objective));
      put(n, "in_sample_return", next.best() == null ? null : next.best().metric("total_return"));
      put(n, "in_sample_dsr", Double.isFinite(next.dsr()) ? next.dsr() : null);
      put(n, "in_sample_pbo", Double.isFinite(next.pbo()) ? next.pbo() : null);
      ArrayNode files = n.putArray("genome_files");
      for (Path f : next.files()) files.add(f.toAbsolutePath().normalize().toString());
    }
    AtomicFiles.DISK.writeString(dir.resolve("walk-forward.json"), json.writeValueAsString(summary) + "\n");

    ObjectNode page = json.createObjectNode();
    page.put("kind", "walk-forward");
    page.put("title", "troupe walk-forward: " + s.config().getString("troupe.backtest.strategy") + ", " + (anchored ? "anchored" : "rolling") + " " + train
        + " / " + test + ", by " + objective);
    page.set("summary", summary);
    ObjectNode eq = page.putObject("equity");
    ArrayNode t = eq.putArray("t");
    ArrayNode v = eq.putArray("v");
    for (EquityPoint p : stitched) {
      t.add(p.time() / 1000.0);
      v.add(Math.round(p.equity() * 100) / 100.0);
    }
    SearchOutput.page(dir.resolve("walk-forward.html"), page);

    if (!quiet) {
      PrintWriter o = spec.commandLine().getOut();
      o.printf(Locale.ROOT, "out of sample, %s .. %s, %d windows: return %s (buy and hold %s), Sharpe %s, max drawdown %s, %d trades%n", oosFrom, oosTo,
          windows.size(), percent(number(oos, "total_return")), percent(buyAndHold), SearchOutput.format(number(oos, "sharpe")),
          percent(number(oos, "max_drawdown")), summary.get("out_of_sample_trades").asInt());
      o.printf(Locale.ROOT, "walk-forward efficiency: %s (out-of-sample annual return over the mean in-sample one)%n",
          SearchOutput.format(overallEfficiency(oos, results)));
      o.println("windows: " + dir.resolve("walk-forward.csv").toAbsolutePath().normalize());
      o.println("page: " + dir.resolve("walk-forward.html").toAbsolutePath().normalize());
      o.flush();
    }
  }

  private static Map<String, String> firstValues(List<Dimension> dims) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (Dimension d : dims) m.put(d.key(), d.isChoices() ? d.choices().get(0) : d.valueAt(0));
    return m;
  }

  /** A window's efficiency: its out-of-sample annual return over its in-sample one; undefined unless the in-sample one is positive. */
  static Double efficiency(Result r) {
    if (r.chosen() == null || r.testMetrics() == null) return null;
    Double is = r.chosen().metric("annual_return");
    Double os = number(r.testMetrics(), "annual_return");
    if (is == null || os == null || !(is > 0)) return null;
    return os / is;
  }

  static Double meanInSampleAnnual(List<Result> results) {
    return results.stream().filter(r -> r.chosen() != null && r.chosen().metric("annual_return") != null)
        .mapToDouble(r -> r.chosen().metric("annual_return")).average().stream().boxed().findFirst().orElse(null);
  }

  static Double overallEfficiency(Map<String, Object> oos, List<Result> results) {
    Double is = meanInSampleAnnual(results);
    Double os = number(oos, "annual_return");
    if (is == null || os == null || !(is > 0)) return null;
    return os / is;
  }

  static Double number(Map<String, Object> m, String k) {
    if (m == null) return null;
    Object v = m.get(k);
    return v instanceof Number n ? n.doubleValue() : null;
  }

  private static void put(ObjectNode n, String k, Double v) {
    if (v == null || !Double.isFinite(v)) n.putNull(k);
    else n.put(k, v);
  }
}
