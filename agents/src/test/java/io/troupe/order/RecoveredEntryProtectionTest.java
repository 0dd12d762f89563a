package io.troupe.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.exit.ExitPolicy;
import io.troupe.exit.ExitSettings;
import io.troupe.market.Bar;
import io.troupe.model.AttributedFill;
import io.troupe.model.ExecutionReport;
import io.troupe.model.Instrument;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderType;
import io.troupe.model.Side;
import io.troupe.position.PositionKeeper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An entry taken back from the venue after a kill mid-step ({@code in_flight} -> {@code recover}, reason
 * {@code recovered}) is protected like any entry of the session: its fill, applied under RECONCILING, opens the
 * position, which asks for its bracket at the exit settings' stop and target (its signal's own were lost with the step);
 * the order manager holds the legs while the session reconciles and sends them, reduce-only, once it is over.
 */
class RecoveredEntryProtectionTest {
  private static final Instrument BTC = Instrument.spot("BTC").withTickSize(0.01).withLotSize(0.001);

  @Test
  void aRecoveredFilledEntryGetsItsStopAndTargetOnceReconcilingEnds() {
    OrderFlow flow = new OrderFlow(OrderLifecycleSettings.defaults(), Map.of("BTC", BTC), false);
    PositionKeeper keeper = new PositionKeeper(10_000, Map.of("BTC", BTC), new ExitPolicy(ExitSettings.defaults()), Map.of());
    flow.hold(true); // RECONCILING: the session's restart holds everything

    // The step that was killed had sent O0000001 (a buy at market); it filled at the venue. Taken back whole.
    assertNull(flow.recover(OrderRequest.market("O0000001", "BTC", Side.BUY, 0.1, 1_000), 1_000));
    // The rerun of that step: the venue reports its fill, the position opens.
    List<AttributedFill> fills = flow.onReports(List.of(
        new ExecutionReport.Fill("O0000001", "binance-BTC-7", "BTC", 1_000, Side.BUY, 0.1, 100, 0.01, Liquidity.TAKER, 0)));
    assertEquals(1, fills.size());
    assertEquals(OrderFlow.RECOVERED, fills.get(0).reason());
    PositionKeeper.StepResult step = keeper.step(60_000, List.of(new Bar("BTC", 60_000, 100, 100, 100, 100, 1)), fills);
    assertEquals(1, step.brackets().size(), "the recovered entry's position asks for its bracket");
    assertTrue(flow.place(60_000, List.of(), step.brackets(), false, "").isEmpty(), "held while reconciling: nothing goes out");

    // RECONCILING ends (caught up with the feed): the first step sends the legs, at the settings' stop and target.
    flow.hold(false);
    OrderFlow.Submission after = flow.place(120_000, List.of(), List.of(), false, "");
    Map<String, OrderRequest> byId = new java.util.TreeMap<>();
    for (OrderRequest r : after.orders()) byId.put(r.clientOrderId(), r);
    assertEquals(java.util.Set.of("O0000001-sl", "O0000001-tp"), byId.keySet(), "its stop and target: " + after.orders());
    OrderRequest stop = byId.get("O0000001-sl");
    assertEquals(OrderType.STOP, stop.type());
    assertEquals(Side.SELL, stop.side());
    assertEquals(0.1, stop.quantity(), 1e-12);
    assertEquals(100 * (1 - ExitSettings.defaults().stopPct()), stop.stopPrice(), 1e-9);
    assertTrue(stop.reduceOnly());
    OrderRequest target = byId.get("O0000001-tp");
    assertEquals(OrderType.LIMIT, target.type());
    assertEquals(100 * (1 + ExitSettings.defaults().targetPct()), target.limitPrice(), 1e-9);
    assertTrue(target.reduceOnly());
    // Sent once: the next step sends them no more.
    assertTrue(flow.place(180_000, List.of(), List.of(), false, "").orders().isEmpty());
  }
}
