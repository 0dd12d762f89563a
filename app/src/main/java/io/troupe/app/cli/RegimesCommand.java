package io.troupe.app.cli;

import com.typesafe.config.ConfigFactory;
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

  @Option(names = "--out", paramLabel = "FILE.csv", description = "Per bar: timestamp,regime,raw_regime,adx,atr_ratio,volatility_index,gap_pct.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (data.files().size() != 1) throw new InvalidInputException("regimes reads one file; got " + data.files().size());
    OutputPaths.checkFile(out, "--out");
    RegimeSettings settings = RegimeSettings.fromConfig(ConfigFactory.load().getConfig(RegimeSettings.CONFIG_PATH));
    RegimeTracker tracker = new RegimeTracker(settings);
    List<ReadReport> read = new ArrayList<>(1);
    if (out == null) {
      read.add(classify(Writer.nullWriter(), tracker));
    } else {
      // A failed run (a bad row, a full disk) leaves no half CSV behind, and an earlier file under --out untouched.
      AtomicFiles.DISK.write(out, w -> read.add(classify(w, tracker)));
    }
    SkippedRows.report(spec.commandLine().getErr(), read);
    print(spec.commandLine().getOut(), tracker.timeline());
    return TroupeCli.EXIT_OK;
  }

  /** Streams the file's bars through the tracker, a CSV row per bar into {@code w}; returns what reading found. */
  private ReadReport classify(Writer w, RegimeTracker tracker) throws IOException {
    CSVPrinter csv = Csv.printer(w, "timestamp", "regime", "raw_regime", "adx", "atr_ratio", "volatility_index", "gap_pct");
    ReadReport report = CliActorSystems.forEachBar("troupe-regimes", data.source(data.files().get(0)), bar -> row(csv, tracker, bar));
    csv.flush();
    return report;
  }

  private static void row(CSVPrinter csv, RegimeTracker tracker, Bar bar) {
    tracker.update(bar);
    RegimeReading r = tracker.lastReading();
    Regime c = tracker.confirmed();
    String confirmed = c == null ? "" : c.name().toLowerCase();
    try {
      // Numbers as Double.toString writes them (they round-trip); empty cells before the first reading of this bar.
      if (r == null || r.time() != bar.time()) {
        csv.printRecord(Instant.ofEpochMilli(bar.time()), confirmed, "", "", "", "", "");
      } else {
        csv.printRecord(Instant.ofEpochMilli(bar.time()), confirmed, r.regime().name().toLowerCase(), Double.toString(r.adx()),
            Double.toString(r.atrRatio()), Double.toString(r.volatilityIndex()), Double.toString(r.gapPct()));
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

  private static String human(Duration d) {
    long m = d.toMinutes();
    return m >= 1440 ? (m / 1440) + "d " + (m % 1440 / 60) + "h" : m >= 60 ? (m / 60) + "h " + (m % 60) + "m" : m + "m";
  }
}
