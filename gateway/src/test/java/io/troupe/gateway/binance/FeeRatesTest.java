package io.troupe.gateway.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.troupe.model.ExecutionReport;
import io.troupe.model.Liquidity;
import io.troupe.model.Side;
import org.junit.jupiter.api.Test;

/** Which price a fee in a third asset is converted at: a fresh ticker for a fill of now, its minute's kline for an older one. */
class FeeRatesTest {
  private static final long NOW = 1_800_000_000_000L;

  private static ExecutionReport.Fill bnbFill(long time) {
    ExecutionReport.Fill f = new ExecutionReport.Fill("O1", "binance-BTCUSDT-1", "BTCUSDT", time, Side.BUY, 0.1, 50_000, 0, Liquidity.TAKER, 0);
    return BinanceOrders.withFee(f, 0.02, "BNB");
  }

  @Test
  void aFillOfNowTakesTheTickerForItsLifeAnOlderOneItsMinutesKline() {
    FeeRates rates = new FeeRates();
    ExecutionReport.Fill recent = bnbFill(NOW - 2_000);
    assertEquals(new FeeRates.Need("BNBUSDT", 0), rates.need(recent, NOW));
    rates.answered(rates.need(recent, NOW), 300, NOW);
    assertNull(rates.need(recent, NOW + 5_000), "kept for its life");
    assertEquals(6.0, rates.convert(recent, NOW).fee(), 1e-9);
    assertEquals(new FeeRates.Need("BNBUSDT", 0), rates.need(bnbFill(NOW + 20_000), NOW + 20_000), "asked again after it");
    // A batch that waited for a slow answer takes it, however long it took.
    ExecutionReport.Fill waiting = bnbFill(NOW + 30_000);
    rates.answered(rates.need(waiting, NOW + 30_000), 310, NOW + 55_000);
    assertNull(rates.need(waiting, NOW + 30_000));
    assertEquals(6.2, rates.convert(waiting, NOW + 30_000).fee(), 1e-9);

    ExecutionReport.Fill old = bnbFill(NOW - 3_600_000 - 12_345); // reported an hour late
    FeeRates.Need minute = rates.need(old, NOW);
    assertEquals(new FeeRates.Need("BNBUSDT", NOW - 3_600_000 - 12_345 - Math.floorMod(NOW - 3_600_000 - 12_345, 60_000L)), minute);
    rates.answered(minute, 250, NOW);
    ExecutionReport.Fill converted = rates.convert(old, NOW);
    assertEquals(5.0, converted.fee(), 1e-9);
    assertEquals("kline 1m BNBUSDT", converted.charged().source());
  }

  @Test
  void noPriceIsAZeroFeeThatSaysNone() {
    FeeRates rates = new FeeRates();
    ExecutionReport.Fill f = bnbFill(NOW);
    rates.answered(rates.need(f, NOW), Double.NaN, NOW);
    ExecutionReport.Fill converted = rates.convert(f, NOW);
    assertEquals(0, converted.fee());
    assertEquals("none", converted.charged().source());
    assertEquals(0.02, converted.charged().amount());
  }

  @Test
  void theQuoteAndTheBaseNeedNoPrice() {
    ExecutionReport.Fill f = new ExecutionReport.Fill("O1", "x", "BTCUSDT", NOW, Side.BUY, 0.1, 50_000, 0, Liquidity.TAKER, 0);
    assertNull(BinanceOrders.withFee(f, 5, "USDT").charged());
    assertEquals(5, BinanceOrders.withFee(f, 5, "USDT").fee());
    ExecutionReport.Fill base = BinanceOrders.withFee(f, 0.0001, "BTC");
    assertEquals(5, base.fee(), 1e-9);
    assertNull(new FeeRates().need(base, NOW));
  }
}
