package io.troupe.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.model.OrderRecord;
import io.troupe.model.OrderType;
import io.troupe.model.Side;
import io.troupe.model.EquityPoint;
import io.troupe.model.RoundTrip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReportFilesTest {

  static final long T0 = Instant.parse("2022-01-01T00:05:00Z").toEpochMilli();

  @TempDir Path dir;

  @Test
  void tradesWithIsoTimesRoundTripNumbersAndEscapedText() throws Exception {
    RoundTrip t = new RoundTrip("BTCUSDT", "long", T0, 46_000.5, T0 + 90 * 60_000L, 46_500.25, 0.00001, 0.1,
        -1.0E-7, "stop, trailing", "say \"hi\"");
    Path f = dir.resolve("trades.csv");
    CsvReportFiles.writeTrades(f, List.of(t), CsvNumbers.DEFAULT);
    // A P&L of -0.0000001 is no cent: money is written to cents.
    assertEquals(List.of(
        "symbol,side,entry_time,entry_price,exit_time,exit_price,quantity,fees,pnl,exit_reason,specialist",
        "BTCUSDT,long,2022-01-01T00:05:00Z,46000.5,2022-01-01T01:35:00Z,46500.25,0.00001,0.1,0,"
            + "\"stop, trailing\",\"say \"\"hi\"\"\""), Files.readAllLines(f));
  }

  @Test
  void ordersWithEmptyCellsForNaN() throws Exception {
    OrderRecord o = new OrderRecord("o-1", "ETHUSDT", Side.SELL, OrderType.LIMIT, 2, 3000, Double.NaN, "cancelled",
        0, Double.NaN, T0, T0 + 1500, "stale\norder");
    Path f = dir.resolve("orders.csv");
    CsvReportFiles.writeOrders(f, List.of(o), CsvNumbers.DEFAULT);
    String[] lines = Files.readString(f).split("\n", 2);
    assertEquals("order_id,symbol,side,type,quantity,limit_price,stop_price,status,filled_quantity,avg_fill_price,"
        + "created_at,updated_at,reason", lines[0]);
    assertEquals("o-1,ETHUSDT,sell,limit,2,3000,,cancelled,0,,2022-01-01T00:05:00Z,2022-01-01T00:05:01.500Z,"
        + "\"stale\norder\"\n", lines[1]);
  }

  @Test
  void equityOneRowPerPoint() throws Exception {
    Path f = dir.resolve("equity.csv");
    CsvReportFiles.writeEquity(f, List.of(new EquityPoint(T0, 10_000, 10_000, 0, 0),
        new EquityPoint(T0 + 60_000, 9_950.125, 5_000.0000001, 0.0049875, 0.5)), CsvNumbers.DEFAULT);
    // Money to cents (half to even), the drawdown, a fraction, to eight decimals.
    assertEquals(List.of("time,equity,cash,drawdown", "2022-01-01T00:05:00Z,10000,10000,0",
        "2022-01-01T00:06:00Z,9950.12,5000,0.0049875"), Files.readAllLines(f));
  }

  @Test
  void aStandardParserReadsEveryColumnBackUnderItsName() throws Exception {
    String[] awkward = {"stop, trailing", "say \"hi\"", "two\nlines", "carriage\rreturn", "#hash", " padded ", ""};
    List<RoundTrip> trades = new java.util.ArrayList<>();
    List<OrderRecord> orders = new java.util.ArrayList<>();
    for (int i = 0; i < awkward.length; i++) {
      trades.add(new RoundTrip("BTC,USDT", "long", T0, 46_000.5, T0 + 60_000, 1e-7 * (i + 1), 0.00001, Double.NaN, -2.5, awkward[i],
          awkward[awkward.length - 1 - i]));
      orders.add(new OrderRecord("o-" + i, "ETH\"USDT", Side.BUY, OrderType.STOP, 1, Double.NaN, 3000.25, "rejected", 0, Double.NaN,
          T0, T0 + i, awkward[i]));
    }
    CsvReportFiles.writeTrades(dir.resolve("trades.csv"), trades, CsvNumbers.DEFAULT);
    CsvReportFiles.writeOrders(dir.resolve("orders.csv"), orders, CsvNumbers.DEFAULT);

    CsvTable t = CsvTable.read(dir.resolve("trades.csv"));
    assertEquals(CsvReportFiles.TRADES_HEADER, t.header());
    assertEquals(List.of(awkward), t.column("exit_reason"));
    assertEquals("BTC,USDT", t.rows().get(0).get("symbol"));
    assertEquals("0.0000003", t.rows().get(2).get("exit_price"));
    assertEquals("", t.rows().get(0).get("fees"));
    assertEquals("-2.5", t.rows().get(0).get("pnl"));
    assertEquals(" padded ", t.rows().get(1).get("specialist"));

    CsvTable o = CsvTable.read(dir.resolve("orders.csv"));
    assertEquals(CsvReportFiles.ORDERS_HEADER, o.header());
    assertEquals(List.of(awkward), o.column("reason"));
    assertEquals("ETH\"USDT", o.rows().get(3).get("symbol"));
    assertEquals("stop", o.rows().get(3).get("type"));
    assertEquals("3000.25", o.rows().get(3).get("stop_price"));
    assertEquals("2022-01-01T00:05:00.003Z", o.rows().get(3).get("updated_at"));
  }

  @Test
  void numbersReadBackAsTheSameDouble() {
    for (double v : new double[] {0.1 + 0.2, 1e-9, 123456789.123, -0.0, 1e20, Math.PI}) {
      String s = CsvReportFiles.number(v);
      assertEquals(v == 0 ? 0.0 : v, Double.parseDouble(s), 0.0, s);
      assertEquals(-1, s.indexOf('E'), s);
    }
    assertEquals("", CsvReportFiles.number(Double.NaN));
    assertEquals("", CsvReportFiles.number(Double.POSITIVE_INFINITY));
  }
}
