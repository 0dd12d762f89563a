package io.troupe.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.desk.PositionSizing;
import io.troupe.market.Bar;
import io.troupe.model.Instrument;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.order.OrderManagerCommand;
import io.troupe.position.PositionCommand;
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
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every account agent is supervised by the node: when the risk supervisor, the order manager or the position monitor
 * fails, trading halts at once (the venue cancels every working order, no step runs after it) and the run ends with
 * an error that names the agent, the step and the phase, instead of stalling until a timeout.
 */
class AccountSupervisionTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final long MIN = 60_000;
  private static final AtomicInteger nodes = new AtomicInteger();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Makes agent {@code name} throw when it receives a message of {@code type} at step 2 or later. */
  private static AccountGroup.Wrapper failing(String name, Class<?> type) {
    return new AccountGroup.Wrapper() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> Behavior<T> wrap(String agent, Behavior<T> behavior) {
        if (!agent.equals(name)) return behavior;
        return Behaviors.intercept(() -> new BehaviorInterceptor<T, T>((Class<T>) Object.class) {
          @Override
          public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
            if (type.isInstance(msg) && stepOf(msg) >= 2 * MIN) throw new IllegalStateException("injected failure in " + name);
            return target.apply(ctx, msg);
          }
        }, behavior);
      }
    };
  }

  private static long stepOf(Object msg) {
    if (msg instanceof RiskCommand.Decide d) return d.time();
    if (msg instanceof OrderManagerCommand.Place p) return p.time();
    if (msg instanceof PositionCommand.Mark m) return m.time();
    return Long.MAX_VALUE;
  }

  private record Node(ActorRef<NodeCommand> ref, TestProbe<VenueCommand> venue) {}

  private static Node node(AccountGroup.Wrapper wrap) throws Exception {
    // LONG on bar 1: the entry is working at the venue (which never fills it) when the failure comes.
    var spec = new SpecialistSpec("scripted", () -> new ScriptedStrategy("scripted", Map.of(1 * MIN, Direction.LONG), Set.of()));
    NodeSettings settings = NodeSettings.basic(
        10_000, Map.of("BTC", Instrument.spot("BTC")), RiskLimits.defaults(), PositionSizing.fractionOfEquity(0.05), Map.of("BTC", List.of(spec)));
    TestProbe<VenueCommand> seen = testKit.createTestProbe();
    CompletableFuture<ActorRef<VenueReports>> reportsTo = new CompletableFuture<>();
    ActorRef<NodeCommand> ref = testKit.spawn(TradingNode.create(settings, ManualVenue.create(seen, reportsTo), null, wrap), "supervised-" + nodes.incrementAndGet());
    return new Node(ref, seen);
  }

  private static StepAck step(Node n, long i) {
    TestProbe<StepAck> ack = testKit.createTestProbe();
    n.ref().tell(new NodeCommand.RunStep(i * MIN, List.of(new Bar("BTC", i * MIN, 100, 101, 99, 100, 10)), ack.ref()));
    return ack.receiveMessage();
  }

  private static void haltsOnFailureOf(String agent, Class<?> message, String named, String phase) throws Exception {
    Node n = node(failing(agent, message));
    assertNull(step(n, 0).failure());
    assertNull(step(n, 1).failure());
    assertTrue(n.venue().expectMessageClass(VenueCommand.Send.class).orders().size() == 1, "the entry is working");

    StepAck[] failed = new StepAck[1];
    LoggingTestKit.error(named + " failed").expect(testKit.system(), () -> failed[0] = step(n, 2));

    String failure = failed[0].failure();
    assertNotNull(failure, "the step is answered with the failure, not left to time out");
    assertTrue(failure.startsWith(named + " failed in the step at 1970-01-01T00:02:00Z, during " + phase), failure);
    assertTrue(failure.contains("injected failure in " + agent), failure);
    assertTrue(failure.contains("trading halted"), failure);
    VenueCommand.CancelAll cancel = n.venue().expectMessageClass(VenueCommand.CancelAll.class);
    assertEquals("agent_failure", cancel.reason());
    // No new orders: a later step is refused at once with the same failure, and nothing more reaches the venue.
    assertEquals(failure, step(n, 3).failure());
    TestProbe<NodeCommand.Idle> idle = testKit.createTestProbe();
    n.ref().tell(new NodeCommand.WhenIdle(idle.ref()));
    assertEquals(failure, idle.receiveMessage().failure());
    n.venue().expectNoMessage(java.time.Duration.ofMillis(100));
  }

  @Test
  void aFailingRiskSupervisorHaltsTrading() throws Exception {
    haltsOnFailureOf("risk", RiskCommand.Decide.class, "the risk supervisor", "risk");
  }

  @Test
  void aFailingOrderManagerHaltsTrading() throws Exception {
    haltsOnFailureOf("orders", OrderManagerCommand.Place.class, "the order manager", "placement");
  }

  @Test
  void aFailingPositionMonitorHaltsTrading() throws Exception {
    haltsOnFailureOf("positions", PositionCommand.Mark.class, "the position monitor", "marks and exits");
  }
}
