package io.troupe.app.cli;

import io.troupe.model.InvalidInputException;
import io.troupe.app.report.AtomicFiles;
import io.troupe.app.report.Csv;
import io.troupe.indicator.IndicatorSet;
import io.troupe.market.Bar;
import io.troupe.market.ReadReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code troupe indicators}: one CSV row per bar, a column per indicator line; empty cells until a line is warm. */
@Command(
    name = "indicators",
    mixinStandardHelpOptions = true,
    footer = {"%nExamples:", "  troupe indicators --data data/btc-perp-20211231-20220201_1m.csv --indicators \"sma(30),rsi(14),bbands(20,2)\" --out ind.csv"},
    description = "Compute indicators over a bar file and write them as CSV (timestamp, then one column per indicator line).")
final class IndicatorsCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Option(
      names = "--indicators",
      required = true,
      paramLabel = "LIST",
      description = "Comma-separated, e.g. \"sma(30),ema(30),rsi(14),atr(14),adx(14),bbands(20,2),macd(12,26,9),stoch(14,3,3)\".")
  String indicators;

  @Option(names = "--out", paramLabel = "FILE.csv", description = "Write here instead of standard output (whole, or not at all).")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    IndicatorSet set = IndicatorSet.parse(indicators); // bad names fail before any file is opened
    if (data.files().size() != 1) throw new InvalidInputException("indicators reads one file; got " + data.files().size());
    Path file = data.files().get(0);
    OutputPaths.checkFile(out, "--out");
    List<ReadReport> read = new ArrayList<>(1);
    if (out == null) {
      Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
      read.add(write(w, set, file));
      w.flush();
    } else {
      // A failed run (a bad row, a full disk) leaves no half CSV behind, and an earlier file under --out untouched.
      AtomicFiles.DISK.write(out, w -> read.add(write(w, set, file)));
    }
    SkippedRows.report(spec.commandLine().getErr(), read);
    return TroupeCli.EXIT_OK;
  }

  /** Streams the file's bars through the indicators into {@code w} as CSV; returns what reading the file found. */
  private ReadReport write(Writer w, IndicatorSet set, Path file) throws IOException {
    List<String> header = new ArrayList<>();
    header.add("timestamp");
    header.addAll(set.columnNames());
    CSVPrinter csv = Csv.printer(w, header);
    String[] cells = new String[header.size()];
    ReadReport report = CliActorSystems.forEachBar("troupe-indicators", data.source(file), bar -> row(csv, set, bar, cells));
    csv.flush();
    return report;
  }

  private static void row(CSVPrinter csv, IndicatorSet set, Bar bar, String[] cells) {
    set.update(bar);
    cells[0] = Instant.ofEpochMilli(bar.time()).toString();
    set.csvCells(cells, 1);
    try {
      csv.printRecord((Object[]) cells);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
