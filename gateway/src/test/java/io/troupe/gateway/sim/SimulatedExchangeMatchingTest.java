package io.troupe.gateway.sim;

import static io.troupe.gateway.sim.SimTestSupport.TOLERANCE;
import static io.troupe.gateway.sim.SimTestSupport.bar;
import static io.troupe.gateway.sim.SimTestSupport.exchange;
import static io.troupe.gateway.sim.SimTestSupport.frictionless;
import static io.troupe.gateway.sim.SimTestSupport.onlyFill;
import static io.troupe.gateway.sim.SimTestSupport.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.ExecutionReport;
import io.troupe.model.ExecutionReport.Ack;
import io.troupe.model.ExecutionReport.Canceled;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Order types, gaps, the intrabar path and slippage. */
class SimulatedExchangeMatchingTest {

  @Test
  void marketBuyFillsAtNextOpenPlusSlippageAsTaker() {
    SimulatedExchange ex = exchange(frictionless().withSlippageBps(10));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    assertInstanceOf(Ack.class, ex.submit(OrderRequest.market("m1", "BTC", Side.BUY, 2, t(0)), t(0)).get(0));

    Fill fill = onlyFill(ex.onBar(bar("BTC", 1, 200, 210, 190, 205)));

    assertEquals(200 * 1.001, fill.price(), TOLERANCE);
    assertEquals(2, fill.quantity(), TOLERANCE);
    assertEquals(Liquidity.TAKER, fill.liquidity());
    assertEquals(0, fill.remaining(), TOLERANCE);
    assertEquals(t(1), fill.time());
    assertEquals("m1-1", fill.fillId());
    assertEquals(2, ex.netPosition("BTC"), TOLERANCE);
    assertTrue(ex.workingOrders("BTC").isEmpty());
  }

  @Test
  void marketSellReceivesOpenMinusSlippage() {
    SimulatedExchange ex = exchange(frictionless().withSlippageBps(10));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.market("m1", "BTC", Side.SELL, 1, t(0)), t(0));

    Fill fill = onlyFill(ex.onBar(bar("BTC", 1, 200, 210, 190, 205)));

