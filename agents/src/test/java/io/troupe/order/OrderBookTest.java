package io.troupe.order;

import io.troupe.model.ExecutionReport;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderStatus;
import io.troupe.model.Side;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrderBookTest {

  @Test
  void aRepeatedFillReportIsAppliedOnce() {
    OrderBook book = new OrderBook("O");
    String id = book.nextClientOrderId();
    book.add(OrderRequest.market(id, "BTC", Side.BUY, 2, 1), 1, "signal_long", "s");
    book.apply(new ExecutionReport.Ack(id, "BTC", 1));
    ExecutionReport.Fill fill = new ExecutionReport.Fill(id, id + "-1", "BTC", 2, Side.BUY, 2, 100, 0.2, Liquidity.TAKER, 0);
    assertNotNull(book.apply(fill));
    assertNull(book.apply(fill));
    assertEquals(2, book.get(id).filledQuantity(), 1e-12);
    assertEquals(OrderStatus.FILLED, book.get(id).status());
  }

  @Test
  void pendingCountsOnlyWorkingRemainders() {
    OrderBook book = new OrderBook("O");
    String a = book.nextClientOrderId();
    String b = book.nextClientOrderId();
    book.add(OrderRequest.limit(a, "BTC", Side.BUY, 3, 99, 1), 1, "x", "s");
    book.add(OrderRequest.limit(b, "BTC", Side.SELL, 1, 101, 1), 1, "x", "s");
    book.apply(new ExecutionReport.Fill(a, a + "-1", "BTC", 2, Side.BUY, 1, 99, 0, Liquidity.MAKER, 2));
    book.apply(new ExecutionReport.Canceled(b, "BTC", 2, "stale"));
    assertEquals(2.0, book.pendingBySymbol().get("BTC"), 1e-12);
    assertEquals("O0000001", a);
    assertEquals(OrderStatus.CANCELED, book.get(b).status());
  }

  @Test
  void restingProtectiveOrdersDoNotCountAsPending() {
    OrderBook book = new OrderBook("O");
    book.add(OrderRequest.stop("O1-sl", "BTC", Side.SELL, 2, 95, 1).withReduceOnly(true), 1, "stop_loss", "s");
    book.add(OrderRequest.limit("O1-tp", "BTC", Side.SELL, 2, 110, 1).withReduceOnly(true), 1, "take_profit", "s");
    assertEquals(null, book.pendingBySymbol().get("BTC"));
    book.add(OrderRequest.market("O2", "BTC", Side.SELL, 2, 2).withReduceOnly(true), 2, "max_age", "s");
    assertEquals(-2.0, book.pendingBySymbol().get("BTC"), 1e-12);
  }

  @Test
  void clientIdsAreTheCounterZeroPaddedToSevenDigits() {
    OrderBook book = new OrderBook("O");
    for (int i = 1; i <= 2_000; i++) assertEquals(String.format("O%07d", i), book.nextClientOrderId());
  }

  @Test
  void workingOrdersComeInClientIdOrderWithoutTheFinalOnes() {
    OrderBook book = new OrderBook("O");
    // A derived id (a bracket leg) sorts before a later entry although it was added after it.
    for (String id : List.of("O0000002", "O0000001-sl", "O0000003", "O0000001")) {
      book.add(OrderRequest.limit(id, "BTC", Side.BUY, 1, 99, 1), 1, "x", "s");
    }
    book.apply(new ExecutionReport.Canceled("O0000003", "BTC", 2, "stale"));
    List<String> ids = WorkingOrders.sorted(book.working()).stream().map(o -> o.request().clientOrderId()).toList();
    assertEquals(List.of("O0000001", "O0000001-sl", "O0000002"), ids);
    List<String> inOrder = WorkingOrders.sorted(WorkingOrders.sorted(book.working())).stream().map(o -> o.request().clientOrderId()).toList();
    assertEquals(ids, inOrder);
  }

  /**
   * Under a history window the book forgets the oldest final orders and their fill ids, so a long run keeps at most
   * the window of them; working orders and orders still in use are never forgotten; a repeated fill of an order in the
   * window is refused as before, and a repeated fill of a forgotten order is refused too (its order is unknown).
   */
  @Test
  void aLongRunKeepsAWindowOfFinalOrdersAndStillRefusesEveryRepeatedFill() {
    OrderBook book = new OrderBook("O");
    String resting = book.nextClientOrderId();
    book.add(OrderRequest.limit(resting, "BTC", Side.BUY, 1, 50, 0), 0, "x", "s");
    book.apply(new ExecutionReport.Ack(resting, "BTC", 0));
    String followed = null;
    ExecutionReport.Fill first = null;
    ExecutionReport.Fill latest = null;
    int window = 50;
    for (int i = 1; i <= 5_000; i++) {
      String id = book.nextClientOrderId();
      book.add(OrderRequest.market(id, "BTC", Side.BUY, 1, i), i, "signal_long", "s");
      latest = new ExecutionReport.Fill(id, id + "-1", "BTC", i, Side.BUY, 1, 100, 0.1, Liquidity.TAKER, 0);
      assertNotNull(book.apply(latest));
      if (i == 1) first = latest;
      if (i == 2) followed = id;
      book.drainChanged();
      book.forgetFinal(window, followed == null ? java.util.Set.of() : java.util.Set.of(followed));
      assertTrue(book.byId().size() <= window + 2, "at most the window, the working order and the one in use: " + book.byId().size());
      assertTrue(book.fillIdsKept() <= window + 1, "fill ids of the orders kept only: " + book.fillIdsKept());
    }
    assertNotNull(book.get(resting), "a working order is never forgotten");
    assertNotNull(book.get(followed), "an order in use is never forgotten");
    assertNull(book.get(first.clientOrderId()), "the oldest final order is forgotten");
    assertNull(book.apply(latest), "a repeated fill inside the window is refused");
    assertNull(book.apply(first), "a repeated fill of a forgotten order is refused");
    assertEquals(1, book.get(latest.clientOrderId()).filledQuantity(), 1e-12);
  }

  @Test
  void theWholeRunIsKeptWhenNothingIsForgotten() {
    OrderBook book = new OrderBook("O");
    for (int i = 1; i <= 300; i++) {
      String id = book.nextClientOrderId();
      book.add(OrderRequest.market(id, "BTC", Side.BUY, 1, i), i, "signal_long", "s");
      book.apply(new ExecutionReport.Fill(id, id + "-1", "BTC", i, Side.BUY, 1, 100, 0.1, Liquidity.TAKER, 0));
      book.drainChanged();
      assertEquals(List.of(), book.forgetFinal(Integer.MAX_VALUE, java.util.Set.of()));
    }
    assertEquals(300, book.records().size());
  }
}
