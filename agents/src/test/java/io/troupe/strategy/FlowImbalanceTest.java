package io.troupe.strategy;

import static io.troupe.strategy.Bars.bar;
import static io.troupe.strategy.Bars.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class FlowImbalanceTest {

  @Test
  void buyShareIsWhereTheCloseSitsInTheRange() {
    assertEquals(0.75, FlowImbalance.buyShare(bar(0, 100, 104, 100, 103, 10)), 1e-12);
    assertEquals(0.5, FlowImbalance.buyShare(bar(0, 100, 100, 100, 100, 10)), 1e-12);
  }

  @Test
  void closesAtTheHighsGoLongAndABalancedTapeExits() {
    FlowImbalance f = new FlowImbalance(3, 0.5);
    assertNull(f.onBar(bar(0, 100, 101, 99, 101, 10)));
    assertNull(f.onBar(bar(1, 100, 101, 99, 101, 10)));
    Signal in = f.onBar(bar(2, 100, 101, 99, 101, 10));
    assertEquals(Direction.LONG, in.direction());
    assertEquals(1.0, in.strength(), 1e-12);
    assertNull(f.onBar(bar(3, 100, 101, 99, 100, 10)), "imbalance 2/3, still long");
    assertNull(f.onBar(bar(4, 100, 101, 99, 99, 10)), "imbalance 0");
    Signal out = f.onBar(bar(5, 100, 101, 99, 99, 10));
    assertEquals(Direction.FLAT, out.direction(), "imbalance -2/3 crosses zero");
    assertEquals(-2.0 / 3, f.imbalance(), 1e-12);
    Signal shortSig = f.onBar(bar(6, 100, 101, 99, 99, 10));
    assertEquals(Direction.SHORT, shortSig.direction());
  }

  @Test
  void barsWithoutVolumeAreIgnored() {
    FlowImbalance f = new FlowImbalance(1, 0.1);
    assertNull(f.onBar(bar(0, 100, 101, 99, 101, Double.NaN)));
    assertTrue(Double.isNaN(f.imbalance()));
  }

  /** On real XRP/ETH data the bar proxy agrees in sign with the trade-side imbalance more often than not. */
  @Test
  void barProxyTracksTheTradeImbalanceOnRealData() {
    List<TradeFlow.Trade> trades = TradeFlow.read(fixture("XRP_ETH-trades.json.gz"));
    SortedMap<Long, TradeFlow.Flow> perMinute = TradeFlow.byInterval(trades, 60_000);
    List<Bar> bars = new ArrayList<>();
    BarFiles.forEach(fixture("XRP_ETH-1m.json"), "XRP_ETH", ReadOptions.DEFAULT, bars::add);
    int agree = 0, compared = 0;
    for (Bar b : bars) {
      TradeFlow.Flow flow = perMinute.get(b.time());
      if (flow == null || flow.trades() < 3 || b.high() == b.low()) continue;
      double proxy = 2 * FlowImbalance.buyShare(b) - 1;
      if (proxy == 0 || flow.imbalance() == 0) continue;
      compared++;
      if (Math.signum(proxy) == Math.signum(flow.imbalance())) agree++;
    }
    double share = (double) agree / compared;
    System.out.printf("XRP/ETH 1m: bar proxy and trade imbalance agree in sign on %d of %d minutes (%.1f%%)%n", agree, compared, 100 * share);
    assertTrue(compared > 300, "compared " + compared);
    assertTrue(share > 0.55, "agreement " + share);
  }
}
