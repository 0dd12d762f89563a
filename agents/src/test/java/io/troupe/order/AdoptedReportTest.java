package io.troupe.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.CancelRequest;
import io.troupe.model.ExecutionReport;
import io.troupe.model.Instrument;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRecord;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import io.troupe.model.AttributedFill;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An order the venue adopted (one it did not send, troupe.venue.unknown-orders = adopt) is in the order manager's
 * book: its later fills count, it can be cancelled, and no rule of Troupe's own lifecycle (stale, price move) cancels
 * what Troupe did not decide.
 */
class AdoptedReportTest {

  private static final long T = 1_700_000_000_000L;

  @Test
  void anAdoptedOrderIsKeptItsFillsCountAndOnlyAnOperatorOrAHaltCancelsIt() {
    OrderFlow flow = new OrderFlow(OrderLifecycleSettings.defaults(), Map.of("BTC", Instrument.spot("BTC")), false);
    OrderRequest r = OrderRequest.limit("adopted-OTHER-1", "BTC", Side.SELL, 3, 105, T);
    assertTrue(flow.onReports(List.of(new ExecutionReport.Adopted(r.clientOrderId(), "BTC", T, r, 1, 104, "OTHER-1"))).isEmpty(),
        "what it filled before is not Troupe's: no fill");
    OrderRecord o = flow.records().get(0);
    assertEquals("PARTIALLY_FILLED", o.status());
    assertEquals(1, o.filledQuantity(), 1e-12);
    assertEquals(OrderBook.ADOPTED, o.reason());
    assertEquals(Map.of("BTC", -2.0), flow.pending(), "its rest is working");

    // An hour of event time later: a stale limit order of Troupe's would be cancelled; this one is not Troupe's.
    assertTrue(flow.place(T + 3_600_000, List.of(), List.of(), false, "").isEmpty());

    List<AttributedFill> fills = flow.onReports(List.of(
        new ExecutionReport.Fill(r.clientOrderId(), "OTHER-1/E9", "BTC", T + 3_600_500, Side.SELL, 2, 105, 0.2, Liquidity.MAKER, 0)));
    assertEquals(1, fills.size(), "a later fill counts");
    assertEquals(OrderBook.ADOPTED, fills.get(0).reason());
    assertEquals("FILLED", flow.records().get(0).status());
    assertFalse(flow.hasWorking());
  }

  @Test
  void anOperatorOrAHaltCancelsIt() {
    OrderFlow flow = new OrderFlow(OrderLifecycleSettings.defaults(), Map.of("BTC", Instrument.spot("BTC")), false);
    OrderRequest r = OrderRequest.limit("adopted-OTHER-1", "BTC", Side.SELL, 3, 105, T);
    flow.onReports(List.of(new ExecutionReport.Adopted(r.clientOrderId(), "BTC", T, r, 0, 0, "OTHER-1")));
    flow.requestCancel(r.clientOrderId(), "operator");
    assertEquals(List.of(new CancelRequest(r.clientOrderId(), "operator")), flow.place(T + 1, List.of(), List.of(), false, "").cancels());
    assertEquals(List.of(new CancelRequest(r.clientOrderId(), "halt")), flow.place(T + 2, List.of(), List.of(), true, "halt").cancels());
  }
}
