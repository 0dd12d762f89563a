package io.troupe.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.model.ApprovedOrder;
import io.troupe.model.BracketRequest;
import io.troupe.model.ExecutionReport;
import io.troupe.model.Instrument;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderType;
import io.troupe.model.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the order manager sends is on the instrument's grid: prices to the tick, quantities down to the lot. */
class OrderGridTest {

  @Test
  void entriesAndTheirBracketLegsGoOutOnTheGrid() {
    Instrument btc = Instrument.spot("BTC").withTickSize(0.5).withLotSize(0.001);
    OrderFlow flow = new OrderFlow(OrderLifecycleSettings.defaults(), Map.of("BTC", btc), false);
    OrderFlow.Submission entry = flow.place(1_000, List.of(new ApprovedOrder("BTC", Side.BUY, 0.12345, false, 100, 99.26, 101.74, "signal_long", "s")),
        List.of(), false, "");
    OrderRequest sent = entry.orders().get(0);
    assertEquals(0.123, sent.quantity());
    flow.onReports(List.of(new ExecutionReport.Fill(sent.clientOrderId(), "f1", "BTC", 2_000, Side.BUY, 0.123, 100, 0, Liquidity.TAKER, 0)));
    OrderFlow.Submission legs = flow.place(2_000, List.of(), List.of(new BracketRequest(sent.clientOrderId(), "BTC", Side.BUY, 99.26, "stop_loss", 101.74, 0)),
        false, "");
    OrderRequest stop = legs.orders().stream().filter(o -> o.type() == OrderType.STOP).findFirst().orElseThrow();
    OrderRequest target = legs.orders().stream().filter(o -> o.type() == OrderType.LIMIT).findFirst().orElseThrow();
    assertEquals(99.5, stop.stopPrice());
    assertEquals(101.5, target.limitPrice());
    assertEquals(0.123, stop.quantity());
  }
}
