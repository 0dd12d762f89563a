package io.troupe.app.cli;

import io.troupe.app.lookahead.LookaheadCheck;
import io.troupe.app.report.AtomicFiles;
import io.troupe.app.report.Csv;
import io.troupe.indicator.IndicatorSpec;
import io.troupe.market.Bar;
import io.troupe.market.ReadReport;
import io.troupe.model.InvalidInputException;
import io.troupe.specialist.Genome;
import io.troupe.specialist.GenomeLoader;
import io.troupe.specialist.SpecialistFactory;
import io.troupe.strategy.Strategy;
import io.troupe.strategy.StrategyCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code troupe lookahead}: does a strategy or a specialist's genome use data it could not have had, and do its
 * indicators depend on where the data starts ({@link LookaheadCheck})? Exit 0 when clean, 3 with findings.
 */
@Command(
    name = "lookahead",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    footer = {"%nExamples:", "  troupe lookahead --strategy ema-cross --param fast=8 --data data/btc-perp-20211231-20220201_1m.csv",
        "  troupe lookahead --genome config/specialists/trending.json --data data/ETH_BTC-5m.json --cuts 40",
        "  troupe lookahead --strategy sma-cross --indicators obv --data data/ETH_BTC-5m.json   (obv depends on the start: a finding)",
        "%nExit codes: 0 clean, 2 bad input, 3 findings."},
    description = {
      "Look-ahead check: run the strategy and every indicator it uses on the data cut at many points; any signal or value",
      "on a bar before a cut that changes when later bars are added is a finding. Recursive check: start the data later at",
      "several offsets; an indicator value that, once warm, differs from the run from the first bar is a finding.",
      "Prints a table and writes the findings as CSV."
    })
final class LookaheadCommand implements Callable<Integer> {

  static final List<String> HEADER = List.of("check", "value", "at", "time", "full_run", "other_run", "detail");

  @Mixin DataOptions data;

  @Option(names = "--strategy", paramLabel = "NAME", description = "A strategy (troupe list strategies).")
  String strategy;

  @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A strategy parameter, e.g. --param period=30.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--genome", paramLabel = "FILE", description = "A specialist's genome instead of --strategy, e.g. config/specialists/trending.json.")
  Path genome;

  @Option(names = "--plugins", paramLabel = "DIR", description = "A folder of strategy plugin jars (docs/strategies.md).")
  Path plugins;

  @Option(names = "--cuts", paramLabel = "N", defaultValue = "20",
      description = "Cut points: half spread over the data, half at the strategy's signals (default ${DEFAULT-VALUE}).")
  int cuts;

  @Option(names = "--offsets", paramLabel = "N", split = ",", defaultValue = "1,7,50,333,1000",
      description = "Starts of the recursive runs, in bars after the first (default ${DEFAULT-VALUE}; those leaving too few bars are skipped).")
  List<Integer> offsets;

  @Option(names = "--settle", paramLabel = "BARS", defaultValue = "0",
      description = "Bars from a recursive run's start before its values are compared (default: 10 x the strategy's warm-up, at least 200).")
  int settle;

