package io.troupe.app.cli;

import io.troupe.app.learned.RunModels;
import io.troupe.learned.LearnedSettings;
import io.troupe.learned.ModelArchive;
import io.troupe.learned.Reliability;
import io.troupe.learned.WalkForwardModel;
import io.troupe.market.Bar;
import io.troupe.market.ReadReport;
import io.troupe.model.InvalidInputException;
import io.troupe.specialist.Genome;
import io.troupe.specialist.GenomeLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code troupe train}: a learned specialist's walk-forward training and its out-of-sample evaluation, offline, on the
 * bars of each file: the models its genome would train in a backtest, each judged on the bars it decided, against the
 * naive baseline that predicts each model's class prior. The models and the reliability table go into the output folder.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    footer = {"%nExamples:", "  troupe train --genome examples/genomes/learned/learned-gbt.json --data data/btc-perp-20211231-20220201_1m.csv",
        "%nExit codes: 0 done, 2 bad input (a genome that is not a learned one, bad data)."},
    description = {
      "Train a learned specialist walk-forward as a backtest would (every retrain_every bars on the last train_bars bars,",
      "purged and embargoed, calibrated on held-out rows) and evaluate it out of sample: each prediction is made by the",
      "model in use at its bar and judged once its label is known. Prints accuracy, log loss, Brier score and calibration",
      "error beside the class prior's, and the reliability table; writes models/ (each model, models.csv, reliability.csv)."
    })
final class TrainCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Option(names = "--genome", required = true, paramLabel = "FILE", description = "A learned specialist's genome, e.g. examples/genomes/learned/learned-gbt.json.")
  Path genome;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/TIME-train-NAME).")
  Path out;

  @Option(names = "--quiet", description = "Print nothing but errors.")
  boolean quiet;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OutputPaths.checkFolder(out, "--out");
    Genome g = GenomeLoader.load(genome);
    if (g.learned() == null) throw new InvalidInputException("--genome " + genome + ": genome '" + g.name() + "' is not a learned one (it has no 'learned' object)");
    LearnedSettings settings = LearnedSettings.of(g.learned(), g.params());
    RunModels models = new RunModels();
    List<String[]> lines = new ArrayList<>();
    List<ReadReport> reads = new ArrayList<>();
    List<WalkForwardModel> runs = new ArrayList<>();
    ModelArchive.install(models);
    try {
      for (Path file : data.files()) {
        WalkForwardModel m = new WalkForwardModel(g.name(), settings);
        long[] count = {0};
        reads.add(CliActorSystems.forEachBar("troupe-train", data.source(file), (Bar b) -> {
          m.onBar(b);
          count[0]++;
        }));
        runs.add(m);
        lines.add(new String[] {file.getFileName().toString(), data.symbolFor(file), Long.toString(count[0])});
      }
    } finally {
      ModelArchive.install(null);
    }
    SkippedRows.report(spec.commandLine().getErr(), reads);
    boolean newRun = out == null;
    Path dir = newRun ? OutputPaths.newRun(OutputPaths.RUNS, "train-" + g.name(), Instant.now()) : out;
    OutputPaths.createFolder(dir, "--out");
    models.writeInto(dir);
    if (newRun) OutputPaths.pointLatest(dir);
    if (!quiet) {
      PrintWriter o = spec.commandLine().getOut();
      o.printf(Locale.ROOT, "train: %s, label %s over %d bars%s, calibration %s on the latest %.0f%% of each window%n", g.name(), settings.spec().label().text(),
          settings.horizon(), settings.spec().label() == io.troupe.learned.LearnedSpec.Label.TRIPLE_BARRIER
              ? String.format(Locale.ROOT, " (target %s%%, stop %s%%)", settings.targetPct(), settings.stopPct()) : "",
          settings.spec().calibration().text(), settings.calibrationShare() * 100);
      o.printf(Locale.ROOT, "features: %s%n", String.join(", ", settings.spec().features()));
      o.printf(Locale.ROOT, "schedule: every %,d bars on the last %,d with labels known; purge %d bars + embargo %d; each model decides from %d bars after its cut%n",
          settings.retrainEvery(), settings.trainBars(), settings.horizon(), settings.embargo(), settings.activationDelay());
      for (int i = 0; i < runs.size(); i++) print(o, lines.get(i), runs.get(i));
      o.println("output: " + dir.toAbsolutePath().normalize());
      o.flush();
    }
    return TroupeCli.EXIT_OK;
  }

  private static void print(PrintWriter o, String[] line, WalkForwardModel m) {
    Reliability r = m.outOfSample();
    Reliability b = m.naiveBaseline();
    o.printf(Locale.ROOT, "%n%s (%s): %s bars, %d models, %d retrains skipped (too few rows)%n", line[0], line[1],
        String.format(Locale.ROOT, "%,d", Long.parseLong(line[2])), m.active() == null ? 0 : m.active().version(), m.retrainsSkipped());
    if (r.count() == 0) {
      o.println("out of sample: no prediction was judged (too few bars for a model and its horizon)");
      return;
    }
    o.printf(Locale.ROOT, "out of sample: %,d predictions, each by the model in use at its bar; base rate of 1s %.4f%n", r.count(), r.baseRate());
    o.printf(Locale.ROOT, "%-20s %10s %12s%n", "", "model", "class prior");
    o.printf(Locale.ROOT, "%-20s %10.4f %12.4f%n", "accuracy", r.accuracy(), b.accuracy());
    o.printf(Locale.ROOT, "%-20s %10.4f %12.4f%n", "log loss", r.logLoss(), b.logLoss());
    o.printf(Locale.ROOT, "%-20s %10.4f %12.4f%n", "brier score", r.brier(), b.brier());
    o.printf(Locale.ROOT, "%-20s %10.4f %12.4f%n", "calibration error", r.expectedCalibrationError(), b.expectedCalibrationError());
    o.printf(Locale.ROOT, "reliability (calibrated probability: predictions, mean predicted, observed rate of 1s)%n");
    for (Reliability.Bin bin : r.bins()) {
      if (bin.count() == 0) continue;
      o.printf(Locale.ROOT, "  [%.1f, %.1f)  %,8d  %.4f  %.4f%n", bin.from(), bin.to(), bin.count(), bin.meanPredicted(), bin.observed());
    }
  }

}
