package io.troupe.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.desk.DeskCommand;
import io.troupe.desk.PositionSizing;
import io.troupe.desk.SpecialistDefinition;
import io.troupe.desk.SpecialistSwap;
import io.troupe.desk.SpecialistSwap.Change;
import io.troupe.desk.SwapPlan;
import io.troupe.market.Bar;
import io.troupe.model.Instrument;
import io.troupe.model.InvalidInputException;
import io.troupe.risk.RiskLimits;
import io.troupe.specialist.GenomeLoader;
import io.troupe.strategy.Direction;
import io.troupe.venue.VenueCommand;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hot swap on a running desk, through the actors: a newcomer warms up on the desk's recent bars, shadows without a
 * say, takes over at a step boundary; a swap the desk cannot take is refused and changes nothing.
 */
class SpecialistSwapTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final long MIN = 60_000;
  private static final AtomicInteger nodes = new AtomicInteger();

  @BeforeAll
  static void catalog() {
    LongAfterWarmUp.register();
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private record Node(ActorRef<NodeCommand> ref, List<VenueCommand.Send> sent) {}

  /** One desk on BTC running {@code main} (silent but for {@code script}), one strategy, market orders. */
  private static Node node(Map<Long, Direction> script, SwapPlan swaps) {
    List<VenueCommand.Send> sent = new CopyOnWriteArrayList<>();
    var main = new SpecialistSpec("main", () -> new ScriptedStrategy("main", script, Set.of()));
    NodeSettings settings = NodeSettings.basic(10_000, Map.of("BTC", Instrument.spot("BTC")), RiskLimits.defaults(), PositionSizing.fractionOfEquity(0.05),
        Map.of("BTC", List.of(main))).withSwaps(swaps);
    return new Node(testKit.spawn(TradingNode.create(settings, ScriptedVenue.create(sent)), "swap-node-" + nodes.incrementAndGet()), sent);
  }

  private static Bar bar(long i) {
    return new Bar("BTC", i * MIN, 100, 101, 99, 100, 10);
  }

  /** Runs bar {@code i}; answers whether the step sent an order to the venue. */
  private static boolean step(Node node, long i) {
    int before = node.sent().size();
    TestProbe<NodeCommand.StepAck> ack = testKit.createTestProbe();
    node.ref().tell(new NodeCommand.RunStep(i * MIN, List.of(bar(i)), ack.ref()));
    ack.receiveMessage();
    return node.sent().subList(before, node.sent().size()).stream().anyMatch(s -> !s.orders().isEmpty());
  }

  private static DeskCommand.SwapAnswer swap(Node node, SpecialistSwap swap) {
    TestProbe<NodeCommand.Agents> agents = testKit.createTestProbe();
    node.ref().tell(new NodeCommand.GetAgents(agents.ref()));
    TestProbe<DeskCommand.SwapAnswer> answer = testKit.createTestProbe();
    agents.receiveMessage().desks().get("BTC").tell(new DeskCommand.Swap(swap, answer.ref()));
    return answer.receiveMessage();
  }

  private static List<String> lineup(Node node) {
    TestProbe<NodeCommand.Agents> agents = testKit.createTestProbe();
    node.ref().tell(new NodeCommand.GetAgents(agents.ref()));
    TestProbe<DeskCommand.Lineup> lineup = testKit.createTestProbe();
    agents.receiveMessage().desks().get("BTC").tell(new DeskCommand.GetLineup(lineup.ref()));
    return lineup.receiveMessage().specialists();
  }

  private static SpecialistSwap replaceMain(int warmUp) {
    return new SpecialistSwap(Change.REPLACE, "BTC", "main", SpecialistDefinition.of(LongAfterWarmUp.NAME, Map.of("warmup", Integer.toString(warmUp))));
  }

  @Test
  void aReplacementWarmsUpOnTheDesksRecentBarsThenShadowsItsCallsBeforeItTakesOver() {
    Node node = node(Map.of(), new SwapPlan(2, 50, List.of()));
    for (long i = 0; i < 10; i++) assertFalse(step(node, i));

    DeskCommand.SwapAnswer answer = swap(node, replaceMain(5));
    assertTrue(answer.accepted(), answer.message());
    assertEquals(List.of("main", "main (shadow)"), answer.lineup());
    assertTrue(answer.message().contains("warming up in shadow on 5 of its 5 warm-up bars"), answer.message());

    // Warm from the desk's last 5 bars, it calls LONG at once; two shadow calls (bars 10, 11) are scored, not acted on.
    assertFalse(step(node, 10), "a shadow call is not acted on");
    assertFalse(step(node, 11), "a shadow call is not acted on");
    // Warmed on live bars alone it would first call at bar 14 and take over after bar 15.
    assertTrue(step(node, 12), "the replacement's call counts from the step after its last shadow call");
  }

  @Test
  void aScheduledSwapWarmsOnLiveBarsWhenTheDeskKeepsNoHistoryAndTakesOverAtTheStepBoundaryAfterItIsReady() {
    SpecialistSwap swap = replaceMain(3);
    Node node = node(Map.of(), new SwapPlan(1, 0, List.of(new SwapPlan.Scheduled(10 * MIN, swap))));
    for (long i = 0; i < 10; i++) assertFalse(step(node, i), "bar " + i);
    assertEquals(List.of("main"), lineup(node), "not before its time");
    for (long i = 10; i < 12; i++) {
      assertFalse(step(node, i), "bar " + i);
      assertEquals(List.of("main", "main (shadow)"), lineup(node), "after bar " + i);
    }
    // Bar 12 is its third: warm, and its first call is its shadow call; it takes over once the desk has decided on it.
    assertFalse(step(node, 12), "the shadow call of bar 12 is not acted on");
    assertEquals(List.of("main"), lineup(node), "taken over at the boundary after bar 12");
    assertTrue(step(node, 13), "from the next step the replacement is in charge");
  }

  @Test
  void aSwapTheDeskCannotTakeIsRefusedWithItsReasonAndChangesNothing() {
    Node node = node(Map.of(12 * MIN, Direction.LONG), new SwapPlan(0, 50, List.of()));
    for (long i = 0; i < 10; i++) step(node, i);

    SpecialistDefinition strategy = SpecialistDefinition.of(LongAfterWarmUp.NAME, Map.of("warmup", "1"));
    DeskCommand.SwapAnswer add = swap(node, new SpecialistSwap(Change.ADD, "BTC", "second", strategy));
    assertFalse(add.accepted());
    assertEquals("desk BTC runs one strategy: it takes replace only, not add", add.message());
    DeskCommand.SwapAnswer unknown = swap(node, new SpecialistSwap(Change.REPLACE, "BTC", "nobody", strategy));
    assertFalse(unknown.accepted());
    assertEquals("desk BTC has no specialist 'nobody' to replace; it has [main]", unknown.message());
    assertEquals(List.of("main"), unknown.lineup());

    // main is still in charge, alone: its LONG at bar 12 is the first order (a newcomer would have called at bar 10).
    assertFalse(step(node, 10));
    assertFalse(step(node, 11));
    assertTrue(step(node, 12));
  }

  @Test
  void aBadGenomeAnUnknownStrategyOrABadParameterIsRefusedBeforeItReachesADesk() {
    InvalidInputException genome = assertThrows(InvalidInputException.class, () -> GenomeLoader.parse(
        "{\"name\": \"t\", \"kind\": \"TRENDING\", \"params\": {\"min_adx\": 99, \"position_pct\": 5, \"stop_atr\": 2, \"reward_risk\": 3,"
            + " \"max_holding_days\": 3, \"trailing_stop_pct\": 10, \"pullback_entry\": false}}", "new.json"));
    assertEquals("new.json: genome 't': field 'params.min_adx' = 99.0 is out of range [20, 30]", genome.getMessage());
    InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> SpecialistDefinition.of("no-such", Map.of()));
    assertTrue(unknown.getMessage().startsWith("unknown strategy 'no-such'; available: "), unknown.getMessage());
    InvalidInputException param = assertThrows(InvalidInputException.class, () -> SpecialistDefinition.of("sma-cross", Map.of("period", "zero")));
    assertEquals("strategy sma-cross: parameter 'period' is not a number: zero", param.getMessage());
  }
}
