package io.troupe.app.marketdata;

import io.troupe.app.report.Csv;
import io.troupe.market.BarFiles;
import io.troupe.market.Bar;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * A bar file that grows: the CSV the backtester reads ({@code timestamp,open,high,low,close,volume}, UTC times, numbers
 * as plain decimals that read back to the same doubles), written through the project's RFC 4180 writer and appended
 * to as bars arrive (a live recording, a download). Opened again, it continues after its last bar: a bar at or before
 * it is not written twice, and a last line cut short by a kill is dropped first.
 */
public final class BarCsvFile implements AutoCloseable {
  public static final List<String> HEADER = List.of("timestamp", "open", "high", "low", "close", "volume");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Path file;
  private final Writer out;
  private final CSVPrinter printer;
  private final long resumedAfter;
  private long last;
  private long written;

  private BarCsvFile(Path file, Writer out, CSVPrinter printer, long last) {
    this.file = file;
    this.out = out;
    this.printer = printer;
    this.resumedAfter = last;
    this.last = last;
  }

  /** {@code DIR/SYMBOL-TIMEFRAME.csv}, the name the backtester takes the symbol from. */
  public static Path fileFor(Path dir, String symbol, String timeframe) {
    return dir.resolve(symbol + "-" + timeframe + ".csv");
  }

  /** Opens {@code file} for appending (created with its header when new); a file that is not bars is bad input. */
  public static BarCsvFile open(Path file, String symbol) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    long last = Long.MIN_VALUE;
    boolean fresh = !Files.exists(file) || Files.size(file) == 0;
    if (!fresh) {
      dropCutLine(file);
      long[] seen = {Long.MIN_VALUE};
      BarFiles.forEach(file, symbol, null, bar -> seen[0] = Math.max(seen[0], bar.time()));
      last = seen[0];
    }
    Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    CSVPrinter printer = fresh ? Csv.printer(out, HEADER) : new CSVPrinter(out, Csv.FORMAT);
    return new BarCsvFile(file, out, printer, last);
  }

  /** A file killed mid-row ends without a line end: cut it back to its last whole row. */
  private static void dropCutLine(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long end = f.length();
      long pos = end;
      while (pos > 0) {
        f.seek(pos - 1);
        if (f.read() == '\n') break;
        pos--;
      }
      if (pos < end) f.setLength(pos);
    }
  }

  public Path file() {
    return file;
  }

  /** The last bar's time when the file was opened; {@link Long#MIN_VALUE} for a new file. */
  public long resumedAfter() {
    return resumedAfter;
  }

  public long lastTime() {
    return last;
  }

  public long written() {
    return written;
  }

  /** Appends the bar unless the file already has it (at or before its last bar). */
  public boolean append(Bar bar) {
    if (bar.time() <= last) return false;
    try {
      printer.printRecord(TIME.format(Instant.ofEpochMilli(bar.time())), number(bar.open()), number(bar.high()), number(bar.low()), number(bar.close()),
          bar.hasVolume() ? number(bar.volume()) : "");
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
    }
    last = bar.time();
    written++;
    return true;
  }

  /** Pushes what was appended to the file (after each page of a download, each bar of a recording). */
  public void flush() {
    try {
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  /** The shortest plain decimal that reads back as the same double. */
  static String number(double v) {
    return BigDecimal.valueOf(v).toPlainString();
  }

  @Override
  public void close() throws IOException {
    printer.close();
  }
}
