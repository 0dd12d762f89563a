package io.troupe.app.report;

import io.troupe.model.OrderRecord;
import io.troupe.model.EquityPoint;
import io.troupe.model.RoundTrip;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVPrinter;

/**
 * trades.csv, orders.csv and equity.csv, through the CSV writer ({@link Csv}: RFC 4180). Times are ISO-8601 UTC
 * ({@code 2022-01-01T00:05:00Z}); prices are written to the instrument's tick, quantities to its lot, money (fees,
 * P&L, equity, cash) to cents ({@link CsvNumbers}), never in exponent form; NaN prints as an empty cell. Lines end with {@code \n} on every platform. The {@code Path} forms write
 * the file atomically ({@link AtomicFiles}).
 */
public final class CsvReportFiles {

  public static final List<String> TRADES_HEADER = List.of(
      "symbol", "side", "entry_time", "entry_price", "exit_time", "exit_price", "quantity", "fees", "pnl", "exit_reason", "specialist");
  public static final List<String> ORDERS_HEADER = List.of(
      "order_id", "symbol", "side", "type", "quantity", "limit_price", "stop_price", "status", "filled_quantity", "avg_fill_price",
      "created_at", "updated_at", "reason");
  public static final List<String> EQUITY_HEADER = List.of("time", "equity", "cash", "drawdown");

  private CsvReportFiles() {}

  public static void writeTrades(Path file, List<RoundTrip> trades, CsvNumbers n) throws IOException {
    AtomicFiles.DISK.write(file, w -> writeTrades(w, trades, n));
  }

  public static void writeOrders(Path file, List<OrderRecord> orders, CsvNumbers n) throws IOException {
    AtomicFiles.DISK.write(file, w -> writeOrders(w, orders, n));
  }

  public static void writeEquity(Path file, List<EquityPoint> equity, CsvNumbers n) throws IOException {
    AtomicFiles.DISK.write(file, w -> writeEquity(w, equity, n));
  }

  public static void writeTrades(Writer w, List<RoundTrip> trades, CsvNumbers n) throws IOException {
    CSVPrinter csv = Csv.printer(w, TRADES_HEADER);
    for (RoundTrip t : trades) {
      String s = t.symbol();
      csv.printRecord(s, t.side(), time(t.entryTime()), n.price(s, t.entryPrice()), time(t.exitTime()),
          n.price(s, t.exitPrice()), n.quantity(s, t.quantity()), n.money(t.fees()), n.money(t.pnl()), t.exitReason(), t.specialist());
    }
    csv.flush();
  }

  public static void writeOrders(Writer w, List<OrderRecord> orders, CsvNumbers n) throws IOException {
    CSVPrinter csv = Csv.printer(w, ORDERS_HEADER);
    for (OrderRecord o : orders) {
      String s = o.symbol();
      csv.printRecord(o.orderId(), s, lower(o.side()), lower(o.type()), n.quantity(s, o.quantity()),
          n.price(s, o.limitPrice()), n.price(s, o.stopPrice()), o.status(), n.quantity(s, o.filledQuantity()),
          n.price(s, o.avgFillPrice()), time(o.createdAt()), time(o.updatedAt()), o.reason());
    }
    csv.flush();
  }

  public static void writeEquity(Writer w, List<EquityPoint> equity, CsvNumbers n) throws IOException {
    CSVPrinter csv = Csv.printer(w, EQUITY_HEADER);
    // Equity, cash and drawdown stay the same for long stretches (no position): each column's last text is reused.
    Repeat equityText = new Repeat(n::money);
    Repeat cashText = new Repeat(n::money);
    Repeat drawdownText = new Repeat(n::fraction);
    for (EquityPoint p : equity) csv.printRecord(time(p.time()), equityText.of(p.equity()), cashText.of(p.cash()), drawdownText.of(p.drawdown()));
    csv.flush();
  }

  /** One column's text: the last value's, again, when the value is the same double. */
  private static final class Repeat {
    private final java.util.function.DoubleFunction<String> format;
    private long lastBits;
    private String last;

    Repeat(java.util.function.DoubleFunction<String> format) {
      this.format = format;
    }

    String of(double v) {
      long bits = Double.doubleToRawLongBits(v);
      if (last == null || bits != lastBits) {
        last = format.apply(v);
        lastBits = bits;
      }
      return last;
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

  private static String lower(Enum<?> e) {
    return e == null ? null : e.name().toLowerCase(Locale.ROOT);
  }
}
