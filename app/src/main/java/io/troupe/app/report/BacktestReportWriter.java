package io.troupe.app.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a run's files into one folder: trades.csv, orders.csv, equity.csv and report.html (and any others the caller
 * adds), each atomically, then summary.json last. A folder holding a summary.json is therefore complete: a run that
 * fails while writing (a full disk) leaves none, not even the one of an earlier run in the same folder.
 */
public final class BacktestReportWriter {

  public static final String SUMMARY_JSON = "summary.json";
  public static final String TRADES_CSV = "trades.csv";
  public static final String ORDERS_CSV = "orders.csv";
  public static final String EQUITY_CSV = "equity.csv";
  public static final String REPORT_HTML = "report.html";

  private BacktestReportWriter() {}

  /** Creates {@code outDir} if needed, overwrites the five files, and returns the metrics they hold. */
  public static BacktestMetrics writeAll(Path outDir, BacktestReport report) throws IOException {
    return writeAll(outDir, report, Map.of(), AtomicFiles.DISK);
  }

  /**
   * As {@link #writeAll(Path, BacktestReport)}, with {@code more} files (by name) written before summary.json, through
   * {@code files}.
   */
  public static BacktestMetrics writeAll(Path outDir, BacktestReport report, Map<String, AtomicFiles.Body> more, AtomicFiles files)
      throws IOException {
    Files.createDirectories(outDir);
    // An earlier run's summary would vouch for files this run may not finish replacing.
    Files.deleteIfExists(outDir.resolve(SUMMARY_JSON));
    BacktestMetrics metrics = report.metrics();
    Map<String, AtomicFiles.Body> bodies = new LinkedHashMap<>(more);
    CsvNumbers numbers = report.csvNumbers();
    bodies.put(TRADES_CSV, w -> CsvReportFiles.writeTrades(w, report.trades(), numbers));
    bodies.put(ORDERS_CSV, w -> CsvReportFiles.writeOrders(w, report.orders(), numbers));
    bodies.put(EQUITY_CSV, w -> CsvReportFiles.writeEquity(w, report.equity(), numbers));
    bodies.put(REPORT_HTML, w -> w.write(HtmlReportWriter.render(report, metrics)));
    for (var e : bodies.entrySet()) files.write(outDir.resolve(e.getKey()), e.getValue());
    files.write(outDir.resolve(SUMMARY_JSON), w -> w.write(SummaryJsonWriter.toJson(report, metrics)));
    return metrics;
  }
}
