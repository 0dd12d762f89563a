package io.troupe.order;

import io.troupe.model.OrderRequest;
import io.troupe.model.OrderStatus;
import io.troupe.model.OrderType;
import io.troupe.model.Side;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.Instrument;
import io.troupe.market.Bar;
import io.troupe.order.LifecycleAction.Cancel;
import io.troupe.order.LifecycleAction.Submit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OrderLifecycleTest {

  private static ManagedOrder working(OrderRequest r, long createdAt) {
    return new ManagedOrder(r, OrderStatus.WORKING, 0, 0, createdAt, createdAt, "signal", "s", "");
  }

  private static ManagedOrder with(OrderRequest r, OrderStatus status, double filled, long at) {
    return new ManagedOrder(r, status, filled, filled > 0 ? r.limitPrice() : 0, at, at, "signal", "s", "");
  }

  private static Bar bar(double close) {
    return new Bar("BTC", 0, close, close, close, close, 1);
  }

  @Test
  void staleLimitOrderIsCancelledAfterThirtySecondsOfEventTime() {
    StaleOrderSweep sweep = new StaleOrderSweep(30_000);
    ManagedOrder o = working(OrderRequest.limit("a", "BTC", Side.BUY, 1, 99, 0), 1_000);
    assertTrue(sweep.sweep(List.of(o), 30_999).isEmpty());
    assertEquals(List.of(new Cancel("a", "stale")), sweep.sweep(List.of(o), 31_000));
  }

  @Test
  void staleSweepLeavesMarketReduceOnlyAndMakerOrdersAlone() {
    StaleOrderSweep sweep = new StaleOrderSweep(30_000);
    List<ManagedOrder> orders = List.of(
        working(OrderRequest.market("m", "BTC", Side.BUY, 1, 0), 0),
        working(OrderRequest.limit("tp", "BTC", Side.SELL, 1, 101, 0).withReduceOnly(true), 0),
        working(OrderRequest.limit("mk", "BTC", Side.BUY, 1, 99, 0).withPostOnly(true), 0));
    assertTrue(sweep.sweep(orders, 3_600_000).isEmpty());
  }

  @Test
  void priceMoveCancelDropsAnEntryOnceTheMarketMovedTwoTenthsOfAPercentAway() {
    PriceMoveCancel rule = new PriceMoveCancel(0.002);
    ManagedOrder buy = working(OrderRequest.limit("b", "BTC", Side.BUY, 1, 100, 0), 0);
    ManagedOrder sell = working(OrderRequest.limit("s", "BTC", Side.SELL, 1, 100, 0), 0);
    assertTrue(rule.check(List.of(buy, sell), bar(100.19)).isEmpty());
    assertEquals(List.of(new Cancel("b", "price_moved")), rule.check(List.of(buy, sell), bar(100.21)));
    assertEquals(List.of(new Cancel("s", "price_moved")), rule.check(List.of(buy, sell), bar(99.79)));
  }

  @Test
  void makerEntryPostsInsideTheReferencePriceAndFallsBackToMarketAfterThirtySeconds() {
    MakerEntryPlan plan = MakerEntryPlan.of(OrderLifecycleSettings.defaults());
    OrderRequest buy = plan.entry("e1", Instrument.spot("BTC").withTickSize(0.01), Side.BUY, 2, 100, 0);
    assertEquals(99.98, buy.limitPrice(), 1e-9);
    assertTrue(buy.postOnly());
    OrderRequest sell = plan.entry("e2", Instrument.spot("BTC"), Side.SELL, 2, 100, 0);
    assertEquals(100.02, sell.limitPrice(), 1e-9);

    ManagedOrder half = new ManagedOrder(buy, OrderStatus.PARTIALLY_FILLED, 0.5, 99.98, 0, 10_000, "signal", "s", "");
    assertTrue(plan.onTime(List.of(half), 29_999).isEmpty());
    List<LifecycleAction> acts = plan.onTime(List.of(half), 30_000);
    assertEquals(new Cancel("e1", "maker_timeout"), acts.get(0));
    Submit fallback = (Submit) acts.get(1);
    assertEquals(OrderRequest.market("e1-mkt", "BTC", Side.BUY, 1.5, 30_000), fallback.request());
  }

  @Test
  void aPostOnlyEntryRejectedForTakingGoesToMarketAtOnce() {
    MakerEntryPlan plan = MakerEntryPlan.of(OrderLifecycleSettings.defaults());
    OrderRequest r = plan.entry("e1", Instrument.spot("BTC"), Side.BUY, 2, 100, 0);
    ManagedOrder rejected = new ManagedOrder(r, OrderStatus.REJECTED, 0, 0, 0, 0, "signal", "s", "post_only_would_take");
    assertEquals(List.of(new Submit(OrderRequest.market("e1-mkt", "BTC", Side.BUY, 2, 5), "maker_fallback")), plan.onRejected(rejected, 5));
  }

  @Test
  void stopsAndEmergencyExitsGoOutAtMarketReduceOnly() {
    OrderRequest stop = ProtectiveOrders.stopExit("x", "BTC", Side.SELL, 1, 0);
    OrderRequest emergency = ProtectiveOrders.emergencyExit("y", "BTC", Side.SELL, 1, 0);
    assertEquals(OrderType.MARKET, stop.type());
    assertTrue(stop.reduceOnly());
    assertEquals(OrderType.MARKET, emergency.type());
    assertTrue(emergency.reduceOnly());
  }

  @Test
  void bracketPlacesItsStopOnFillAndItsTargetAfterTheHold() {
    BracketPlan plan = new BracketPlan("e1", "BTC", Side.BUY, 99.5, 101.5, 60_000);
    Map<String, ManagedOrder> orders = new TreeMap<>();
    OrderRequest entry = OrderRequest.market("e1", "BTC", Side.BUY, 2, 0);
    orders.put("e1", working(entry, 0));
    assertTrue(plan.onOrders(orders, 0, 0).isEmpty()); // nothing before the entry fills
    orders.put("e1", with(entry, OrderStatus.FILLED, 2, 0));
    List<LifecycleAction> acts = plan.onOrders(orders, 2, 1_000);
    assertEquals(List.of(new Submit(ProtectiveOrders.restingStop("e1-sl", "BTC", Side.SELL, 2, 99.5, 1_000), "bracket_stop")), acts);
    orders.put("e1-sl", working(((Submit) acts.get(0)).request(), 1_000));
    assertTrue(plan.onOrders(orders, 2, 59_999).isEmpty());
    Submit target = (Submit) plan.onOrders(orders, 2, 60_000).get(0);
    assertEquals(OrderRequest.limit("e1-tp", "BTC", Side.SELL, 2, 101.5, 60_000).withReduceOnly(true), target.request());
  }

  @Test
  void bracketOneCancelsTheOther() {
    BracketPlan plan = new BracketPlan("e1", "BTC", Side.BUY, 99.5, 101.5, 0);
    OrderRequest entry = OrderRequest.market("e1", "BTC", Side.BUY, 2, 0);
    OrderRequest sl = ProtectiveOrders.restingStop("e1-sl", "BTC", Side.SELL, 2, 99.5, 0);
    OrderRequest tp = OrderRequest.limit("e1-tp", "BTC", Side.SELL, 2, 101.5, 0).withReduceOnly(true);
    Map<String, ManagedOrder> orders = new TreeMap<>(Map.of(
        "e1", with(entry, OrderStatus.FILLED, 2, 0), "e1-sl", working(sl, 0), "e1-tp", with(tp, OrderStatus.FILLED, 2, 5)));
    assertEquals(List.of(new Cancel("e1-sl", "oco")), plan.onOrders(orders, 0, 5));
    orders.put("e1-tp", with(tp, OrderStatus.PARTIALLY_FILLED, 1, 5));
    assertTrue(plan.onOrders(orders, 1, 5).isEmpty()); // a partial target fill keeps the stop
    orders.put("e1-tp", working(tp, 0));
    orders.put("e1-sl", with(sl, OrderStatus.FILLED, 2, 6));
    assertEquals(List.of(new Cancel("e1-tp", "oco")), plan.onOrders(orders, 0, 6));
  }

  @Test
  void bracketLegsAreCancelledWhenThePositionIsClosedByAnotherExit() {
    BracketPlan plan = new BracketPlan("e1", "BTC", Side.BUY, 99.5, 101.5, 0);
    OrderRequest entry = OrderRequest.market("e1", "BTC", Side.BUY, 2, 0);
    Map<String, ManagedOrder> orders = Map.of(
        "e1", with(entry, OrderStatus.FILLED, 2, 0),
        "e1-sl", working(ProtectiveOrders.restingStop("e1-sl", "BTC", Side.SELL, 2, 99.5, 0), 0),
        "e1-tp", working(OrderRequest.limit("e1-tp", "BTC", Side.SELL, 2, 101.5, 0).withReduceOnly(true), 0));
    assertEquals(List.of(new Cancel("e1-sl", "position_closed"), new Cancel("e1-tp", "position_closed")), plan.onOrders(orders, 0, 9));
  }
}
