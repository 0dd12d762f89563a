package io.troupe.learned;

import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import io.troupe.specialist.Genome;
import io.troupe.specialist.GenomeLoader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a learned specialist costs: per bar at inference (its features, and the trees' prediction on one row), per
 * retrain (the trees and the calibration on one full window), and the whole walk-forward over a file. Prints figures
 * with the machine's load; asserts nothing about time (the machine is shared). Run:
 * <pre>mvn -B -o -q test-compile -pl agents -am && java -cp "agents/target/test-classes:agents/target/classes:$(cat cp.txt)" \
 *   io.troupe.learned.LearnedBench examples/genomes/learned/learned-gbt.json data/btc-perp-20211231-20220201_1m.csv</pre>
 * ({@code LearnedBenchTest} runs it on a small case, so it keeps working.)
 */
public final class LearnedBench {
  private LearnedBench() {}

  public static void main(String[] args) throws Exception {
    run(Path.of(args[0]), Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 5, System.out);
  }

  static void run(Path genomeFile, Path data, int rounds, PrintStream out) throws Exception {
    Genome g = GenomeLoader.load(genomeFile);
    LearnedSettings s = LearnedSettings.of(g.learned(), g.params());
    List<Bar> bars = new ArrayList<>();
    BarFiles.forEach(data, null, ReadOptions.DEFAULT, bars::add);
    out.printf(Locale.ROOT, "learned bench: %s on %s, %,d bars, %d features, %d trees of depth %d; %d cores, load average %.2f%n",
        g.name(), data.getFileName(), bars.size(), s.spec().features().size(), s.trees(), s.maxDepth(),
        Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    // The whole walk-forward, as a backtest's specialist runs it (retrains included, each waited for at its bar).
    double[] whole = new double[rounds];
    WalkForwardModel last = null;
    for (int r = 0; r < rounds; r++) {
      WalkForwardModel m = new WalkForwardModel(g.name(), s);
      long t0 = System.nanoTime();
      for (Bar b : bars) m.onBar(b);
      whole[r] = (System.nanoTime() - t0) / 1e9;
      last = m;
    }
    int versions = last.active() == null ? 0 : last.active().version();
    out.printf(Locale.ROOT, "%-44s %10.2f s  (%d models, %.1f us a bar)%n", "walk-forward over the file (median)", median(whole), versions,
        median(whole) / bars.size() * 1e6);

    // Features alone, per bar.
    double[] feat = new double[rounds];
    List<double[]> rows = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      FeatureSet fs = new FeatureSet(s.spec().features());
      rows.clear();
      long t0 = System.nanoTime();
      for (Bar b : bars) rows.add(fs.update(b));
      feat[r] = (System.nanoTime() - t0) / 1e9;
    }
    out.printf(Locale.ROOT, "%-44s %10.2f us%n", "features, per bar", median(feat) / bars.size() * 1e6);

    // One retrain on a full window: the job of the last cut.
    WalkForwardModel m = new WalkForwardModel(g.name(), s);
    for (Bar b : bars) m.onBar(b);
    TrainingJob job = m.job(m.barsSeen() - 1, 1);
    if (job == null) {
      out.println("too few bars for a training window: no retrain or inference figures");
      return;
    }
    double[] train = new double[rounds];
    ModelVersion v = null;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      v = ModelTrainer.train(job, s, 0);
      train[r] = (System.nanoTime() - t0) / 1e9;
    }
    out.printf(Locale.ROOT, "%-44s %10.3f s  (%,d rows fitted, %,d calibrated; model %,d bytes)%n", "retrain: trees + calibration (median)",
        median(train), job.fitRows(), job.calibrationRows(), v.model().length);

    // Inference: one row at a time, as on each bar.
    double[] infer = new double[rounds];
    int complete = 0;
    BoostedTrees trees = BoostedTrees.load(v.model());
    {
      for (int r = 0; r < rounds; r++) {
        complete = 0;
        double sink = 0;
        long t0 = System.nanoTime();
        for (double[] row : rows) {
          if (!FeatureSet.complete(row)) continue;
          sink += v.calibrator().apply(trees.predict(row));
          complete++;
        }
        infer[r] = (System.nanoTime() - t0) / 1e9;
        if (sink < 0) out.println(sink); // keeps the loop from being optimised away
      }
    }
    out.printf(Locale.ROOT, "%-44s %10.2f us  (%,d rows)%n", "inference: trees + calibration, per bar", median(infer) / complete * 1e6, complete);
  }

  private static double median(double[] x) {
    double[] c = x.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}
