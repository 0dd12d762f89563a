package io.troupe.gateway.sim;

import static io.troupe.gateway.sim.SimTestSupport.TOLERANCE;
import static io.troupe.gateway.sim.SimTestSupport.bar;
import static io.troupe.gateway.sim.SimTestSupport.exchange;
import static io.troupe.gateway.sim.SimTestSupport.frictionless;
import static io.troupe.gateway.sim.SimTestSupport.only;
import static io.troupe.gateway.sim.SimTestSupport.onlyFill;
import static io.troupe.gateway.sim.SimTestSupport.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.InvalidInputException;
import io.troupe.model.ExecutionReport;
import io.troupe.model.ExecutionReport.Ack;
import io.troupe.model.ExecutionReport.Canceled;
import io.troupe.model.ExecutionReport.Expired;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.model.ExecutionReport.Modified;
import io.troupe.model.ExecutionReport.Rejected;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderType;
import io.troupe.model.Side;
import io.troupe.model.TimeInForce;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation, idempotency, cancel/modify, time in force, post-only, reduce-only, volume cap, fees, close mode. */
class SimulatedExchangeLifecycleTest {

  // ---- validation and idempotency ----

  @Test
  void rejectsWithReasonCodes() {
    SimulatedExchange ex = exchange(frictionless());
    assertEquals("unknown_symbol", reject(ex, OrderRequest.market("a", "XRP", Side.BUY, 1, 0)));
    assertEquals("bad_quantity", reject(ex, OrderRequest.market("b", "BTC", Side.BUY, 0, 0)));
    assertEquals("bad_quantity", reject(ex, OrderRequest.market("c", "BTC", Side.BUY, -1, 0)));
    assertEquals("bad_quantity", reject(ex, OrderRequest.market("d", "BTC", Side.BUY, Double.NaN, 0)));
    assertEquals("bad_quantity", reject(ex, OrderRequest.market("e", "ES", Side.BUY, 0.9, 0)), "below one lot");
    assertEquals("missing_price", reject(ex, OrderRequest.limit("f", "BTC", Side.BUY, 1, Double.NaN, 0)));
    assertEquals("missing_price", reject(ex, OrderRequest.stop("g", "BTC", Side.BUY, 1, Double.NaN, 0)));
    assertEquals(
        "missing_price",
        reject(ex, OrderRequest.limit("h", "BTC", Side.BUY, 1, 100, 0).withStopLimit(Double.NaN, 100)));
    assertEquals("bad_price", reject(ex, OrderRequest.limit("i", "BTC", Side.BUY, 1, -5, 0)));
    assertEquals("post_only_needs_limit", reject(ex, OrderRequest.market("j", "BTC", Side.BUY, 1, 0).withPostOnly(true)));
    assertEquals("bad_order_id", reject(ex, OrderRequest.market(" ", "BTC", Side.BUY, 1, 0)));
    assertTrue(ex.workingOrders().isEmpty());
  }

  @Test
  void aRejectedOrderDoesNotTakeItsId() {
    SimulatedExchange ex = exchange(frictionless());
    assertEquals("bad_quantity", reject(ex, OrderRequest.market("a", "BTC", Side.BUY, 0, 0)));
    assertInstanceOf(Ack.class, ex.submit(OrderRequest.market("a", "BTC", Side.BUY, 1, 0), 0).get(0));
  }

