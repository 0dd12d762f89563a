package io.troupe.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.desk.PositionSizing;
import io.troupe.market.Bar;
import io.troupe.model.Instrument;
import io.troupe.model.OrderRequest;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.position.PositionCommand;
import io.troupe.risk.RiskLimits;
import io.troupe.strategy.Direction;
import io.troupe.venue.VenueCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * Quiet steps of a batch are marked and decided in runs (one MarkRun to the position monitor, one DecideRun to risk),
 * and the run gives what the same steps one at a time give: the same equity curve, the same order at the venue.
 */
class QuietRunTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final long MIN = 60_000;
  private static final AtomicInteger nodes = new AtomicInteger();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** The node, what its position monitor and risk supervisor were told (by message type), and what reached the venue. */
  private record Node(ActorRef<NodeCommand> ref, Queue<String> told, TestProbe<VenueCommand> sent) {}

  /** A venue that fills nothing: a match is answered (reporting nothing) when asked; Send is passed to the probe. */
  private static Behavior<VenueCommand> venue(TestProbe<VenueCommand> sent) {
    return Behaviors.receive(VenueCommand.class)
        .onMessage(VenueCommand.Connect.class, c -> Behaviors.same())
        .onMessage(VenueCommand.Match.class, m -> {
          if (m.replyTo() != null) m.replyTo().tell(new VenueCommand.Matched(m.time(), false));
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

  private static Node node() {
    // Flat and silent for 20 bars, then an entry: the steps before it are quiet, the entry's is not.
    var spec = new SpecialistSpec("scripted", () -> new ScriptedStrategy("scripted", Map.of(20 * MIN, Direction.LONG), Set.of()));
    NodeSettings settings = NodeSettings.basic(
        10_000, Map.of("BTC", Instrument.spot("BTC")), RiskLimits.defaults(), PositionSizing.fractionOfEquity(0.05), Map.of("BTC", List.of(spec)));
    Queue<String> told = new ConcurrentLinkedQueue<>();
    TestProbe<VenueCommand> sent = testKit.createTestProbe();
    AccountGroup.Wrapper watch = new AccountGroup.Wrapper() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> Behavior<T> wrap(String agent, Behavior<T> behavior) {
        if (!agent.equals("positions") && !agent.equals("risk")) return behavior;
        return Behaviors.intercept(() -> new BehaviorInterceptor<T, T>((Class<T>) Object.class) {
          @Override
          public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
            told.add(msg.getClass().getSimpleName());
            return target.apply(ctx, msg);
          }
        }, behavior);
      }
    };
    ActorRef<NodeCommand> ref = testKit.spawn(TradingNode.create(settings, venue(sent), null, watch), "quiet-" + nodes.incrementAndGet());
    return new Node(ref, told, sent);
  }

  private static List<List<Bar>> steps(int n) {
    List<List<Bar>> steps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double close = 100 + (i % 7) - 3;
      steps.add(List.of(new Bar("BTC", i * MIN, close, close + 1, close - 1, close, 10)));
    }
    return steps;
  }

  private static PositionCommand.PositionResults results(Node n) {
    TestProbe<NodeCommand.Agents> agents = testKit.createTestProbe();
    n.ref().tell(new NodeCommand.GetAgents(agents.ref()));
    TestProbe<PositionCommand.PositionResults> results = testKit.createTestProbe();
    agents.receiveMessage().positions().tell(new PositionCommand.GetResults(results.ref()));
    return results.receiveMessage();
  }

  @Test
  void quietStepsOfABatchGoInRunsAndGiveWhatTheStepsOneAtATimeGive() {
    List<List<Bar>> steps = steps(30);

    Node batched = node();
    TestProbe<StepAck> ack = testKit.createTestProbe();
    batched.ref().tell(new NodeCommand.RunSteps(steps, ack.ref()));
    StepAck last = ack.receiveMessage();

    Node single = node();
    StepAck lastSingle = null;
    for (List<Bar> step : steps) {
      TestProbe<StepAck> a = testKit.createTestProbe();
      single.ref().tell(new NodeCommand.RunStep(step.get(0).time(), step, a.ref()));
      lastSingle = a.receiveMessage();
    }

    List<String> told = new ArrayList<>(batched.told());
    // Step 0 asks the desk; steps 1 to 19 are one run; from 20 on the entry works at the venue, so each is marked alone.
    assertEquals(1, told.stream().filter("MarkRun"::equals).count(), "the quiet steps went in one run: " + told);
    assertEquals(1, told.stream().filter("DecideRun"::equals).count(), "and were decided in one: " + told);
    assertEquals(11, told.stream().filter("Mark"::equals).count(), "the others one at a time: " + told);
    assertFalse(single.told().contains("MarkRun"), "steps one at a time are each their own batch: no run");

    assertEquals(29 * MIN, last.time());
    assertEquals(lastSingle.account(), last.account());
    assertEquals(results(single).equity(), results(batched).equity());
    OrderRequest entry = batched.sent().expectMessageClass(VenueCommand.Send.class).orders().get(0);
    OrderRequest entrySingle = single.sent().expectMessageClass(VenueCommand.Send.class).orders().get(0);
    assertEquals(entrySingle, entry);
  }
}
