package io.troupe.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.ApprovedOrder;
import io.troupe.model.BracketRequest;
import io.troupe.model.CancelRequest;
import io.troupe.model.ExecutionReport;
import io.troupe.model.Instrument;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderType;
import io.troupe.model.Side;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * While a live session reconciles with its venue the order manager sends nothing of its own: not a bracket's legs, not
 * a stale entry's cancel, not an operator's cancel. Released, it sends what is still wanted then.
 */
class ReconcilingHoldTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  private static final Instrument BTC = Instrument.spot("BTC").withTickSize(0.5).withLotSize(0.001);

  /** An entry at market (filled) and a limit entry resting, both sent before the hold. */
  private static OrderFlow flowWithAPositionAndARestingEntry() {
    OrderFlow flow = new OrderFlow(OrderLifecycleSettings.defaults(), Map.of("BTC", BTC), false);
    OrderFlow.Submission entry = flow.place(1_000, List.of(new ApprovedOrder("BTC", Side.BUY, 0.1, false, 100, 99, 102, "signal_long", "s")),
        List.of(), false, "");
    flow.onReports(List.of(new ExecutionReport.Fill(entry.orders().get(0).clientOrderId(), "f1", "BTC", 1_000, Side.BUY, 0.1, 100, 0, Liquidity.TAKER, 0)));
    return flow;
  }

  private static BracketRequest bracketOf(String entryId) {
    return new BracketRequest(entryId, "BTC", Side.BUY, 99, "stop_loss", 102, 0);
  }

  @Test
  void heldTheBracketAndTheCancelsWaitAndGoOutAfterTheHold() {
    OrderFlow flow = flowWithAPositionAndARestingEntry();
    flow.hold(true);
    OrderFlow.Submission held = flow.place(2_000, List.of(), List.of(bracketOf("O0000001")), false, "");
    assertTrue(held.isEmpty(), "held: the bracket's legs stay home");
    flow.requestCancel("O0000001-sl", "operator_cancel");
    assertTrue(flow.place(3_000, List.of(), List.of(), true, "halt: drawdown").isEmpty(), "held: a halt's cancel-all waits too");
    assertTrue(flow.busy(), "the held work keeps the order manager busy, so the step after the hold places it");

    flow.hold(false);
    OrderFlow.Submission after = flow.place(4_000, List.of(), List.of(), false, "");
    // The halt's cancel-all from the hold decides this placement: the stop of the open position is kept (a halt
    // never unprotects), the legs the bracket wants go out.
    List<String> kinds = after.orders().stream().map(o -> o.clientOrderId() + ":" + o.type()).toList();
    assertTrue(kinds.contains("O0000001-sl:" + OrderType.STOP), "the stop goes out after the hold: " + kinds);
    assertFalse(after.orders().isEmpty());
    assertTrue(flow.place(5_000, List.of(), List.of(), false, "").orders().isEmpty(), "each leg once");
  }

  @Test
  void aStaleEntryIsNotCancelledWhileHeldAndIsAfterwardsIfStillWorking() {
    OrderFlow flow = new OrderFlow(OrderLifecycleSettings.defaults(), Map.of("BTC", BTC), true); // maker entries: a limit rests
    OrderFlow.Submission entry = flow.place(0, List.of(new ApprovedOrder("BTC", Side.BUY, 0.1, false, 100, 99, 102, "signal_long", "s")), List.of(),
        false, "");
    OrderRequest limit = entry.orders().get(0);
    assertEquals(OrderType.LIMIT, limit.type());
    flow.onReports(List.of(new ExecutionReport.Ack(limit.clientOrderId(), "BTC", 0)));
    flow.hold(true);
    assertTrue(flow.place(120_000, List.of(), List.of(), false, "").isEmpty(), "no timeout cancel nor fallback while held");
    flow.hold(false);
    OrderFlow.Submission after = flow.place(121_000, List.of(), List.of(), false, "");
    assertEquals(List.of(limit.clientOrderId()), after.cancels().stream().map(CancelRequest::clientOrderId).toList());
  }

  @Test
  void theOrderManagerSendsNothingToTheVenueWhileHeld() {
    TestProbe<VenueCommand> venue = KIT.createTestProbe();
    ActorRef<OrderManagerCommand> orders = KIT.spawn(OrderManagerActor.create(venue.getRef(), flowWithAPositionAndARestingEntry()));
    venue.expectMessageClass(VenueCommand.Connect.class);
    TestProbe<OrderManagerCommand.Placed> placed = KIT.createTestProbe();
    orders.tell(new OrderManagerCommand.HoldOrders(true));
    orders.tell(new OrderManagerCommand.Place(2_000, List.of(), List.of(), List.of(bracketOf("O0000001")), false, "", placed.getRef()));
    assertFalse(placed.receiveMessage().sent());
    venue.expectNoMessage(Duration.ofMillis(200));

    orders.tell(new OrderManagerCommand.HoldOrders(false));
    orders.tell(new OrderManagerCommand.Place(3_000, List.of(), List.of(), List.of(), false, "", placed.getRef()));
    assertTrue(placed.receiveMessage().sent());
    VenueCommand.Send send = venue.expectMessageClass(VenueCommand.Send.class);
    assertEquals(List.of("O0000001-sl", "O0000001-tp"), send.orders().stream().map(OrderRequest::clientOrderId).sorted().toList());
  }
}
