package io.troupe.app.cli;

import io.troupe.market.BadRowReason;
import io.troupe.market.ReadReport;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The line every command that reads data prints on standard error when {@code --on-bad-row skip} dropped rows, so a
 * skip is never silent: {@code data/x.csv: skipped 3 bad rows (not a number: 2, high below low: 1)}.
 */
final class SkippedRows {
  private SkippedRows() {}

  static void report(PrintWriter err, Iterable<ReadReport> reads) {
    for (ReadReport r : reads) {
      String line = line(r);
      if (line != null) err.println(line);
    }
    err.flush();
  }

  /** The line for one file; null when nothing was skipped. */
  static String line(ReadReport r) {
    long n = r.skipped();
    if (n == 0) return null;
    return r.file() + ": skipped " + n + " bad row" + (n == 1 ? "" : "s") + " (" + byReason(r.skippedByReason()) + ")";
  }

  static String byReason(Map<BadRowReason, Long> byReason) {
    return new TreeMap<>(byReason)
        .entrySet().stream().map(e -> e.getKey().description() + ": " + e.getValue()).collect(Collectors.joining(", "));
  }
}
