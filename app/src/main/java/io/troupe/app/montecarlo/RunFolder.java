package io.troupe.app.montecarlo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.report.Csv;
import io.troupe.model.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A finished backtest's folder as Monte Carlo reads it: {@code summary.json} (the starting cash, the run's settings),
 * {@code trades.csv} (each trade's P&L and exit time) and {@code equity.csv} (the equity per bar). Anything missing or
 * unreadable is bad input naming the file, the line and the column.
 */
public record RunFolder(Path dir, JsonNode summary, double cash, double[] pnl, long[] exitTimes, long[] equityTimes, double[] equity) {

  public static RunFolder read(Path dir) {
    if (!Files.isDirectory(dir)) throw new InvalidInputException("--run " + dir + ": no such folder");
    Path summaryFile = need(dir, "summary.json");
    JsonNode summary;
    try {
      summary = new ObjectMapper().readTree(summaryFile.toFile());
    } catch (IOException e) {
      throw new InvalidInputException(summaryFile + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    JsonNode cashNode = summary.path("config").path("cash");
    if (!cashNode.isNumber() || !(cashNode.asDouble() > 0)) {
      throw new InvalidInputException(summaryFile + ": config.cash: missing or not a number > 0 (is this a backtest's folder?)");
    }
    Path tradesFile = need(dir, "trades.csv");
    Path equityFile = need(dir, "equity.csv");
    List<double[]> trades = new ArrayList<>();
    readCsv(tradesFile, List.of("exit_time", "pnl"), (r, line) -> trades.add(new double[] {time(tradesFile, r, "exit_time", line), number(tradesFile, r, "pnl", line)}));
    // Trades are written in exit order; sorting (stable) keeps that and tolerates a file put together by hand.
    trades.sort((a, b) -> Double.compare(a[0], b[0]));
    List<double[]> points = new ArrayList<>();
    readCsv(equityFile, List.of("time", "equity"), (r, line) -> points.add(new double[] {time(equityFile, r, "time", line), number(equityFile, r, "equity", line)}));
    if (points.isEmpty()) throw new InvalidInputException(equityFile + ": no equity rows");
    double[] pnl = trades.stream().mapToDouble(t -> t[1]).toArray();
    long[] exits = trades.stream().mapToLong(t -> (long) t[0]).toArray();
    long[] times = points.stream().mapToLong(p -> (long) p[0]).toArray();
    double[] equity = points.stream().mapToDouble(p -> p[1]).toArray();
    for (int i = 1; i < times.length; i++) {
      if (times[i] < times[i - 1]) throw new InvalidInputException(equityFile + " line " + (i + 2) + ": time goes back");
    }
    for (int i = 0; i < equity.length; i++) {
      if (!(equity[i] > 0)) throw new InvalidInputException(equityFile + " line " + (i + 2) + ": equity must be > 0 to take returns, got " + equity[i]);
    }
    return new RunFolder(dir, summary, cashNode.asDouble(), pnl, exits, times, equity);
  }

  /** Per-bar returns, the first against the starting cash. */
  public double[] returns() {
    double[] r = new double[equity.length];
    double previous = cash;
    for (int i = 0; i < equity.length; i++) {
      r[i] = equity[i] / previous - 1;
      previous = equity[i];
    }
    return r;
  }

  /** The run's own path, as the bootstrap measures paths. */
  public PathStats observedEquity() {
    return PathStats.of(cash, equity, equityTimes, equityTimes[0]);
  }

  /** The run's trades in their own order, as the shuffle measures paths. */
  public PathStats observedTrades() {
    double[] e = new double[pnl.length];
    double x = cash;
    for (int i = 0; i < pnl.length; i++) e[i] = x += pnl[i];
    return PathStats.of(cash, e, exitTimes, equityTimes[0]);
  }

  private interface Row {
    void accept(CSVRecord r, long line);
  }

  private static Path need(Path dir, String name) {
    Path f = dir.resolve(name);
    if (!Files.isRegularFile(f)) throw new InvalidInputException("--run " + dir + ": no " + name + " in the folder (a backtest's folder has summary.json, trades.csv, equity.csv)");
    return f;
  }

  private static void readCsv(Path file, List<String> columns, Row row) {
    CSVFormat format = Csv.FORMAT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = Files.newBufferedReader(file); CSVParser p = CSVParser.parse(in, format)) {
      for (String c : columns) {
        if (!p.getHeaderMap().containsKey(c)) throw new InvalidInputException(file + ": no column '" + c + "' in the header");
      }
      for (CSVRecord r : p) row.accept(r, r.getRecordNumber() + 1);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
    }
  }

  private static double number(Path file, CSVRecord r, String column, long line) {
    String text = r.isSet(column) ? r.get(column) : "";
    try {
      double v = Double.parseDouble(text);
      if (Double.isFinite(v)) return v;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new InvalidInputException(file + " line " + line + ": " + column + " '" + text + "' is not a number");
  }

  private static long time(Path file, CSVRecord r, String column, long line) {
    String text = r.isSet(column) ? r.get(column) : "";
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(file + " line " + line + ": " + column + " '" + text + "' is not a time (e.g. 2022-01-01T00:05:00Z)");
    }
  }
}
