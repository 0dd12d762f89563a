package io.troupe.app.report;

import io.troupe.model.OrderRecord;
import io.troupe.model.EquityPoint;
import io.troupe.model.RoundTrip;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * trades.csv, orders.csv and equity.csv. Times are ISO-8601 UTC ({@code 2022-01-01T00:05:00Z}); numbers are the
 * shortest decimal that reads back as the same double, never in exponent form; NaN prints as an empty cell; text is
 * quoted when it holds a comma, quote or line break. Lines end with {@code \n} on every platform.
 */
public final class CsvReportFiles {

  public static final String TRADES_HEADER =
      "symbol,side,entry_time,entry_price,exit_time,exit_price,quantity,fees,pnl,exit_reason,specialist";
  public static final String ORDERS_HEADER =
      "order_id,symbol,side,type,quantity,limit_price,stop_price,status,filled_quantity,avg_fill_price,"
          + "created_at,updated_at,reason";
  public static final String EQUITY_HEADER = "time,equity,cash,drawdown";

  private CsvReportFiles() {}

  public static void writeTrades(Path file, List<RoundTrip> trades) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(TRADES_HEADER + "\n");
      for (RoundTrip t : trades) {
        w.write(String.join(",",
            text(t.symbol()), text(t.side()), time(t.entryTime()), number(t.entryPrice()), time(t.exitTime()),
            number(t.exitPrice()), number(t.quantity()), number(t.fees()), number(t.pnl()), text(t.exitReason()),
            text(t.specialist())));
        w.write('\n');
      }
    }
  }

  public static void writeOrders(Path file, List<OrderRecord> orders) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(ORDERS_HEADER + "\n");
      for (OrderRecord o : orders) {
        w.write(String.join(",",
            text(o.orderId()), text(o.symbol()), text(lower(o.side())), text(lower(o.type())), number(o.quantity()),
            number(o.limitPrice()), number(o.stopPrice()), text(o.status()), number(o.filledQuantity()),
            number(o.avgFillPrice()), time(o.createdAt()), time(o.updatedAt()), text(o.reason())));
        w.write('\n');
      }
    }
  }

  public static void writeEquity(Path file, List<EquityPoint> equity) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(EQUITY_HEADER + "\n");
      StringBuilder line = new StringBuilder(80);
      for (EquityPoint p : equity) {
        line.setLength(0);
        line.append(time(p.time())).append(',').append(number(p.equity())).append(',').append(number(p.cash()))
            .append(',').append(number(p.drawdown())).append('\n');
        w.write(line.toString());
      }
    }
  }

  /** Shortest round-trip decimal in plain notation ("0.00001", "100", "-2.5"); empty for NaN or infinite. */
  public static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) return "";
    if (v == 0) return "0";
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  public static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  /** RFC 4180 quoting: only when needed, doubling inner quotes. Null is an empty cell. */
  public static String text(String s) {
    if (s == null) return "";
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static String lower(Enum<?> e) {
    return e == null ? null : e.name().toLowerCase(Locale.ROOT);
  }
}
