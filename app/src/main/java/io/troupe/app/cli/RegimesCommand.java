package io.troupe.app.cli;

import com.typesafe.config.Config;
import io.troupe.app.config.ConfigSchema;
import io.troupe.regime.RegimeCalibration;
import io.troupe.regime.RegimeDetector;
import io.troupe.model.InvalidInputException;
import io.troupe.market.Bar;
import io.troupe.regime.Regime;
import io.troupe.regime.RegimeReading;
import io.troupe.regime.RegimeSettings;
import io.troupe.regime.RegimeTimeline;
import io.troupe.regime.RegimeTracker;
import io.troupe.app.report.AtomicFiles;
import io.troupe.app.report.Csv;
import io.troupe.market.ReadReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code troupe regimes}: the regime timeline of a bar file, as the desks' detector and confirmation rule see it. */
@Command(name = "regimes", mixinStandardHelpOptions = true,
    footer = {"%nExamples:", "  troupe regimes --data data/btc-perp-20211231-20220201_1m.csv --out regimes.csv"},
    description = "Classify each bar (volatile, trending, ranging, crisis) and print the confirmed timeline: spans, share of time per regime, average span length.")
final class RegimesCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Option(names = "--out", paramLabel = "FILE.csv",
      description = "Per bar: timestamp,regime,raw_regime,adx,atr_ratio,volatility_index,gap_pct,crisis_threshold,volatile_threshold.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (data.files().size() != 1) throw new InvalidInputException("regimes reads one file; got " + data.files().size());
    OutputPaths.checkFile(out, "--out");
    Config config = data.config();
    ConfigSchema.validate(config);
    RegimeSettings settings = RegimeSettings.fromConfig(config.getConfig(RegimeSettings.CONFIG_PATH));
    RegimeTracker tracker = new RegimeTracker(settings);
    Thresholds seen = new Thresholds();
    List<ReadReport> read = new ArrayList<>(1);
    if (out == null) {
      read.add(classify(Writer.nullWriter(), tracker, seen));
    } else {
      // A failed run (a bad row, a full disk) leaves no half CSV behind, and an earlier file under --out untouched.
      AtomicFiles.DISK.write(out, w -> read.add(classify(w, tracker, seen)));
    }
    SkippedRows.report(spec.commandLine().getErr(), read);
    print(spec.commandLine().getOut(), tracker.timeline());
    printCalibration(spec.commandLine().getOut(), settings, seen);
    return TroupeCli.EXIT_OK;
  }

  /** Streams the file's bars through the tracker, a CSV row per bar into {@code w}; returns what reading found. */
  private ReadReport classify(Writer w, RegimeTracker tracker, Thresholds seen) throws IOException {
    CSVPrinter csv = Csv.printer(w, "timestamp", "regime", "raw_regime", "adx", "atr_ratio", "volatility_index", "gap_pct", "crisis_threshold",
        "volatile_threshold");
    ReadReport report = CliActorSystems.forEachBar("troupe-regimes", data.source(data.files().get(0)), bar -> row(csv, tracker, seen, bar));
    csv.flush();
    return report;
  }

  private static void row(CSVPrinter csv, RegimeTracker tracker, Thresholds seen, Bar bar) {
    tracker.update(bar);
    RegimeReading r = tracker.lastReading();
    RegimeDetector d = tracker.detector();
    // Only the calibrated thresholds: before the calibration has its samples, the ones as written are used (and printed).
    if (++seen.bars > d.calibratedAfterBars() && r != null && r.time() == bar.time()) seen.add(d.crisisThreshold(), d.volatileThreshold());
    Regime c = tracker.confirmed();
    String confirmed = c == null ? "" : c.name().toLowerCase();
    try {
      // Numbers as Double.toString writes them (they round-trip); empty cells before the first reading of this bar.
      if (r == null || r.time() != bar.time()) {
        csv.printRecord(Instant.ofEpochMilli(bar.time()), confirmed, "", "", "", "", "", "", "");
      } else {
        csv.printRecord(Instant.ofEpochMilli(bar.time()), confirmed, r.regime().name().toLowerCase(), Double.toString(r.adx()),
            Double.toString(r.atrRatio()), Double.toString(r.volatilityIndex()), Double.toString(r.gapPct()), Double.toString(d.crisisThreshold()),
            Double.toString(d.volatileThreshold()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void print(PrintWriter out, RegimeTimeline t) {
    var spans = t.spans();
    out.printf("%d spans%n", spans.size());
    out.printf("%-10s %8s %8s %10s %14s%n", "regime", "time %", "spans", "bars", "avg span");
    for (var e : t.shares().entrySet()) {
      var s = e.getValue();
      out.printf(Locale.ROOT, "%-10s %7.1f%% %8d %10d %14s%n", e.getKey().name().toLowerCase(), 100 * s.timeShare(), s.spans(), s.bars(),
          human(Duration.ofMillis((long) s.averageSpanMillis())) + " (" + String.format(Locale.ROOT, "%.1f", s.averageSpanBars()) + " bars)");
    }
    out.println("timeline (first 20 spans):");
    for (int i = 0; i < Math.min(20, spans.size()); i++) {
      var s = spans.get(i);
      out.printf("  %s .. %s  %-9s %6d bars%n", Instant.ofEpochMilli(s.start()), Instant.ofEpochMilli(s.end()), s.regime().name().toLowerCase(), s.bars());
    }
    out.flush();
  }

  /** The thresholds the readings were judged by: first, lowest, highest, last. */
  private static final class Thresholds {
    long bars;
    final double[] crisis = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
    final double[] volatility = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    void add(double crisisAt, double volatileAt) {
      track(crisis, crisisAt);
      track(volatility, volatileAt);
    }

    private static void track(double[] t, double v) {
      if (Double.isNaN(t[0])) t[0] = v;
      t[1] = Math.min(t[1], v);
      t[2] = Math.max(t[2], v);
      t[3] = v;
    }

    String range(double[] t) {
      return Double.isNaN(t[0]) ? "never reached (the data is shorter than the calibration's warm-up)"
          : String.format(Locale.ROOT, "%.1f%% (first %.1f%%, lowest %.1f%%, highest %.1f%%)", t[3], t[0], t[1], t[2]);
    }
  }

  /** Which thresholds the detector used, so a share of crisis can be read against the volatility that made it. */
  private static void printCalibration(PrintWriter out, RegimeSettings s, Thresholds seen) {
    RegimeCalibration c = s.calibration();
    if (!c.percentile()) {
      out.printf(Locale.ROOT, "calibration: absolute (troupe.regime.calibration.mode): crisis above %s%%, volatile above %s%% annualised volatility%n",
          s.crisisVolatility(), s.volatileVolatility());
    } else {
      out.printf(Locale.ROOT, "calibration: percentile: crisis above the symbol's own %sth, volatile above its %sth percentile of annualised"
          + " volatility, over its last %d samples (one every %d bars, before the bar read); the first %d bars by the absolute %s%% and %s%%%n",
          fmt(c.crisisPercentile()), fmt(c.volatilePercentile()), c.window(), c.sampleEvery(), new RegimeDetector(s).calibratedAfterBars(),
          fmt(s.crisisVolatility()), fmt(s.volatileVolatility()));
      out.println("  crisis above   " + seen.range(seen.crisis));
      out.println("  volatile above " + seen.range(seen.volatility));
    }
    out.flush();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String human(Duration d) {
    long m = d.toMinutes();
    return m >= 1440 ? (m / 1440) + "d " + (m % 1440 / 60) + "h" : m >= 60 ? (m / 60) + "h " + (m % 60) + "m" : m + "m";
  }
}
