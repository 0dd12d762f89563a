package io.troupe.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.desk.PositionSizing;
import io.troupe.model.Instrument;
import io.troupe.market.Bar;
import io.troupe.node.NodeCommand.Agents;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.order.OrderManagerCommand;
import io.troupe.model.Side;
import io.troupe.position.PositionCommand;
import io.troupe.risk.RiskCommand;
import io.troupe.risk.RiskLimits;
import io.troupe.model.TradingState;
import io.troupe.strategy.Direction;
import io.troupe.venue.VenueCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The pipeline as actors: desk -> risk -> order manager -> venue -> position monitor, one event-time step at a time. */
class TradingNodeTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final long MIN = 60_000;
  private static final AtomicInteger nodes = new AtomicInteger();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /**
   * A node on one symbol whose venue records every submission in {@code submitted}. Every submission of a step happens
   * before that step's ack, so after {@link #step} the list is complete: no waiting.
   */
  private ActorRef<NodeCommand> node(RiskLimits limits, List<SpecialistSpec> specialists, List<VenueCommand.Send> submitted) {
    NodeSettings settings = NodeSettings.basic(
        10_000, Map.of("BTC", Instrument.spot("BTC")), limits, PositionSizing.fractionOfEquity(0.05), Map.of("BTC", specialists));
    return testKit.spawn(TradingNode.create(settings, ScriptedVenue.create(submitted)), "node-" + nodes.incrementAndGet());
  }

  private static Bar bar(long i, double price) {
    return new Bar("BTC", i * MIN, price, price + 1, price - 1, price, 10);
  }

  private static StepAck step(ActorRef<NodeCommand> node, Bar bar) {
    TestProbe<StepAck> ack = testKit.createTestProbe();
    node.tell(new NodeCommand.RunStep(bar.time(), List.of(bar), ack.ref()));
    return ack.receiveMessage();
  }

  private static Agents agents(ActorRef<NodeCommand> node) {
    TestProbe<Agents> p = testKit.createTestProbe();
    node.tell(new NodeCommand.GetAgents(p.ref()));
    return p.receiveMessage();
  }

  @Test
  void anApprovedSignalReachesTheVenueThroughRiskAndFillsOnTheNextBar() {
    List<VenueCommand.Send> subs = new CopyOnWriteArrayList<>();
    var spec = new SpecialistSpec("scripted", () -> new ScriptedStrategy("scripted", Map.of(1 * MIN, Direction.LONG), Set.of()));
    ActorRef<NodeCommand> node = node(RiskLimits.defaults(), List.of(spec), subs);

    step(node, bar(0, 100));
    step(node, bar(1, 100)); // LONG decided on this bar
    StepAck afterFill = step(node, bar(2, 104)); // fills at this bar's open

    assertEquals(1, subs.size());
    var order = subs.get(0).orders().get(0);
    assertEquals(Side.BUY, order.side());
    assertEquals(1 * MIN, order.decidedAt());
    // 5% of 10,000 equity at a close of 100
    assertEquals(5.0, order.quantity(), 1e-9);
    assertEquals(5.0, afterFill.account().quantity("BTC"), 1e-9);
    assertEquals(10_000 + 5 * (104 - 104), afterFill.account().equity(), 1e-9);
  }

  @Test
  void aVetoedOrderNeverReachesTheVenue() {
    List<VenueCommand.Send> subs = new CopyOnWriteArrayList<>();
    var spec = new SpecialistSpec("scripted", () -> new ScriptedStrategy("scripted", Map.of(0L, Direction.LONG), Set.of()));
    ActorRef<NodeCommand> node = node(new RiskLimits(0.01, 0), List.of(spec), subs); // 5% wanted, 1% allowed

    step(node, bar(0, 100));
    step(node, bar(1, 100));

    assertTrue(subs.isEmpty());
    TestProbe<RiskCommand.RiskReport> report = testKit.createTestProbe();
    agents(node).risk().tell(new RiskCommand.GetReport(report.ref()));
    assertEquals(Map.of("max_position", 1), report.receiveMessage().vetoesByReason());
  }

  @Test
  void aHaltStopsNewOrdersAndTellsTheDesks() {
    List<VenueCommand.Send> subs = new CopyOnWriteArrayList<>();
    var spec = new SpecialistSpec("scripted",
        () -> new ScriptedStrategy("scripted", Map.of(1 * MIN, Direction.LONG, 2 * MIN, Direction.LONG), Set.of()));
    ActorRef<NodeCommand> node = node(RiskLimits.defaults(), List.of(spec), subs);
    Agents a = agents(node);
    TestProbe<RiskCommand.TradingStateChanged> watcher = testKit.createTestProbe();
    a.risk().tell(new RiskCommand.Subscribe(watcher.ref()));
    assertEquals(TradingState.ACTIVE, watcher.receiveMessage().state());

    step(node, bar(0, 100));
    a.risk().tell(new RiskCommand.Halt("operator kill switch", false));
    assertEquals(TradingState.HALTED, watcher.receiveMessage().state());
    step(node, bar(1, 100));
    step(node, bar(2, 100));

    assertTrue(subs.isEmpty());
    TestProbe<PositionCommand.PositionResults> results = testKit.createTestProbe();
    a.positions().tell(new PositionCommand.GetResults(results.ref()));
    assertEquals(0, results.receiveMessage().account().quantity("BTC"), 1e-12);
  }

  @Test
  void aCrashedSpecialistIsRestartedAndItsDeskKeepsRunning() {
    List<VenueCommand.Send> subs = new CopyOnWriteArrayList<>();
    AtomicInteger instances = new AtomicInteger();
    // The first instance fails on bar 1; the restarted one signals LONG on bar 3.
    var spec = new SpecialistSpec("fragile", () -> instances.incrementAndGet() == 1
        ? new ScriptedStrategy("fragile", Map.of(), Set.of(1 * MIN))
        : new ScriptedStrategy("fragile", Map.of(3 * MIN, Direction.LONG), Set.of()));
    ActorRef<NodeCommand> node = node(RiskLimits.defaults(), List.of(spec), subs);

    step(node, bar(0, 100));
    LoggingTestKit.error("specialist fragile on BTC failed").expect(testKit.system(), () -> step(node, bar(1, 100)));
    step(node, bar(2, 100));
    step(node, bar(3, 100));
    step(node, bar(4, 101));

    assertEquals(2, instances.get());
    assertEquals(1, subs.size());
    assertEquals(3 * MIN, subs.get(0).orders().get(0).decidedAt());
  }
}
