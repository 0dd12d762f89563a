package io.troupe.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import io.troupe.model.AttributedFill;
import io.troupe.model.CancelRequest;
import io.troupe.model.ExecutionReport;
import io.troupe.model.Instrument;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRecord;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An order taken over at the venue is the order manager's like any: in its book, its new fills applied once (its
 * earlier ones never), cancelled by an operator; the lifecycle that manages Troupe's own entries leaves it alone.
 */
class AdoptedOrderTest {
  private static final OrderRequest MANUAL = OrderRequest.limit("manual-7", "BTC", Side.BUY, 0.6, 90, 1_000);

  private static OrderFlow flow() {
    return new OrderFlow(OrderLifecycleSettings.defaults(), Map.of("BTC", Instrument.spot("BTC")), false);
  }

  @Test
  void itIsBookedItsNewFillsCountOnceAndItsEarlierOnesNever() {
    OrderFlow flow = flow();
    assertNull(flow.adopt(MANUAL, List.of("f-before"), 1_000));
    OrderRecord booked = flow.records().get(0);
    assertEquals("manual-7", booked.orderId());
    assertEquals("WORKING", booked.status());
    assertEquals(List.of("manual-7"), flow.drainChangedOrders().stream().map(OrderRecord::orderId).toList(), "journaled with the next step");
    List<AttributedFill> fills = flow.onReports(List.of(
        new ExecutionReport.Fill("manual-7", "f-before", "BTC", 900, Side.BUY, 0.4, 90, 0, Liquidity.MAKER, 0.6),
        new ExecutionReport.Fill("manual-7", "f-1", "BTC", 2_000, Side.BUY, 0.1, 90, 0.009, Liquidity.MAKER, 0.5),
        new ExecutionReport.Fill("manual-7", "f-1", "BTC", 2_000, Side.BUY, 0.1, 90, 0.009, Liquidity.MAKER, 0.5)));
    assertEquals(1, fills.size(), "the earlier fill is not the session's; the repeat is one fill");
    assertEquals(OrderFlow.ADOPTED, fills.get(0).reason());
    assertEquals(0.1, flow.records().get(0).filledQuantity(), 1e-12);
    assertEquals(Map.of("BTC", 0.5), flow.pending());
  }

  @Test
  void theLifecycleLeavesItAloneAndAnOperatorCancelsIt() {
    OrderFlow flow = flow();
    assertNull(flow.adopt(MANUAL, List.of(), 1_000));
    flow.onBars(List.of(new Bar("BTC", 3_600_000, 120, 120, 120, 120, 1))); // far from its price, an hour on: stale and outrun
    assertTrue(flow.place(3_600_000, List.of(), List.of(), false, "").isEmpty(), "no stale or price-move cancel of an adopted order");
    flow.requestCancel("manual-7", "operator_cancel");
    assertEquals(List.of(new CancelRequest("manual-7", "operator_cancel")), flow.place(3_601_000, List.of(), List.of(), false, "").cancels());
  }

  @Test
  void itIsRefusedForAnotherSymbolOrAnIdTheBookHas() {
    OrderFlow flow = flow();
    assertNotNull(flow.adopt(OrderRequest.limit("x-1", "ETH", Side.BUY, 1, 10, 0), List.of(), 0), "not one of the session's instruments");
    assertNull(flow.adopt(MANUAL, List.of(), 0));
    assertNotNull(flow.adopt(MANUAL, List.of(), 0), "the book has it already");
    assertEquals(1, flow.records().size());
  }
}