    assertEquals(200 * 0.999, fill.price(), TOLERANCE);
    assertEquals(Side.SELL, fill.side());
    assertEquals(-1, ex.netPosition("BTC"), TOLERANCE);
  }

  @Test
  void orderSubmittedAfterBarTNeverFillsOnBarT() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.market("m1", "BTC", Side.BUY, 1, t(0)), t(0));

    // Bar 0 delivered again (a replay or duplicate): the order was decided on it and must not fill on it.
    assertTrue(ex.onBar(bar("BTC", 0, 100, 101, 99, 100)).isEmpty());
    assertEquals(100 + 5, onlyFill(ex.onBar(bar("BTC", 1, 105, 106, 104, 105))).price(), TOLERANCE);
  }

  @Test
  void orderDecidedOnABarNotYetSeenWaitsForTheBarAfterIt() {
    SimulatedExchange ex = exchange(frictionless());
    // The decision was taken on bar 1, but the exchange has not been shown bar 1 yet.
    ex.submit(OrderRequest.market("m1", "BTC", Side.BUY, 1, t(1)), t(1));

    assertTrue(ex.onBar(bar("BTC", 1, 100, 101, 99, 100)).isEmpty());
    assertEquals(107, onlyFill(ex.onBar(bar("BTC", 2, 107, 108, 106, 107))).price(), TOLERANCE);
  }

  @Test
  void buyLimitFillsAtItsPriceAsMakerWhenTheBarTradesDownToIt() {
    SimulatedExchange ex = exchange(frictionless().withSlippageBps(10));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("l1", "BTC", Side.BUY, 1, 97, t(0)), t(0));

    assertTrue(ex.onBar(bar("BTC", 1, 100, 102, 98, 101)).isEmpty(), "98 never reaches 97");
    Fill fill = onlyFill(ex.onBar(bar("BTC", 2, 100, 101, 95, 99)));

    assertEquals(97, fill.price(), TOLERANCE, "passive limit: no slippage");
    assertEquals(Liquidity.MAKER, fill.liquidity());
  }

  @Test
  void sellLimitFillsAtItsPriceWhenTheBarTradesUpToIt() {
    SimulatedExchange ex = exchange(frictionless().withSlippageBps(10));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("l1", "BTC", Side.SELL, 1, 103, t(0)), t(0));

    Fill fill = onlyFill(ex.onBar(bar("BTC", 1, 100, 104, 99, 102)));

    assertEquals(103, fill.price(), TOLERANCE);
    assertEquals(Liquidity.MAKER, fill.liquidity());
  }

  @Test
  void buyLimitGappedThroughFillsAtTheOpenAsTaker() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("l1", "BTC", Side.BUY, 1, 97, t(0)), t(0));

    Fill fill = onlyFill(ex.onBar(bar("BTC", 1, 94, 96, 93, 95)));

    assertEquals(94, fill.price(), TOLERANCE, "better than the limit: the open");
    assertEquals(Liquidity.TAKER, fill.liquidity());
  }

  @Test
  void marketableLimitSlippageIsCappedAtTheLimit() {
    SimulatedExchange ex = exchange(frictionless().withSlippageBps(100));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("b", "BTC", Side.BUY, 1, 100.5, t(0)), t(0));
    ex.submit(OrderRequest.limit("s", "BTC", Side.SELL, 1, 99.5, t(0)), t(0));

    List<ExecutionReport> reports = ex.onBar(bar("BTC", 1, 100, 100, 100, 100));

    assertEquals(100.5, ((Fill) reports.get(0)).price(), TOLERANCE, "open*1.01 = 101 capped at 100.5");
    assertEquals(99.5, ((Fill) reports.get(1)).price(), TOLERANCE, "open*0.99 = 99 capped at 99.5");
  }

  @Test
  void sellLimitGappedThroughFillsAtTheOpen() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("l1", "BTC", Side.SELL, 1, 103, t(0)), t(0));

    Fill fill = onlyFill(ex.onBar(bar("BTC", 1, 106, 107, 105, 106)));

    assertEquals(106, fill.price(), TOLERANCE);
    assertEquals(Liquidity.TAKER, fill.liquidity());
  }

  @Test
  void buyStopTriggersAtTheStopWithSlippage() {
    SimulatedExchange ex = exchange(frictionless().withSlippageBps(10));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.stop("s1", "BTC", Side.BUY, 1, 105, t(0)), t(0));

    assertTrue(ex.onBar(bar("BTC", 1, 100, 104, 99, 103)).isEmpty());
    Fill fill = onlyFill(ex.onBar(bar("BTC", 2, 103, 108, 102, 107)));

    assertEquals(105 * 1.001, fill.price(), TOLERANCE);
    assertEquals(Liquidity.TAKER, fill.liquidity());
  }

  @Test
  void sellStopTriggersAtTheStopWithSlippage() {
    SimulatedExchange ex = exchange(frictionless().withSlippageBps(10));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.stop("s1", "BTC", Side.SELL, 1, 95, t(0)), t(0));

    Fill fill = onlyFill(ex.onBar(bar("BTC", 1, 99, 100, 90, 92)));

    assertEquals(95 * 0.999, fill.price(), TOLERANCE);
  }

  @Test
  void stopGappedThroughFillsAtTheOpen() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.stop("up", "BTC", Side.BUY, 1, 105, t(0)), t(0));
    ex.submit(OrderRequest.stop("down", "ETH", Side.SELL, 1, 95, t(0)), t(0));

    assertEquals(110, onlyFill(ex.onBar(bar("BTC", 1, 110, 112, 108, 111))).price(), TOLERANCE);
    assertEquals(90, onlyFill(ex.onBar(bar("ETH", 1, 90, 91, 88, 89))).price(), TOLERANCE);
  }

  @Test
  void buyStopLimitTriggersThenFillsWhenThePathComesBackToTheLimit() {
    SimulatedExchange ex = exchange(frictionless().withSlippageBps(10));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    // Stop 105, limit 104: once 105 trades, a bid at 104 rests.
    ex.submit(OrderRequest.limit("sl", "BTC", Side.BUY, 1, 0, t(0)).withStopLimit(105, 104), t(0));

    // Path 100 -> 106 (trigger at 105) -> 103 (reaches 104 after the trigger) -> 104.
    Fill fill = onlyFill(ex.onBar(bar("BTC", 1, 100, 106, 103, 104)));

    assertEquals(104, fill.price(), TOLERANCE);
    assertEquals(Liquidity.MAKER, fill.liquidity());
  }

  @Test
  void stopLimitTriggeredButNotReachedKeepsWorkingAsALimit() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("sl", "BTC", Side.BUY, 1, 0, t(0)).withStopLimit(105, 104), t(0));

    // Path 100 -> 99 -> 107: the low comes before the trigger, so 104 is never seen after it.
    assertTrue(ex.onBar(bar("BTC", 1, 100, 107, 99, 106)).isEmpty());
    WorkingOrder working = ex.workingOrders("BTC").get(0);
    assertTrue(working.triggered());

    Fill fill = onlyFill(ex.onBar(bar("BTC", 2, 106, 106.5, 103.5, 105)));
    assertEquals(104, fill.price(), TOLERANCE);
    assertEquals(Liquidity.MAKER, fill.liquidity());
  }

  @Test
  void sellStopLimitMarketableAtTheTriggerFillsThereAsTaker() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    // Sell stop 95 limit 94: at the trigger (95) a sell at >= 94 is marketable.
    ex.submit(OrderRequest.limit("sl", "BTC", Side.SELL, 1, 0, t(0)).withStopLimit(95, 94), t(0));

    Fill fill = onlyFill(ex.onBar(bar("BTC", 1, 99, 100, 90, 92)));

    assertEquals(95, fill.price(), TOLERANCE);
    assertEquals(Liquidity.TAKER, fill.liquidity());
  }

  @Test
  void sellStopLimitGappedBelowItsLimitRestsUntilThePriceComesBack() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("sl", "BTC", Side.SELL, 1, 0, t(0)).withStopLimit(95, 94), t(0));

    // Opens at 90 (triggered), never trades back to 94 on this bar.
    assertTrue(ex.onBar(bar("BTC", 1, 90, 93, 89, 92)).isEmpty());
    Fill fill = onlyFill(ex.onBar(bar("BTC", 2, 92, 96, 91, 95)));
    assertEquals(94, fill.price(), TOLERANCE);
    assertEquals(Liquidity.MAKER, fill.liquidity());
  }

  @Test
  void nearerExtremeComesFirstSoTheStopLossBeatsTheTakeProfit() {
    SimulatedExchange ex = exchange(frictionless());
    openLong(ex);
    ex.submit(OrderRequest.stop("sl", "BTC", Side.SELL, 1, 95, t(1)).withReduceOnly(true), t(1));
    ex.submit(OrderRequest.limit("tp", "BTC", Side.SELL, 1, 110, t(1)).withReduceOnly(true), t(1));

    // Open 100; low 94 is 6 away, high 112 is 12 away: the low comes first, the stop-loss fills.
    List<ExecutionReport> reports = ex.onBar(bar("BTC", 2, 100, 112, 94, 105));

    assertEquals(2, reports.size());
    Fill fill = assertInstanceOf(Fill.class, reports.get(0));
    assertEquals("sl", fill.clientOrderId());
    assertEquals(95, fill.price(), TOLERANCE);
    Canceled canceled = assertInstanceOf(Canceled.class, reports.get(1));
    assertEquals("tp", canceled.clientOrderId());
    assertEquals("reduce_only_would_increase", canceled.reason());
    assertEquals(0, ex.netPosition("BTC"), TOLERANCE);
  }

  @Test
  void nearerExtremeComesFirstSoTheTakeProfitBeatsTheStopLoss() {
    SimulatedExchange ex = exchange(frictionless());
    openLong(ex);
    // The stop-loss is submitted first: path order, not submission order, decides.
    ex.submit(OrderRequest.stop("sl", "BTC", Side.SELL, 1, 95, t(1)).withReduceOnly(true), t(1));
    ex.submit(OrderRequest.limit("tp", "BTC", Side.SELL, 1, 110, t(1)).withReduceOnly(true), t(1));

    // Open 100; high 111 is 11 away, low 88 is 12 away: the high comes first, the take-profit fills.
    List<ExecutionReport> reports = ex.onBar(bar("BTC", 2, 100, 111, 88, 99));

    Fill fill = assertInstanceOf(Fill.class, reports.get(0));
    assertEquals("tp", fill.clientOrderId());
    assertEquals(110, fill.price(), TOLERANCE);
    assertEquals("sl", assertInstanceOf(Canceled.class, reports.get(1)).clientOrderId());
  }

  @Test
  void onATieTheHighComesFirst() {
    SimulatedExchange ex = exchange(frictionless());
    openLong(ex);
    ex.submit(OrderRequest.stop("sl", "BTC", Side.SELL, 1, 95, t(1)).withReduceOnly(true), t(1));
    ex.submit(OrderRequest.limit("tp", "BTC", Side.SELL, 1, 105, t(1)).withReduceOnly(true), t(1));

    List<ExecutionReport> reports = ex.onBar(bar("BTC", 2, 100, 110, 90, 100));

    assertEquals("tp", assertInstanceOf(Fill.class, reports.get(0)).clientOrderId());
  }

  @Test
  void aBarLeavesOrdersOfOtherSymbolsAlone() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.onBar(bar("ETH", 0, 10, 11, 9, 10));
    ex.submit(OrderRequest.market("b", "BTC", Side.BUY, 1, t(0)), t(0));
    ex.submit(OrderRequest.market("e", "ETH", Side.BUY, 1, t(0)), t(0));

    Fill fill = onlyFill(ex.onBar(bar("ETH", 1, 12, 13, 11, 12)));

    assertEquals("e", fill.clientOrderId());
    assertEquals(1, ex.workingOrders("BTC").size());
    assertEquals(0, ex.netPosition("BTC"), TOLERANCE);
    assertEquals(List.of(), ex.onBar(bar("XRP", 1, 1, 1, 1, 1)), "unknown symbols are ignored");
  }

  @Test
  void onBarWithoutWorkingOrdersReturnsTheSharedEmptyList() {
    SimulatedExchange ex = exchange(frictionless());
    assertSame(List.of(), ex.onBar(bar("BTC", 0, 100, 101, 99, 100)));
  }

  @Test
  void ordersFillInSubmissionOrderWhenTheyMeetTheSamePoint() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.market("a", "BTC", Side.BUY, 1, t(0)), t(0));
    ex.submit(OrderRequest.market("b", "BTC", Side.BUY, 1, t(0)), t(0));
    ex.submit(OrderRequest.market("c", "BTC", Side.SELL, 1, t(0)), t(0));

    List<ExecutionReport> reports = ex.onBar(bar("BTC", 1, 100, 101, 99, 100));

    assertEquals(List.of("a", "b", "c"), reports.stream().map(ExecutionReport::clientOrderId).toList());
    assertEquals(1, ex.netPosition("BTC"), TOLERANCE);
  }

  private static void openLong(SimulatedExchange ex) {
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.market("entry", "BTC", Side.BUY, 1, t(0)), t(0));
    onlyFill(ex.onBar(bar("BTC", 1, 100, 101, 99, 100)));
    assertEquals(1, ex.netPosition("BTC"), TOLERANCE);
  }
}
