package io.troupe.order;

import io.troupe.model.ApprovedOrder;
import io.troupe.model.CancelRequest;
import io.troupe.model.ExecutionReport;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.Instrument;
import io.troupe.market.Bar;
import io.troupe.model.AccountSnapshot;
import io.troupe.risk.BreakerSettings;
import io.troupe.model.OrderIntent;
import io.troupe.risk.RiskDesk;
import io.troupe.risk.RiskLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An order whose market moved more than the threshold away is cancelled and decided again at the new price. */
class PriceMoveRedecisionTest {

  private static final long MIN = 60_000;

  @Test
  void aMakerEntryOutrunByThePriceIsCancelledAndDecidedAgainAtTheNewPrice() {
    Map<String, Instrument> inst = Map.of("BTC", Instrument.spot("BTC"));
    OrderFlow flow = new OrderFlow(OrderLifecycleSettings.defaults(), inst, true);
    RiskDesk risk = new RiskDesk(RiskLimits.defaults(), BreakerSettings.defaults(), inst, true);
    AccountSnapshot flat = new AccountSnapshot(0, 10_000, 10_000, 0, 0, Map.of());

    // Step 0: a buy of 9 units approved at 100 goes out as a post-only limit just under 100.
    flow.onBars(List.of(bar(0, 100)));
    OrderFlow.Submission s0 = flow.place(0, List.of(new ApprovedOrder("BTC", Side.BUY, 9, false, 100, Double.NaN, Double.NaN, "signal_long", "s")),
        List.of(), false, "");
    OrderRequest limit = s0.orders().get(0);
    assertTrue(limit.postOnly() && limit.limitPrice() < 100);
    flow.onReports(List.of(new ExecutionReport.Ack(limit.clientOrderId(), "BTC", 0)));

    // Step 1: the price runs 0.5% away (more than the 0.2% threshold) within the maker timeout.
    flow.onBars(List.of(bar(0, 100.5)));
    OrderFlow.Submission s1 = flow.place(20_000, List.of(), List.of(), false, "");
    assertEquals(List.of(new CancelRequest(limit.clientOrderId(), "price_moved")), s1.cancels());
    assertEquals(1, s1.redecide().size());
    OrderIntent again = s1.redecide().get(0);
    assertEquals(9, again.targetQuantity(), 1e-12);
    assertEquals(100.5, again.referencePrice(), 1e-12);
    assertEquals("s", again.specialist());

    // Step 2: risk decides it again, as an entry at the new price.
    risk.redecide(s1.redecide());
    RiskDesk.Outcome o = risk.decide(MIN, List.of(bar(1, 100.5)), flat, Map.of(), Map.of(), List.of(), List.of(), List.of(), List.of());
    assertEquals(1, o.orders().size());
    assertEquals(100.5, o.orders().get(0).referencePrice(), 1e-12);
    assertEquals(9, o.orders().get(0).quantity(), 1e-12);
  }

  private static Bar bar(long i, double p) {
    return new Bar("BTC", i * MIN, p, p, p, p, 1);
  }
}
