package io.troupe.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.desk.PositionSizing;
import io.troupe.market.Bar;
import io.troupe.model.ExecutionReport;
import io.troupe.model.Instrument;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRecord;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.order.OrderManagerCommand;
import io.troupe.risk.RiskLimits;
import io.troupe.strategy.Direction;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Execution reports as a real venue sends them: whenever it has them. The order manager keeps them in arrival order
 * and the next step applies them, each once, whatever their order.
 */
class VenueReportTimingTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final long MIN = 60_000;
  private static final AtomicInteger nodes = new AtomicInteger();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** A node on BTC whose one specialist goes LONG on bar 1 (5% of equity: 5 BTC at 100), over a venue the test plays. */
  private static ManualVenueNode node() throws Exception {
    return ManualVenueNode.start(testKit, "timing-" + nodes.incrementAndGet());
  }

  private static StepAck step(ManualVenueNode n, long i) {
    return n.step(testKit, i);
  }

  /** Steps 0 and 1; the entry decided on bar 1 is at the venue when this returns. */
  private static OrderRequest entrySent(ManualVenueNode n) {
    step(n, 0);
    step(n, 1);
    VenueCommand.Send send = n.venue().expectMessageClass(VenueCommand.Send.class);
    assertEquals(1, send.orders().size());
    return send.orders().get(0);
  }

  private static ExecutionReport.Fill fill(OrderRequest o, String id, double qty, double remaining) {
    return new ExecutionReport.Fill(o.clientOrderId(), id, "BTC", 1 * MIN + 30_000, Side.BUY, qty, 100, 0, Liquidity.TAKER, remaining);
  }

  private static OrderRecord order(ManualVenueNode n, String id) {
    TestProbe<NodeCommand.Agents> a = testKit.createTestProbe();
    n.ref().tell(new NodeCommand.GetAgents(a.ref()));
    TestProbe<OrderManagerCommand.OrderList> p = testKit.createTestProbe();
    a.receiveMessage().orders().tell(new OrderManagerCommand.GetOrders(p.ref()));
    return p.receiveMessage().orders().stream().filter(o -> o.orderId().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aFillThatArrivesBetweenStepsIsAppliedWhenTheNextStepStarts() throws Exception {
    ManualVenueNode n = node();
    OrderRequest entry = entrySent(n);
    n.reports().tell(new VenueReports(List.of(new ExecutionReport.Ack(entry.clientOrderId(), "BTC", 1 * MIN))));
    n.reports().tell(new VenueReports(List.of(fill(entry, "f1", 5, 0))));
    assertEquals("NEW", order(n, entry.clientOrderId()).status(), "nothing is applied between steps");

    StepAck next = step(n, 2);

    assertEquals(1, next.fills().size(), "the step that follows applies the fill");
    assertEquals("f1", next.fills().get(0).fill().fillId());
    assertEquals(5, next.account().quantity("BTC"), 1e-9);
    assertEquals("FILLED", order(n, entry.clientOrderId()).status());
  }

  @Test
  void aDuplicatedFillIsAppliedOnce() throws Exception {
    ManualVenueNode n = node();
    OrderRequest entry = entrySent(n);
    n.reports().tell(new VenueReports(List.of(fill(entry, "f1", 2, 3))));
    StepAck first = step(n, 2);
    n.reports().tell(new VenueReports(List.of(fill(entry, "f1", 2, 3), fill(entry, "f2", 3, 0), fill(entry, "f2", 3, 0))));
    StepAck second = step(n, 3);

    assertEquals(2, first.account().quantity("BTC"), 1e-9);
    assertEquals(List.of("f2"), second.fills().stream().map(f -> f.fill().fillId()).toList(), "each fill id once");
    assertEquals(5, second.account().quantity("BTC"), 1e-9);
    assertEquals(5, order(n, entry.clientOrderId()).filledQuantity(), 1e-9);
  }

  @Test
  void aFillBeforeItsAckIsAppliedAndTheLateAckChangesNothing() throws Exception {
    ManualVenueNode n = node();
    OrderRequest entry = entrySent(n);
    n.reports().tell(new VenueReports(List.of(fill(entry, "f1", 5, 0), new ExecutionReport.Ack(entry.clientOrderId(), "BTC", 1 * MIN))));

    StepAck next = step(n, 2);

    assertEquals(5, next.account().quantity("BTC"), 1e-9);
    OrderRecord o = order(n, entry.clientOrderId());
    assertEquals("FILLED", o.status(), "an ack after the fill does not make the order working again");
    assertEquals(5, o.filledQuantity(), 1e-9);
  }

  @Test
  void aFillReportedAfterItsCancelIsStillApplied() throws Exception {
    ManualVenueNode n = node();
    OrderRequest entry = entrySent(n);
    // The venue cancelled the order's rest, then reports a fill that happened before the cancel arrived.
    n.reports().tell(new VenueReports(List.of(new ExecutionReport.Canceled(entry.clientOrderId(), "BTC", 1 * MIN + 10_000, "operator"))));
    step(n, 2);
    n.reports().tell(new VenueReports(List.of(fill(entry, "late", 2, 0))));
    order(n, entry.clientOrderId()); // the order manager has the report (and has said so) before the step is sent

    StepAck next = step(n, 3);

    assertEquals(2, next.account().quantity("BTC"), 1e-9, "money is never dropped: the late fill counts");
    OrderRecord o = order(n, entry.clientOrderId());
    assertEquals("CANCELED", o.status(), "the order stays ended");
    assertEquals(2, o.filledQuantity(), 1e-9);
  }

  @Test
  void aReportToAnIdleOrderManagerIsStillAppliedAtTheNextStep() throws Exception {
    ManualVenueNode n = node();
    OrderRequest entry = entrySent(n);
    n.reports().tell(new VenueReports(List.of(new ExecutionReport.Canceled(entry.clientOrderId(), "BTC", 1 * MIN, "venue"))));
    step(n, 2); // nothing is working any more: the node may skip the order manager from now on
    step(n, 3);
    n.reports().tell(new VenueReports(List.of(fill(entry, "late", 1, 0))));
    order(n, entry.clientOrderId()); // the order manager has the report (and has said so) before the step is sent

    StepAck next = step(n, 4);

    assertTrue(next.fills().stream().anyMatch(f -> f.fill().fillId().equals("late")), "work that arrives between steps is announced, not skipped");
    assertEquals(1, next.account().quantity("BTC"), 1e-9);
  }
}
