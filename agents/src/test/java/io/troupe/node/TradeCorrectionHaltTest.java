package io.troupe.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.desk.PositionSizing;
import io.troupe.market.Bar;
import io.troupe.model.ExecutionReport;
import io.troupe.model.Instrument;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import io.troupe.model.TradingState;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.order.OrderFlow;
import io.troupe.risk.RiskCommand;
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
 * A trade the venue busts or corrects, through a whole node: the account (position, cash) ends as the venue's record,
 * the compensation is applied once however often the venue repeats it, and risk halts new entries until an operator
 * resumes.
 */
class TradeCorrectionHaltTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final long MIN = 60_000;
  private static final AtomicInteger nodes = new AtomicInteger();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static ManualVenueNode node() throws Exception {
    return ManualVenueNode.start(testKit, "correction-" + nodes.incrementAndGet());
  }

  private static StepAck step(ManualVenueNode n, long i) {
    return n.step(testKit, i);
  }

  /** The order manager has every report sent so far (and has announced the work) before the next step is sent. */
  private static void delivered(ManualVenueNode n) {
    TestProbe<NodeCommand.Agents> a = testKit.createTestProbe();
    n.ref().tell(new NodeCommand.GetAgents(a.ref()));
    TestProbe<io.troupe.order.OrderManagerCommand.OrderList> p = testKit.createTestProbe();
    a.receiveMessage().orders().tell(new io.troupe.order.OrderManagerCommand.GetOrders(p.ref()));
    p.receiveMessage();
  }

  private static ActorRef<RiskCommand> risk(ManualVenueNode n) {
    TestProbe<NodeCommand.Agents> a = testKit.createTestProbe();
    n.ref().tell(new NodeCommand.GetAgents(a.ref()));
    return a.receiveMessage().risk();
  }

  private static RiskCommand.RiskReport riskReport(ManualVenueNode n) {
    TestProbe<RiskCommand.RiskReport> p = testKit.createTestProbe();
    risk(n).tell(new RiskCommand.GetReport(p.ref()));
    return p.receiveMessage();
  }

  /** The entry of bar 1, filled whole: 5 at 100, fee 0.5. */
  private static OrderRequest filledEntry(ManualVenueNode n) {
    step(n, 0);
    step(n, 1);
    OrderRequest entry = n.venue().expectMessageClass(VenueCommand.Send.class).orders().get(0);
    n.reports().tell(new VenueReports(List.of(new ExecutionReport.Fill(entry.clientOrderId(), "f1", "BTC", MIN + 1_000, Side.BUY, 5, 100, 0.5,
        Liquidity.TAKER, 0))));
    delivered(n);
    StepAck filled = step(n, 2);
    assertEquals(5, filled.account().quantity("BTC"), 1e-9);
    assertEquals(10_000 - 500 - 0.5, filled.account().cash(), 1e-9);
    return entry;
  }

  @Test
  void aBustLeavesTheAccountAsTheVenueHasItAndHaltsUntilAnOperatorResumes() throws Exception {
    ManualVenueNode n = node();
    OrderRequest entry = filledEntry(n);
    assertEquals(TradingState.ACTIVE, riskReport(n).state());

    ExecutionReport.TradeCorrection bust = new ExecutionReport.TradeCorrection(entry.clientOrderId(), "c1", "f1", "BTC", 2 * MIN + 5_000, 0, 0, 0);
    n.reports().tell(new VenueReports(List.of(bust)));
    delivered(n);
    StepAck busted = step(n, 3);

    assertEquals(List.of("c1/reversal"), busted.fills().stream().map(f -> f.fill().fillId()).toList());
    assertEquals(0, busted.account().quantity("BTC"), 1e-9, "the venue holds nothing: neither does the account");
    assertEquals(10_000, busted.account().cash(), 1e-9, "the cash and the fee are back");
    assertEquals(10_000, busted.account().equity(), 1e-9);
    RiskCommand.RiskReport halted = riskReport(n);
    assertEquals(TradingState.HALTED, halted.state());
    assertEquals(io.troupe.risk.CircuitBreakers.TRADE_CORRECTION, halted.stateReason());
    assertTrue(halted.baselines().restrictions().get(0).detail().contains("trade bust c1 of fill f1"), "the restriction (journaled) names the trade");

    n.reports().tell(new VenueReports(List.of(bust))); // the venue sends it again (PossDupFlag)
    delivered(n);
    StepAck repeat = step(n, 4);
    assertTrue(repeat.fills().isEmpty(), "applied once");
    assertEquals(10_000, repeat.account().cash(), 1e-9);

    risk(n).tell(new RiskCommand.Resume("operator"));
    assertEquals(TradingState.ACTIVE, riskReport(n).state(), "only an operator lifts it");
  }

  @Test
  void aCorrectionRebooksTheTradeAtTheVenuesTerms() throws Exception {
    ManualVenueNode n = node();
    OrderRequest entry = filledEntry(n);
    n.reports().tell(new VenueReports(List.of(new ExecutionReport.TradeCorrection(entry.clientOrderId(), "c1", "f1", "BTC", 2 * MIN + 5_000, 4, 101, 0.4))));
    delivered(n);
    StepAck corrected = step(n, 3);

    assertEquals(4, corrected.account().quantity("BTC"), 1e-9);
    assertEquals(10_000 - 404 - 0.4, corrected.account().cash(), 1e-9);
    assertEquals(10_000 - 404 - 0.4 + 4 * 100, corrected.account().equity(), 1e-9, "marked at the bar's close");
    assertEquals(TradingState.HALTED, riskReport(n).state());
  }
}
