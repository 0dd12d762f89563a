package io.troupe.app.cli;

import io.troupe.model.InvalidInputException;
import io.troupe.indicator.IndicatorSet;
import io.troupe.market.Bar;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code troupe indicators}: one CSV row per bar, a column per indicator line; empty cells until a line is warm. */
@Command(
    name = "indicators",
    mixinStandardHelpOptions = true,
    description = "Compute indicators over a bar file and write them as CSV (timestamp, then one column per indicator line).")
final class IndicatorsCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Option(
      names = "--indicators",
      required = true,
      paramLabel = "LIST",
      description = "Comma-separated, e.g. \"sma(30),ema(30),rsi(14),atr(14),adx(14),bbands(20,2),macd(12,26,9),stoch(14,3,3)\".")
  String indicators;

  @Option(names = "--out", paramLabel = "FILE.csv", description = "Write here instead of standard output.")
  Path out;

  @Override
  public Integer call() throws Exception {
    IndicatorSet set = IndicatorSet.parse(indicators); // bad names fail before any file is opened
    if (data.files().size() != 1) throw new InvalidInputException("indicators reads one file; got " + data.files().size());
    Path file = data.files().get(0);
    OutputPaths.checkFile(out, "--out");
    Path tmp = out == null ? null : Files.createTempFile(out.toAbsolutePath().getParent(), ".indicators", ".csv");
    try (Writer w = tmp == null
        ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
        : Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder(256).append("timestamp");
      set.appendCsvHeader(line);
      w.write(line.append('\n').toString());
      ActorSystem<Void> system = CliActorSystems.quiet("troupe-indicators");
      try {
        CliActorSystems.await(data.source(file).runForeach(bar -> write(w, set, bar, line), system));
      } finally {
        CliActorSystems.shutdown(system);
      }
      w.flush();
    } catch (RuntimeException | IOException e) {
      if (tmp != null) Files.deleteIfExists(tmp);
      throw e;
    }
    // Write to a temporary file and move it into place, so a failed run never leaves half a CSV behind.
    if (tmp != null) Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return TroupeCli.EXIT_OK;
  }

  private static void write(Writer w, IndicatorSet set, Bar bar, StringBuilder line) {
    set.update(bar);
    line.setLength(0);
    line.append(Instant.ofEpochMilli(bar.time()));
    set.appendCsvCells(line);
    line.append('\n');
    try {
      w.write(line.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
