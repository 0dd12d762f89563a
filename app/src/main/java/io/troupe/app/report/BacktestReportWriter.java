package io.troupe.app.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes summary.json, trades.csv, orders.csv, equity.csv and report.html into one folder. */
public final class BacktestReportWriter {

  public static final String SUMMARY_JSON = "summary.json";
  public static final String TRADES_CSV = "trades.csv";
  public static final String ORDERS_CSV = "orders.csv";
  public static final String EQUITY_CSV = "equity.csv";
  public static final String REPORT_HTML = "report.html";

  private BacktestReportWriter() {}

  /** Creates {@code outDir} if needed, overwrites the five files, and returns the metrics they hold. */
  public static BacktestMetrics writeAll(Path outDir, BacktestReport report) throws IOException {
    Files.createDirectories(outDir);
    BacktestMetrics metrics = report.metrics();
    SummaryJsonWriter.write(outDir.resolve(SUMMARY_JSON), report, metrics);
    CsvReportFiles.writeTrades(outDir.resolve(TRADES_CSV), report.trades());
    CsvReportFiles.writeOrders(outDir.resolve(ORDERS_CSV), report.orders());
    CsvReportFiles.writeEquity(outDir.resolve(EQUITY_CSV), report.equity());
    HtmlReportWriter.write(outDir.resolve(REPORT_HTML), report, metrics);
    return metrics;
  }
}
