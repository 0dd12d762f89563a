package io.troupe.app.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.troupe.market.Bar;
import io.troupe.model.EquityPoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuyAndHoldTest {

  static Bar bar(String symbol, long minute, double close) {
    return new Bar(symbol, minute * 60_000, close, close, close, close, 1);
  }

  @Test
  void equalWeightsFromEachSymbolsFirstCloseAndCashBeforeIt() {
    Map<String, List<Bar>> bars = new LinkedHashMap<>();
    bars.put("A", List.of(bar("A", 0, 100), bar("A", 1, 110), bar("A", 2, 120)));
    bars.put("B", List.of(bar("B", 1, 50), bar("B", 2, 25)));
    BuyAndHold b = new BuyAndHold(bars, 1_000);
    // Minute 0: B has no bar yet, its half is still cash. Minute 3: the last closes hold.
    assertArrayEquals(new double[] {1_000, 550 + 500, 600 + 250, 600 + 250},
        b.valuesAt(new long[] {0, 60_000, 120_000, 180_000}), 1e-9);
    assertEquals((1.2 + 0.5) / 2 - 1, b.totalReturn(), 1e-12);
    assertEquals("Buy and hold, equal weights: A, B", BuyAndHold.label(bars.keySet()));
    assertNull(new BuyAndHold(Map.of(), 1_000).totalReturn());
  }

  @Test
  void theMetricsAndSummaryJsonCarryItsReturn() throws Exception {
    Map<String, List<Bar>> bars = Map.of("A", List.of(bar("A", 0, 100), bar("A", 1, 90)));
    List<EquityPoint> equity = List.of(new EquityPoint(0, 1_000, 1_000, 0, 0), new EquityPoint(60_000, 1_010, 1_010, 0, 0));
    BacktestReport r = new BacktestReport("t", equity, List.of(), List.of(), bars, null, 1_000, 0, null, null, null, null, null, 0,
        null, null, null);
    BacktestMetrics m = r.metrics();
    assertEquals(-0.1, m.buyAndHoldReturn(), 1e-12);
    assertEquals(-0.1, (Double) SummaryJsonWriter.toMap(r, m).get("buy_and_hold_return"), 1e-12);
    assertEquals(true, SummaryTable.render(m).contains("Buy and hold return"));
    assertEquals(true, HtmlReportWriter.render(r, m).contains("-10.00%"));
  }
}