  @Option(names = "--tolerance", paramLabel = "X", defaultValue = "1e-6",
      description = "Largest relative difference the recursive check allows (default ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(names = "--indicators", paramLabel = "LIST", description = "More indicators to check with the strategy's, e.g. \"obv,ema(50)\".")
  String indicators;

  @Option(names = "--out", paramLabel = "FILE.csv",
      description = "The findings as CSV (default: runs/TIME-lookahead-NAME/lookahead.csv); a header alone when clean.")
  Path out;

  @Option(names = "--quiet", description = "Print nothing but errors.")
  boolean quiet;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (data.files().size() != 1) throw new InvalidInputException("--data: lookahead reads one file; got " + data.files().size());
    if (cuts < 1 || cuts > 10_000) throw new InvalidInputException("--cuts must be 1..10000, got " + cuts);
    if (settle < 0) throw new InvalidInputException("--settle must be >= 0, got " + settle);
    if (!(tolerance >= 0) || !Double.isFinite(tolerance)) throw new InvalidInputException("--tolerance must be a number >= 0, got " + tolerance);
    for (int o : offsets) if (o < 1) throw new InvalidInputException("--offsets: each offset must be >= 1 bar, got " + o);
    OutputPaths.checkFile(out, "--out");
    if (plugins != null) StrategyPlugins.load(plugins);
    List<IndicatorSpec> extra = indicators == null ? List.of() : IndicatorSpec.parseList(indicators);
    String name;
    Supplier<Strategy> factory;
    if ((strategy == null) == (genome == null)) throw new InvalidInputException("give --strategy NAME or --genome FILE (one of them)");
    if (genome != null) {
      if (!params.isEmpty()) throw new InvalidInputException("--param: a genome carries its parameters; edit the genome file instead");
      Genome g = GenomeLoader.load(genome);
      name = g.name();
      factory = SpecialistFactory.fromGenome(g);
    } else {
      Map<String, Double> resolved = StrategyCatalog.resolve(strategy, params);
      factory = StrategyCatalog.factory(strategy, resolved);
      name = factory.get().name();
    }

    Path file = data.files().get(0);
    List<Bar> bars = new ArrayList<>();
    ReadReport read = CliActorSystems.forEachBar("troupe-lookahead", data.source(file), bars::add);
    SkippedRows.report(spec.commandLine().getErr(), List.of(read));
    Supplier<Strategy> made = factory;
    LookaheadCheck.Result result = LookaheadCheck.run(new LookaheadCheck.Subject(name, series -> made.get(), extra), bars,
        new LookaheadCheck.Settings(cuts, offsets, settle, tolerance));

    Path csv = out != null ? out
        : OutputPaths.newRun(OutputPaths.RUNS, "lookahead-" + (genome != null ? name : strategy), Instant.now()).resolve("lookahead.csv");
    if (out == null) OutputPaths.createFolder(csv.getParent(), "--out");
    AtomicFiles.DISK.write(csv, w -> {
      CSVPrinter p = Csv.printer(w, HEADER);
      for (LookaheadCheck.Finding f : result.findings()) {
        p.printRecord(f.check(), f.value(), f.at(), Instant.ofEpochMilli(f.time()).toString(), f.full(), f.other(), f.detail());
      }
      p.flush();
    });
    if (!quiet) print(spec.commandLine().getOut(), result, file, csv);
    return result.clean() ? TroupeCli.EXIT_OK : TroupeCli.EXIT_FINDINGS;
  }

  static void print(PrintWriter o, LookaheadCheck.Result r, Path file, Path csv) {
    o.printf("lookahead: %s on %s, %,d bars%n", r.subject(), file.getFileName(), r.bars());
    o.printf("checked    %d values (%s) and %d signals%n", r.values().size(), abbreviate(r.values()), r.signals());
    o.printf("look-ahead %d cuts, each compared with the whole run on every bar before it%n", r.cuts().size());
    o.printf("recursive  %s, compared from %d bars after each start%n",
        r.offsets().isEmpty() ? "no start offset fits the data" : "starts +" + join(r.offsets()) + " bars", r.settle());
    if (r.clean()) {
      o.println("clean: no signal or value before a cut changed with later data, and no indicator depends on where the data starts");
    } else {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"check", "value", "first at", "time", "full run", "other run", "detail"});
      for (LookaheadCheck.Finding f : r.findings()) {
        rows.add(new String[] {f.check(), f.value(), f.at(), Instant.ofEpochMilli(f.time()).toString(), f.full(), f.other(), f.detail()});
      }
      int[] width = new int[7];
      for (String[] row : rows) for (int i = 0; i < 7; i++) width[i] = Math.max(width[i], Math.min(48, row[i].length()));
      for (String[] row : rows) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 7; i++) {
          String cell = row[i].length() > 48 && i < 6 ? row[i].substring(0, 47) + "~" : row[i];
          b.append(i < 6 ? String.format("%-" + width[i] + "s  ", cell) : cell);
        }
        o.println(b.toString().stripTrailing());
      }
      o.printf("%d finding%s%n", r.findings().size(), r.findings().size() == 1 ? "" : "s");
    }
    o.println("findings: " + csv.toAbsolutePath().normalize());
    o.flush();
  }

  private static String abbreviate(List<String> values) {
    String all = String.join(", ", values);
    return all.length() <= 160 ? all : all.substring(0, 157) + "...";
  }

  private static String join(List<Integer> xs) {
    return String.join(", +", xs.stream().map(String::valueOf).toList());
  }
}
