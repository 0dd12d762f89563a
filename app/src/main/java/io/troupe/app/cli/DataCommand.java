package io.troupe.app.cli;

import com.typesafe.config.ConfigFactory;
import io.troupe.model.InvalidInputException;
import io.troupe.market.ReadReport;
import io.troupe.market.Timeframe;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code troupe data}: reads bar files through the stream source and says what is in them. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    footer = {"%nExamples:", "  troupe data --data data/btc-perp-20211231-20220201_1m.csv", "  troupe data --data data/* --on-bad-row skip"},
    description = "Read and validate bar files; print rows, time range, timeframe, gaps and skipped rows per file.")
final class DataCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    // Initialise SLF4J before Pekko's logger races it, which makes SLF4J print replay warnings to stderr.
    LoggerFactory.getILoggerFactory();
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.empty(),
            "troupe-data",
            ConfigFactory.parseString("pekko.loglevel=WARNING, pekko.stdout-loglevel=OFF").withFallback(ConfigFactory.load()));
    PrintWriter err = spec.commandLine().getErr();
    int failed = 0;
    try {
      // Each file on its own: one that is not data (data/* picks up SOURCE.md) or has a bad row is reported, and the
      // rest are still read.
      for (Path file : data.files()) {
        try {
          Pair<CompletionStage<ReadReport>, CompletionStage<Long>> run =
              data.source(file).toMat(Sink.fold(0L, (n, bar) -> n + 1), Keep.both()).run(system);
          long emitted = CliActorSystems.await(run.second());
          ReadReport report = CliActorSystems.await(run.first());
          print(out, report, emitted);
          out.flush();
          SkippedRows.report(err, List.of(report));
        } catch (InvalidInputException e) {
          out.flush();
          err.println("error: " + e.getMessage());
          err.flush();
          failed++;
        }
      }
      out.flush();
      if (failed > 0 && data.files().size() > 1) {
        err.println("data: " + failed + " of " + data.files().size() + " files could not be read");
        err.flush();
      }
      return failed == 0 ? TroupeCli.EXIT_OK : TroupeCli.EXIT_BAD_INPUT;
    } finally {
      CliActorSystems.shutdown(system);
    }
  }

  private void print(PrintWriter out, ReadReport r, long emitted) {
    out.println(r.file());
    out.printf("  symbol     %s%n", r.symbol());
    out.printf("  rows       %d%n", r.rows());
    out.printf("  first      %s%n", r.first() == null ? "-" : r.first());
    out.printf("  last       %s%n", r.last() == null ? "-" : r.last());
    out.printf("  timeframe  %s%n", r.timeframe());
    out.printf(
        "  gaps       %d%s%n", r.gaps(), r.gaps() == 0 ? "" : " (largest " + spoken(r.largestGap()) + ")");
    out.printf("  skipped    %d%s%n", r.skipped(), r.skipped() == 0 ? "" : " (" + SkippedRows.byReason(r.skippedByReason()) + ")");
    data.timeframe()
        .ifPresent(
            tf ->
                out.printf(
                    "  resampled  %s: %d bars%s%n",
                    tf,
                    emitted,
                    r.usualStep().compareTo(tf.duration()) > 0 ? " (the data is coarser than " + tf + ": bars unchanged)" : ""));
  }

  /** A gap as days, hours and minutes, e.g. {@code 2d 3m}; shorter steps as {@link Timeframe#describe}. */
  static String spoken(Duration d) {
    if (d.toMinutes() == 0 || d.toMillis() % 60_000 != 0) {
      return Timeframe.describe(d);
    }
    StringBuilder s = new StringBuilder();
    if (d.toDaysPart() > 0) s.append(d.toDaysPart()).append("d ");
    if (d.toHoursPart() > 0) s.append(d.toHoursPart()).append("h ");
    if (d.toMinutesPart() > 0) s.append(d.toMinutesPart()).append("m ");
    return s.toString().strip();
  }
}
