package io.troupe.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.model.Instrument;
import io.troupe.model.OrderRecord;
import io.troupe.model.OrderType;
import io.troupe.model.RoundTrip;
import io.troupe.model.Side;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvNumbersTest {

  private static final CsvNumbers TERMS = new CsvNumbers(Map.of(
      "BTC", Instrument.spot("BTC").withTickSize(0.5).withLotSize(0.001),
      "ES", Instrument.future("ES", 50, 12_000).withTickSize(0.25).withLotSize(1)));

  @Test
  void pricesGoToTheTickAndQuantitiesToTheLot() {
    assertEquals("47330.5", TERMS.price("BTC", 47330.323000000004));
    assertEquals("47330", TERMS.price("BTC", 47330.2));
    assertEquals("0.427", TERMS.quantity("BTC", 0.4271861249946602));
    assertEquals("4500.25", TERMS.price("ES", 4500.2600000001));
    assertEquals("3", TERMS.quantity("ES", 3.0000000004));
  }

  @Test
  void withoutATickOrALotEightDecimals() {
    assertEquals("47330.323", TERMS.price("ETH", 47330.323000000004));
    assertEquals("0.00042719", TERMS.quantity("ETH", 0.0004271861249946602));
    assertEquals("0.00042719", CsvNumbers.DEFAULT.quantity("BTC", 0.0004271861249946602));
    assertEquals("0.0000003", CsvNumbers.DEFAULT.price("X", 3e-7));
  }

  @Test
  void moneyToCentsHalfToEvenAndNothingInExponentForm() {
    assertEquals("0.04", TERMS.money(0.040094024050578846));
    assertEquals("0.06", TERMS.money(0.06193002652825787));
    assertEquals("9950.12", TERMS.money(9950.125));
    assertEquals("9950.14", TERMS.money(9950.135));
    assertEquals("-12.5", TERMS.money(-12.5));
    assertEquals("0", TERMS.money(-0.001));
    assertEquals("100000000000000000000", TERMS.money(1e20));
    assertEquals("", TERMS.money(Double.NaN));
    assertEquals("", TERMS.price("BTC", Double.POSITIVE_INFINITY));
  }

  @Test
  void theFilesUseTheirSymbolsTerms() throws Exception {
    StringWriter trades = new StringWriter();
    CsvReportFiles.writeTrades(trades, List.of(new RoundTrip("BTC", "long", 0, 46808.6364, 60_000, 47047.4645,
        0.4271861249946602, 0.040094024050578846, 0.06193002652825787, "max_age", "s")), TERMS);
    assertEquals("BTC,long,1970-01-01T00:00:00Z,46808.5,1970-01-01T00:01:00Z,47047.5,0.427,0.04,0.06,max_age,s",
        trades.toString().split("\n")[1]);
    StringWriter orders = new StringWriter();
    CsvReportFiles.writeOrders(orders, List.of(new OrderRecord("O1", "ES", Side.BUY, OrderType.STOP, 2, Double.NaN, 4500.1,
        "FILLED", 2, 4500.3, 0, 1000, "entry")), TERMS);
    assertEquals("O1,ES,buy,stop,2,,4500,FILLED,2,4500.25,1970-01-01T00:00:00Z,1970-01-01T00:00:01Z,entry",
        orders.toString().split("\n")[1]);
  }
}
