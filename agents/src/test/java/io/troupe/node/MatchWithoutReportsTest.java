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
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.order.OrderManagerCommand;
import io.troupe.risk.RiskLimits;
import io.troupe.strategy.Direction;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A match that reported nothing spares the step its apply: the order manager is not asked, and the step goes on with
 * the order book as the last step left it. Reports the match did send are applied in its step. (A venue that cannot
 * tell says it reported: VenueReportTimingTest's reports between steps.)
 */
class MatchWithoutReportsTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final long MIN = 60_000;
  private static final AtomicInteger nodes = new AtomicInteger();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** The node, what its order manager was told, the venue's next match's reports, and where reports go. */
  private record Node(ActorRef<NodeCommand> ref, Queue<String> orders, TestProbe<VenueCommand> sent, Queue<ExecutionReport> atNextMatch,
      ActorRef<VenueReports> reports) {}

  /** A venue that matches nothing by itself: at each match it sends the reports queued for it, and says whether it did. */
  private static Behavior<VenueCommand> venue(TestProbe<VenueCommand> sent, Queue<ExecutionReport> atNextMatch, CompletableFuture<ActorRef<VenueReports>> reportsTo) {
    return Behaviors.receive(VenueCommand.class)
        .onMessage(VenueCommand.Connect.class, c -> {
          reportsTo.complete(c.reports());
          return Behaviors.same();
        })
        .onMessage(VenueCommand.Match.class, m -> {
          List<ExecutionReport> out = new java.util.ArrayList<>();
          for (ExecutionReport r = atNextMatch.poll(); r != null; r = atNextMatch.poll()) out.add(r);
          if (!out.isEmpty()) reportsTo.getNow(null).tell(new VenueReports(out));
          if (m.replyTo() != null) m.replyTo().tell(new VenueCommand.Matched(m.time(), !out.isEmpty()));
          return Behaviors.same();
        })
        .onMessage(VenueCommand.Sync.class, s -> {
          s.replyTo().tell(new VenueCommand.Synced(s.time()));
          return Behaviors.same();
        })
        .onAnyMessage(c -> {
          sent.ref().tell(c);
          return Behaviors.same();
        })
        .build();
  }

  private static Node node() throws Exception {
    var spec = new SpecialistSpec("scripted", () -> new ScriptedStrategy("scripted", Map.of(1 * MIN, Direction.LONG), Set.of()));
    NodeSettings settings = NodeSettings.basic(
        10_000, Map.of("BTC", Instrument.spot("BTC")), RiskLimits.defaults(), PositionSizing.fractionOfEquity(0.05), Map.of("BTC", List.of(spec)));
    // Noted on the order manager's own thread before it handles each message, so complete when a step's ack arrives.
    Queue<String> orders = new ConcurrentLinkedQueue<>();
    TestProbe<VenueCommand> sent = testKit.createTestProbe();
    Queue<ExecutionReport> atNextMatch = new ConcurrentLinkedQueue<>();
    CompletableFuture<ActorRef<VenueReports>> reportsTo = new CompletableFuture<>();
    AccountGroup.Wrapper watchOrders = new AccountGroup.Wrapper() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> Behavior<T> wrap(String agent, Behavior<T> behavior) {
        if (!agent.equals("orders")) return behavior;
        return Behaviors.intercept(() -> new BehaviorInterceptor<T, T>((Class<T>) Object.class) {
          @Override
          public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
            orders.add(msg.getClass().getSimpleName());
            return target.apply(ctx, msg);
          }
        }, behavior);
      }
    };
    ActorRef<NodeCommand> ref = testKit.spawn(TradingNode.create(settings, venue(sent, atNextMatch, reportsTo), null, watchOrders), "match-" + nodes.incrementAndGet());
    return new Node(ref, orders, sent, atNextMatch, reportsTo.get(5, TimeUnit.SECONDS));
  }

  private static StepAck step(Node n, long i) {
    TestProbe<StepAck> ack = testKit.createTestProbe();
    n.ref().tell(new NodeCommand.RunStep(i * MIN, List.of(new Bar("BTC", i * MIN, 100, 101, 99, 100, 10)), ack.ref()));
    return ack.receiveMessage();
  }

  /** What the order manager was asked during the last step, by message type. */
  private static List<String> asked(Node n) {
    List<String> out = new java.util.ArrayList<>();
    for (String m = n.orders().poll(); m != null; m = n.orders().poll()) out.add(m);
    return out;
  }

  /** Steps 0 and 1; the entry decided on bar 1 is working at the venue when this returns. */
  private static OrderRequest entryWorking(Node n) {
    step(n, 0);
    step(n, 1);
    VenueCommand.Send send = n.sent().expectMessageClass(VenueCommand.Send.class);
    assertEquals(1, send.orders().size());
    asked(n);
    return send.orders().get(0);
  }

  private static ExecutionReport.Fill fill(OrderRequest o, String id, long time, double qty, double remaining) {
    return new ExecutionReport.Fill(o.clientOrderId(), id, "BTC", time, Side.BUY, qty, 100, 0, Liquidity.TAKER, remaining);
  }

  @Test
  void aStepWhoseMatchReportedNothingDoesNotAskTheOrderManagerToApply() throws Exception {
    Node n = node();
    entryWorking(n);

    StepAck quiet = step(n, 2);

    List<String> asked = asked(n);
    assertTrue(!asked.contains("ApplyReports"), "nothing reported, nothing to apply: " + asked);
    assertTrue(asked.contains("Place"), "the working order is still looked after: " + asked);
    assertEquals(0, quiet.account().quantity("BTC"), 1e-9);
  }

  @Test
  void aFillTheMatchReportedIsAppliedInItsStep() throws Exception {
    Node n = node();
    OrderRequest entry = entryWorking(n);
    step(n, 2);
    asked(n);
    n.atNextMatch().add(fill(entry, "f1", 3 * MIN, 5, 0));

    StepAck filled = step(n, 3);

    assertTrue(asked(n).contains("ApplyReports"));
    assertEquals(List.of("f1"), filled.fills().stream().map(f -> f.fill().fillId()).toList());
    assertEquals(5, filled.account().quantity("BTC"), 1e-9);
  }
}
