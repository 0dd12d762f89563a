package io.troupe.app.cli;

import com.typesafe.config.ConfigFactory;
import io.troupe.model.InvalidInputException;
import io.troupe.market.Bar;
import io.troupe.regime.Regime;
import io.troupe.regime.RegimeReading;
import io.troupe.regime.RegimeSettings;
import io.troupe.regime.RegimeTimeline;
import io.troupe.regime.RegimeTracker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code troupe regimes}: the regime timeline of a bar file, as the desks' detector and confirmation rule see it. */
@Command(name = "regimes", mixinStandardHelpOptions = true,
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
    Path tmp = out == null ? null : Files.createTempFile(out.toAbsolutePath().getParent(), ".regimes", ".csv");
    try (Writer w = tmp == null ? Writer.nullWriter() : new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
      w.write("timestamp,regime,raw_regime,adx,atr_ratio,volatility_index,gap_pct\n");
      ActorSystem<Void> system = CliActorSystems.quiet("troupe-regimes");
      try {
        CliActorSystems.await(data.source(data.files().get(0)).runForeach(bar -> row(w, tracker, bar), system));
      } finally {
        CliActorSystems.shutdown(system);
      }
    } catch (RuntimeException | IOException e) {
      if (tmp != null) Files.deleteIfExists(tmp);
      throw e;
    }
    if (tmp != null) Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    print(spec.commandLine().getOut(), tracker.timeline());
    return TroupeCli.EXIT_OK;
  }

  private static void row(Writer w, RegimeTracker tracker, Bar bar) {
    tracker.update(bar);
    RegimeReading r = tracker.lastReading();
    Regime c = tracker.confirmed();
    try {
      w.write(Instant.ofEpochMilli(bar.time()) + "," + (c == null ? "" : c.name().toLowerCase()) + ","
          + (r == null || r.time() != bar.time() ? "" : r.regime().name().toLowerCase() + "," + r.adx() + "," + r.atrRatio() + ","
              + r.volatilityIndex() + "," + r.gapPct())
          + (r == null || r.time() != bar.time() ? ",,,," : "") + "\n");
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