  @Test
  void duplicateIdIsRejectedWhileWorkingAndAfterFinishingAndChangesNothing() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("a", "BTC", Side.BUY, 1, 90, t(0)), t(0));

    assertEquals("duplicate_order_id", reject(ex, OrderRequest.market("a", "BTC", Side.SELL, 5, t(0))));
    List<WorkingOrder> working = ex.workingOrders("BTC");
    assertEquals(1, working.size());
    assertEquals(OrderType.LIMIT, working.get(0).order().type());
    assertEquals(1, working.get(0).order().quantity(), TOLERANCE);

    onlyFill(ex.onBar(bar("BTC", 1, 95, 96, 89, 92)));
    assertEquals("duplicate_order_id", reject(ex, OrderRequest.limit("a", "BTC", Side.BUY, 1, 90, t(1))));
    assertTrue(ex.onBar(bar("BTC", 2, 95, 96, 80, 92)).isEmpty());
    assertEquals(1, ex.netPosition("BTC"), TOLERANCE);
  }

  @Test
  void settingsAreValidatedAndDefaultsMatchTheDesign() {
    SimulatedExchangeSettings defaults = SimulatedExchangeSettings.defaults();
    assertEquals(FillMode.NEXT_OPEN, defaults.fillMode());
    assertEquals(5, defaults.slippageBps());
    assertEquals(0.1, defaults.makerFeePct());
    assertEquals(0.1, defaults.takerFeePct());
    assertEquals(0, defaults.commissionPerUnit());
    assertEquals(0, defaults.maxVolumeShare());
    assertThrows(InvalidInputException.class, () -> defaults.withSlippageBps(-1));
    assertThrows(InvalidInputException.class, () -> defaults.withMaxVolumeShare(1.5));
    assertThrows(InvalidInputException.class, () -> defaults.withFees(Double.NaN, 0.1));
  }

  // ---- cancel and modify ----

  @Test
  void cancelStopsAWorkingOrderAndErrorsOtherwise() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("a", "BTC", Side.BUY, 1, 90, t(0)), t(0));

    Canceled canceled = only(Canceled.class, ex.cancel("a", t(0) + 5, "stale"));
    assertEquals("stale", canceled.reason());
    assertEquals("BTC", canceled.symbol());
    assertFalse(ex.isWorking("a"));
    assertTrue(ex.onBar(bar("BTC", 1, 95, 96, 80, 92)).isEmpty(), "a canceled order never fills");

    assertEquals("order_not_working", only(Rejected.class, ex.cancel("a", t(1), "again")).reason());
    assertEquals("unknown_order", only(Rejected.class, ex.cancel("zzz", t(1), "x")).reason());
  }

  @Test
  void modifyChangesQuantityAndPriceAndKeepsTheFilledPart() {
    SimulatedExchange ex = exchange(frictionless().withMaxVolumeShare(0.1));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100, 100));
    ex.submit(OrderRequest.limit("a", "BTC", Side.BUY, 25, 95, t(0)), t(0));
    Fill first = onlyFill(ex.onBar(bar("BTC", 1, 100, 101, 94, 96, 100)));
    assertEquals(10, first.quantity(), TOLERANCE);

    assertEquals("bad_quantity", only(Rejected.class, ex.modify("a", 10, Double.NaN, Double.NaN, t(1))).reason());
    assertEquals("bad_price", only(Rejected.class, ex.modify("a", 30, -1, Double.NaN, t(1))).reason());
    Modified modified = only(Modified.class, ex.modify("a", 12, 98, Double.NaN, t(1)));
    assertEquals(12, modified.quantity(), TOLERANCE);
    assertEquals(98, modified.limitPrice(), TOLERANCE);

    WorkingOrder working = ex.workingOrders("BTC").get(0);
    assertEquals(10, working.filledQuantity(), TOLERANCE);
    assertEquals(2, working.remainingQuantity(), TOLERANCE);

    Fill second = onlyFill(ex.onBar(bar("BTC", 2, 100, 101, 97, 99, 100)));
    assertEquals(98, second.price(), TOLERANCE, "the new limit");
    assertEquals(2, second.quantity(), TOLERANCE);
    assertEquals(0, second.remaining(), TOLERANCE);
    assertEquals("a-2", second.fillId());
    assertEquals("order_not_working", only(Rejected.class, ex.modify("a", 20, 90, Double.NaN, t(2))).reason());
    assertEquals("unknown_order", only(Rejected.class, ex.modify("nope", 20, 90, Double.NaN, t(2))).reason());
  }

  @Test
  void modifyMovesAStop() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.stop("s", "BTC", Side.SELL, 1, 90, t(0)), t(0));
    only(Modified.class, ex.modify("s", Double.NaN, Double.NaN, 97, t(0)));

    assertEquals(97, onlyFill(ex.onBar(bar("BTC", 1, 99, 100, 95, 96))).price(), TOLERANCE);
  }

  // ---- time in force ----

  @Test
  void gtcRestsAcrossBarsUntilFilled() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("a", "BTC", Side.BUY, 1, 90, t(0)), t(0));

    for (int n = 1; n <= 5; n++) assertTrue(ex.onBar(bar("BTC", n, 100, 101, 95, 100)).isEmpty());
    assertTrue(ex.isWorking("a"));
    assertEquals(90, onlyFill(ex.onBar(bar("BTC", 6, 100, 101, 89, 92))).price(), TOLERANCE);
  }

  @Test
  void iocFillsWhatTheVolumeAllowsThenExpires() {
    SimulatedExchange ex = exchange(frictionless().withMaxVolumeShare(0.25));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100, 40));
    ex.submit(OrderRequest.market("a", "BTC", Side.BUY, 30, t(0)).withTimeInForce(TimeInForce.IOC), t(0));

    List<ExecutionReport> reports = ex.onBar(bar("BTC", 1, 100, 101, 99, 100, 40));

    assertEquals(2, reports.size());
    Fill fill = assertInstanceOf(Fill.class, reports.get(0));
    assertEquals(10, fill.quantity(), TOLERANCE);
    assertEquals(20, fill.remaining(), TOLERANCE);
    assertEquals("ioc_remainder", assertInstanceOf(Expired.class, reports.get(1)).reason());
    assertFalse(ex.isWorking("a"));
  }

  @Test
  void iocLimitNotReachedOnItsFirstBarExpires() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("a", "BTC", Side.BUY, 1, 90, t(0)).withTimeInForce(TimeInForce.IOC), t(0));

    only(Expired.class, ex.onBar(bar("BTC", 1, 100, 101, 95, 100)));
    assertTrue(ex.onBar(bar("BTC", 2, 100, 101, 80, 100)).isEmpty());
  }

  @Test
  void fokFillsWholeOrExpiresEntirely() {
    SimulatedExchange ex = exchange(frictionless().withMaxVolumeShare(0.5));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100, 100));
    ex.submit(OrderRequest.market("big", "BTC", Side.BUY, 60, t(0)).withTimeInForce(TimeInForce.FOK), t(0));
    ex.submit(OrderRequest.market("small", "BTC", Side.BUY, 50, t(0)).withTimeInForce(TimeInForce.FOK), t(0));

    List<ExecutionReport> reports = ex.onBar(bar("BTC", 1, 100, 101, 99, 100, 100));

    assertEquals("fok_not_filled", assertInstanceOf(Expired.class, reports.get(0)).reason());
    Fill fill = assertInstanceOf(Fill.class, reports.get(1));
    assertEquals("small", fill.clientOrderId());
    assertEquals(50, fill.quantity(), TOLERANCE);
    assertEquals(2, reports.size());
    assertEquals(50, ex.netPosition("BTC"), TOLERANCE);
  }

  @Test
  void iocStopWaitsForItsTriggerBar() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.stop("s", "BTC", Side.BUY, 1, 105, t(0)).withTimeInForce(TimeInForce.IOC), t(0));

    assertTrue(ex.onBar(bar("BTC", 1, 100, 102, 99, 101)).isEmpty());
    assertEquals(105, onlyFill(ex.onBar(bar("BTC", 2, 101, 106, 100, 104))).price(), TOLERANCE);
  }

  // ---- volume cap ----

  @Test
  void volumeCapSpreadsAFillOverSeveralBars() {
    SimulatedExchange ex = exchange(frictionless().withMaxVolumeShare(0.1));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100, 50));
    ex.submit(OrderRequest.market("a", "BTC", Side.BUY, 12, t(0)), t(0));

    Fill first = onlyFill(ex.onBar(bar("BTC", 1, 100, 101, 99, 100, 50)));
    Fill second = onlyFill(ex.onBar(bar("BTC", 2, 102, 103, 101, 102, 40)));
    Fill third = onlyFill(ex.onBar(bar("BTC", 3, 104, 105, 103, 104, Double.NaN)));

    assertEquals(5, first.quantity(), TOLERANCE);
    assertEquals(7, first.remaining(), TOLERANCE);
    assertEquals(4, second.quantity(), TOLERANCE);
    assertEquals(102, second.price(), TOLERANCE, "the remainder is a market order at the next open");
    assertEquals(3, third.quantity(), TOLERANCE, "no volume: no cap");
    assertEquals(0, third.remaining(), TOLERANCE);
    assertEquals(List.of("a-1", "a-2", "a-3"), List.of(first.fillId(), second.fillId(), third.fillId()));
    assertEquals(12, ex.netPosition("BTC"), TOLERANCE);
    assertFalse(ex.isWorking("a"));
  }

  @Test
  void workingOrderSnapshotTracksFilledQuantityAndAveragePrice() {
    SimulatedExchange ex = exchange(frictionless().withMaxVolumeShare(0.1));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100, 10));
    ex.submit(OrderRequest.market("a", "BTC", Side.BUY, 3, t(0)), t(0));
    ex.onBar(bar("BTC", 1, 100, 101, 99, 100, 10));
    ex.onBar(bar("BTC", 2, 103, 104, 102, 103, 10));

    WorkingOrder working = onlyOrder(ex.workingOrders());
    assertEquals(2, working.filledQuantity(), TOLERANCE);
    assertEquals(101.5, working.averageFillPrice(), TOLERANCE);
    assertEquals(1, working.remainingQuantity(), TOLERANCE);
  }

  // ---- post-only ----

  @Test
  void postOnlyMarketableAtItsFirstOpenIsCanceled() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("p", "BTC", Side.BUY, 1, 101, t(0)).withPostOnly(true), t(0));

    Canceled canceled = only(Canceled.class, ex.onBar(bar("BTC", 1, 100, 102, 99, 101)));
    assertEquals("post_only_would_take", canceled.reason());
    assertFalse(ex.isWorking("p"));
  }

  @Test
  void postOnlyRestingFillsAsMakerEvenWhenALaterBarGapsThrough() {
    SimulatedExchange ex = exchange(frictionless().withFees(0.02, 0.1));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("p", "BTC", Side.SELL, 1, 102, t(0)).withPostOnly(true), t(0));

    assertTrue(ex.onBar(bar("BTC", 1, 100, 101, 99, 100)).isEmpty());
    Fill fill = onlyFill(ex.onBar(bar("BTC", 2, 104, 105, 103, 104)));
    assertEquals(Liquidity.MAKER, fill.liquidity());
    assertEquals(102, fill.price(), TOLERANCE, "a resting offer is lifted at its price");
    assertEquals(102 * 0.02 / 100, fill.fee(), TOLERANCE);
  }

  // ---- reduce-only ----

  @Test
  void reduceOnlyIsCappedToThePositionAndCanceledWhenThereIsNothingToReduce() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.market("flat", "BTC", Side.SELL, 1, t(0)).withReduceOnly(true), t(0));
    Canceled canceled = only(Canceled.class, ex.onBar(bar("BTC", 1, 100, 101, 99, 100)));
    assertEquals("reduce_only_would_increase", canceled.reason());

    ex.submit(OrderRequest.market("entry", "BTC", Side.BUY, 3, t(1)), t(1));
    onlyFill(ex.onBar(bar("BTC", 2, 100, 101, 99, 100)));
    ex.submit(OrderRequest.market("exit", "BTC", Side.SELL, 5, t(2)).withReduceOnly(true), t(2));
    Fill exit = onlyFill(ex.onBar(bar("BTC", 3, 100, 101, 99, 100)));

    assertEquals(3, exit.quantity(), TOLERANCE);
    assertEquals(0, exit.remaining(), TOLERANCE);
    assertEquals(0, ex.netPosition("BTC"), TOLERANCE);
    assertFalse(ex.isWorking("exit"));
  }

  @Test
  void reduceOnlyBuyCoversAShort() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.market("short", "BTC", Side.SELL, 2, t(0)), t(0));
    ex.submit(OrderRequest.limit("cover", "BTC", Side.BUY, 5, 95, t(0)).withReduceOnly(true), t(0));

    List<ExecutionReport> reports = ex.onBar(bar("BTC", 1, 100, 101, 94, 96));

    Fill cover = assertInstanceOf(Fill.class, reports.get(1));
    assertEquals(2, cover.quantity(), TOLERANCE);
    assertEquals(0, ex.netPosition("BTC"), TOLERANCE);
  }

  // ---- fees, multiplier, rounding ----

  @Test
  void makerAndTakerPercentFees() {
    SimulatedExchange ex = exchange(frictionless().withFees(0.02, 0.1));
    ex.onBar(bar("BTC", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.market("taker", "BTC", Side.BUY, 2, t(0)), t(0));
    ex.submit(OrderRequest.limit("maker", "BTC", Side.BUY, 2, 95, t(0)), t(0));

    List<ExecutionReport> reports = ex.onBar(bar("BTC", 1, 100, 101, 94, 97));

    Fill taker = assertInstanceOf(Fill.class, reports.get(0));
    Fill maker = assertInstanceOf(Fill.class, reports.get(1));
    assertEquals(100 * 2 * 0.001, taker.fee(), TOLERANCE);
    assertEquals(95 * 2 * 0.0002, maker.fee(), TOLERANCE);
  }

  @Test
  void percentFeeNotionalIncludesTheMultiplier() {
    SimulatedExchange ex = exchange(frictionless().withFees(0.1, 0.1));
    ex.onBar(bar("ES", 0, 5000, 5001, 4999, 5000));
    ex.submit(OrderRequest.market("a", "ES", Side.BUY, 2, t(0)), t(0));

    Fill fill = onlyFill(ex.onBar(bar("ES", 1, 5000, 5001, 4999, 5000)));

    assertEquals(5000 * 2 * 50 * 0.001, fill.fee(), TOLERANCE);
  }

  @Test
  void perUnitCommissionReplacesPercentFees() {
    SimulatedExchange ex = exchange(frictionless().withFees(0.1, 0.1).withCommissionPerUnit(2.5));
    ex.onBar(bar("ES", 0, 5000, 5001, 4999, 5000));
    ex.submit(OrderRequest.market("a", "ES", Side.BUY, 3, t(0)), t(0));
    ex.submit(OrderRequest.limit("b", "ES", Side.SELL, 2, 5001, t(0)), t(0));

    List<ExecutionReport> reports = ex.onBar(bar("ES", 1, 5000, 5002, 4999, 5000));

    assertEquals(7.5, ((Fill) reports.get(0)).fee(), TOLERANCE);
    assertEquals(5.0, ((Fill) reports.get(1)).fee(), TOLERANCE);
  }

  @Test
  void quantitiesRoundDownToTheLotAndPricesToTheTick() {
    SimulatedExchange ex = exchange(frictionless());
    ex.onBar(bar("TICK", 0, 100, 101, 99, 100));
    ex.submit(OrderRequest.limit("a", "TICK", Side.BUY, 1.27, 97.3, t(0)), t(0));

    WorkingOrder working = ex.workingOrders("TICK").get(0);
    assertEquals(1.2, working.order().quantity(), TOLERANCE);
    assertEquals(97.5, working.order().limitPrice(), TOLERANCE);

    Fill fill = onlyFill(ex.onBar(bar("TICK", 1, 100, 101, 97.4, 99)));
    assertEquals(97.5, fill.price(), TOLERANCE);
    assertEquals(1.2, fill.quantity(), TOLERANCE);
  }

  @Test
  void slippedPricesRoundToTheTick() {
    SimulatedExchange ex = exchange(frictionless().withSlippageBps(5));
    ex.onBar(bar("ES", 0, 5000, 5001, 4999, 5000));
    ex.submit(OrderRequest.market("a", "ES", Side.BUY, 1, t(0)), t(0));

    // 5000 * 1.0005 = 5002.5, on the 0.25 tick.
    assertEquals(5002.5, onlyFill(ex.onBar(bar("ES", 1, 5000, 5001, 4999, 5000))).price(), TOLERANCE);
  }

  // ---- close fill mode ----

  @Test
  void closeModeFillsAMarketOrderAtOnceAtTheLastClose() {
    SimulatedExchange ex = exchange(frictionless().withFillMode(FillMode.CLOSE).withSlippageBps(10));
    ex.onBar(bar("BTC", 0, 100, 110, 95, 108));

    List<ExecutionReport> reports = ex.submit(OrderRequest.market("a", "BTC", Side.SELL, 1, t(0)), t(0) + 1);

    assertInstanceOf(Ack.class, reports.get(0));
    Fill fill = assertInstanceOf(Fill.class, reports.get(1));
    assertEquals(108 * 0.999, fill.price(), TOLERANCE);
    assertEquals(t(0) + 1, fill.time());
    assertEquals(Liquidity.TAKER, fill.liquidity());
    assertEquals(-1, ex.netPosition("BTC"), TOLERANCE);
    assertTrue(ex.onBar(bar("BTC", 1, 100, 101, 99, 100)).isEmpty());
  }

  @Test
  void closeModeLimitOrdersStillActFromTheNextBar() {
    SimulatedExchange ex = exchange(frictionless().withFillMode(FillMode.CLOSE));
    ex.onBar(bar("BTC", 0, 100, 110, 95, 108));

    assertEquals(1, ex.submit(OrderRequest.limit("a", "BTC", Side.BUY, 1, 108, t(0)), t(0)).size());
    assertEquals(107, onlyFill(ex.onBar(bar("BTC", 1, 107, 109, 106, 108))).price(), TOLERANCE);
  }

  @Test
  void closeModeWithoutABarWaitsForTheNextOpen() {
    SimulatedExchange ex = exchange(frictionless().withFillMode(FillMode.CLOSE));
    assertEquals(1, ex.submit(OrderRequest.market("a", "BTC", Side.BUY, 1, 0), 0).size());
    assertEquals(100, onlyFill(ex.onBar(bar("BTC", 1, 100, 101, 99, 100))).price(), TOLERANCE);
  }

  private static String reject(SimulatedExchange ex, OrderRequest order) {
    return only(Rejected.class, ex.submit(order, order.decidedAt())).reason();
  }

  private static WorkingOrder onlyOrder(List<WorkingOrder> orders) {
    assertEquals(1, orders.size());
    return orders.get(0);
  }
}
