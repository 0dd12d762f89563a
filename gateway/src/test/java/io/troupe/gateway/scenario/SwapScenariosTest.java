package io.troupe.gateway.scenario;

import static io.troupe.gateway.scenario.Scenario.BTC;
import static io.troupe.gateway.scenario.Scenario.MIN;
import static io.troupe.gateway.scenario.Scenario.T0;
import static io.troupe.gateway.scenario.Scenario.bar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.desk.DeskCommand;
import io.troupe.desk.EnsembleVote;
import io.troupe.desk.MetaSettings;
import io.troupe.desk.PositionSizing;
import io.troupe.desk.RegimeSizing;
import io.troupe.desk.SpecialistDefinition;
import io.troupe.desk.SpecialistSelector;
import io.troupe.desk.SpecialistSwap;
import io.troupe.desk.SpecialistSwap.Change;
import io.troupe.model.RoundTrip;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.portfolio.AllocationSettings;
import io.troupe.regime.RegimeSettings;
import io.troupe.sizing.SizingRule;
import io.troupe.strategy.Direction;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Hot swap with the real simulated exchange: the position of a specialist taken off its desk stays with the account's
 * exits and brackets, which do not belong to the specialist. Every message is serialization-checked, the swap too.
 */
class SwapScenariosTest {

  private static final ActorTestKit kit = Scenario.testKit();
  private static final double EPS = 1e-9;
  private static final String ENTRY = "O0000001";

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  /** Two specialists voting; one voice is a consensus, so "trend"'s LONG alone opens the position. */
  private static Scenario.Setup ensembleOfTwo() {
    Scenario.Setup setup = new Scenario.Setup();
    setup.meta = new MetaSettings(MetaSettings.Mode.ENSEMBLE, PositionSizing.fractionOfEquity(0.05), RegimeSettings.defaults(), Map.of(), Map.of(), Map.of(),
        SpecialistSelector.Settings.defaults(), RegimeSizing.none(), new EnsembleVote.Settings(1, 0, 5, 0.55, 0.25), 5, 0, SizingRule.fixed(),
        AllocationSettings.none());
    return setup;
  }

  private static DeskCommand.SwapAnswer swap(Scenario sc, SpecialistSwap swap) {
    TestProbe<DeskCommand.SwapAnswer> answer = kit.createTestProbe();
    sc.agents.desks().get(BTC).tell(new DeskCommand.Swap(swap, answer.ref()));
    return answer.receiveMessage();
  }

  @Test
  void aSpecialistRemovedWithAnOpenPositionLeavesItProtectedByItsBracketStopWhichStillClosesIt() {
    Scenario sc = new Scenario(kit, ensembleOfTwo(), new ScriptedSignals("trend").at(T0 + MIN, Direction.LONG), new ScriptedSignals("quiet"));
    sc.step(bar(T0, 100));
    sc.step(bar(T0 + MIN, 100)); // trend's LONG: the entry goes out
    assertEquals(5, sc.step(bar(T0 + 2 * MIN, 100)).account().quantity(BTC), EPS);
    assertTrue(sc.workingAtVenue().contains(ENTRY + "-sl"), "the bracket's stop rests at the venue: " + sc.workingAtVenue());

    DeskCommand.SwapAnswer removed = swap(sc, new SpecialistSwap(Change.REMOVE, BTC, "trend", null));
    assertTrue(removed.accepted(), removed.message());
    assertEquals(List.of("quiet"), removed.lineup());

    StepAck after = sc.step(bar(T0 + 3 * MIN, 100));
    assertEquals(5, after.account().quantity(BTC), EPS, "the position is not closed by the removal");
    assertTrue(sc.workingAtVenue().contains(ENTRY + "-sl"), "its stop still protects it: " + sc.workingAtVenue());
    StepAck crash = sc.step(bar(T0 + 4 * MIN, 96, 96.5, 95, 95.5));
    assertEquals(0, crash.account().quantity(BTC), EPS, "the stop closed the removed specialist's position");
    RoundTrip t = sc.trades().get(0);
    assertEquals("stop_loss", t.exitReason());
    assertEquals(96, t.exitPrice(), EPS);
    sc.assertVenueAndBookAgree();
  }

  @Test
  void theLastSpecialistOfADeskIsNotRemovedAndAGenomeSwapSurvivesSerialization() {
    Scenario sc = new Scenario(kit, ensembleOfTwo(), new ScriptedSignals("trend"), new ScriptedSignals("quiet"));
    sc.step(bar(T0, 100));
    assertTrue(swap(sc, new SpecialistSwap(Change.REMOVE, BTC, "quiet", null)).accepted());
    DeskCommand.SwapAnswer last = swap(sc, new SpecialistSwap(Change.REMOVE, BTC, "trend", null));
    assertEquals(false, last.accepted());
    assertEquals("desk BTC: 'trend' is its last specialist; a desk without one never decides", last.message());

    io.troupe.specialist.Genome genome = io.troupe.specialist.GenomeLoader.load(java.nio.file.Path.of("..", "config", "specialists", "crisis.json"));
    DeskCommand.SwapAnswer added = swap(sc, new SpecialistSwap(Change.ADD, BTC, "crisis-b", SpecialistDefinition.of(genome)));
    assertTrue(added.accepted(), added.message());
    assertEquals(List.of("trend", "crisis-b (shadow)"), added.lineup());
    sc.step(bar(T0 + MIN, 100)); // the newcomer answers its first bar in shadow
  }
}
