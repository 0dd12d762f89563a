package io.troupe.order;

import io.troupe.model.ExecutionReport;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderStatus;
import io.troupe.model.Side;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
