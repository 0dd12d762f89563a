package io.troupe.gateway.sim;

import static io.troupe.gateway.sim.SimTestSupport.TOLERANCE;
import static io.troupe.gateway.sim.SimTestSupport.bar;
import static io.troupe.gateway.sim.SimTestSupport.exchange;
import static io.troupe.gateway.sim.SimTestSupport.frictionless;
import static io.troupe.gateway.sim.SimTestSupport.onlyFill;
import static io.troupe.gateway.sim.SimTestSupport.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.model.ExecutionReport;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.model.Instrument;
import io.troupe.model.InvalidInputException;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Maker and taker rates set apart: the fill's liquidity picks the rate; a per-unit fee replaces both. */
class FeeModelTest {

  @Test
  void aMakerLimitFillAndATakerMarketFillPayTheirOwnRates() {
    // 0.02% maker, 0.075% taker, 10 bps slippage so the taker's price is not the open.
    SimulatedExchange ex = exchange(frictionless().withSlippageBps(10).withFees(new FeeModel(0.02, 0.075, 0)));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.market("taker", "BTC", Side.BUY, 3, t(0)), t(0));
    ex.submit(OrderRequest.limit("maker", "BTC", Side.SELL, 2, 104, t(0)), t(0));

    List<ExecutionReport> reports = ex.onBar(bar("BTC", 1, 100, 105, 99.5, 104.5));

    Fill taker = assertInstanceOf(Fill.class, reports.get(0));
    Fill maker = assertInstanceOf(Fill.class, reports.get(1));
    assertEquals(Liquidity.TAKER, taker.liquidity());
    assertEquals(100.1, taker.price(), TOLERANCE);
    assertEquals(100.1 * 3 * 0.075 / 100, taker.fee(), TOLERANCE);
    assertEquals(Liquidity.MAKER, maker.liquidity());
    assertEquals(104, maker.price(), TOLERANCE);
    assertEquals(104 * 2 * 0.02 / 100, maker.fee(), TOLERANCE);
  }

  @Test
  void aMarketableLimitTakesAndPaysTheTakerRate() {
    SimulatedExchange ex = exchange(frictionless().withFees(new FeeModel(0.01, 0.1, 0)));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("through", "BTC", Side.BUY, 1, 102, t(0)), t(0));

    Fill fill = onlyFill(ex.onBar(bar("BTC", 1, 100, 101, 99, 100)));

    assertEquals(Liquidity.TAKER, fill.liquidity());
    assertEquals(100 * 0.001, fill.fee(), TOLERANCE);
  }

  @Test
  void aNegativeMakerRateIsARebate() {
    SimulatedExchange ex = exchange(frictionless().withFees(new FeeModel(-0.01, 0.05, 0)));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("maker", "BTC", Side.BUY, 1, 98, t(0)), t(0));

    Fill fill = onlyFill(ex.onBar(bar("BTC", 1, 100, 101, 97, 99)));

    assertEquals(-98 * 0.0001, fill.fee(), TOLERANCE);
  }

  @Test
  void aPerUnitFeeReplacesBothRates() {
    FeeModel fees = new FeeModel(0.02, 0.075, 1.25);
    Instrument es = Instrument.future("ES", 50, 12_000);
    assertEquals(2 * 1.25, fees.fee(es, 5000, 2, Liquidity.MAKER), TOLERANCE);
    assertEquals(2 * 1.25, fees.fee(es, 5000, 2, Liquidity.TAKER), TOLERANCE);
    assertEquals(5000 * 2 * 50 * 0.075 / 100, new FeeModel(0.02, 0.075, 0).fee(es, 5000, 2, Liquidity.TAKER), TOLERANCE);
  }

  @Test
  void theSixArgumentSettingsAndThePercentShorthandKeepBothRates() {
    SimulatedExchangeSettings s = new SimulatedExchangeSettings(FillMode.NEXT_OPEN, 5, 0.02, 0.07, 0, 0);
    assertEquals(new FeeModel(0.02, 0.07, 0), s.fees());
    assertEquals(0.02, s.makerFeePct());
    assertEquals(0.07, s.takerFeePct());
    assertEquals(LatencyModel.NONE, s.latency());
    assertEquals(new FeeModel(0.1, 0.1, 0), FeeModel.percent(0.1));
    assertEquals(FeeModel.percent(0.1), SimulatedExchangeSettings.defaults().fees());
  }

  @Test
  void badRatesAreRefused() {
    assertThrows(InvalidInputException.class, () -> new FeeModel(Double.NaN, 0.1, 0));
    assertThrows(InvalidInputException.class, () -> new FeeModel(0.1, Double.POSITIVE_INFINITY, 0));
    assertThrows(InvalidInputException.class, () -> new FeeModel(0.1, 0.1, -1));
  }
}
