package io.troupe.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import io.troupe.model.InvalidInputException;
import io.troupe.model.OrderIntent;
import io.troupe.portfolio.AllocationSettings;
import io.troupe.regime.Regime;
import io.troupe.regime.RegimeChange;
import io.troupe.regime.RegimeSettings;
import io.troupe.regime.RegimeSource;
import io.troupe.sizing.SizingRule;
import io.troupe.specialist.Genome;
import io.troupe.specialist.GenomeLoader;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lineup's decisions without actors: who shadows, who is scored under which label, when and how one takes over. */
class SpecialistLineupTest {

  private static final long MIN = 60_000;
  private static final Genome TRENDING = GenomeLoader.load(Path.of("..", "config", "specialists", "trending.json"));

  /** Always trending: the regime is not what these tests are about. */
  private static final class Trending implements RegimeSource {
    @Override
    public RegimeChange update(Bar bar) {
      return null;
    }

    @Override
    public Regime confirmed() {
      return Regime.TRENDING;
    }
  }

  private static MetaController meta(MetaSettings.Mode mode, List<String> names, Map<Regime, String> byRegime) {
    MetaSettings s = new MetaSettings(mode, io.troupe.desk.PositionSizing.fractionOfEquity(0.05), RegimeSettings.defaults(), byRegime, Map.of(), Map.of(),
        SpecialistSelector.Settings.defaults(), RegimeSizing.none(), new EnsembleVote.Settings(1, 0, 5, 0.55, 0.25), 5, 0, SizingRule.fixed(),
        AllocationSettings.none());
    return new MetaController("BTC", names, s, 1, 10_000, new Trending());
  }

  private static Bar bar(long i) {
    return new Bar("BTC", i * MIN, 100, 101, 99, 100, 10);
  }

  private static Signal longFrom(String source, long i) {
    return Signal.of("BTC", i * MIN, Direction.LONG, source);
  }

  /** One bar through the meta-controller and the lineup, as the desk does it; answers the intent. */
  private static OrderIntent decide(SpecialistLineup lineup, MetaController meta, long i, Map<String, Signal> byKey, List<SpecialistLineup.Takeover> takeovers) {
    Map<String, Signal> signals = new LinkedHashMap<>();
    for (SpecialistLineup.Seat seat : lineup.seats()) signals.put(seat.label(), lineup.signal(seat, byKey.get(seat.key())));
    OrderIntent intent = meta.decide(bar(i), signals).intent();
    takeovers.addAll(lineup.afterDecision(bar(i), signals, meta));
    return intent;
  }

  @Test
  void anAddedGenomeShadowsWithoutASayThenTakesItsRegimeAndSizesFromItsOwnGenome() {
    Map<Regime, String> byRegime = new EnumMap<>(Regime.class);
    byRegime.put(Regime.TRENDING, "trend-a");
    MetaController meta = meta(MetaSettings.Mode.SELECT, List.of("trend-a"), byRegime);
    SpecialistLineup lineup = new SpecialistLineup("BTC", List.of("trend-a"), new SwapPlan(2, 10, List.of()));
    List<SpecialistLineup.Takeover> takeovers = new java.util.ArrayList<>();
    for (long i = 0; i < 3; i++) decide(lineup, meta, i, Map.of(), takeovers);

    SpecialistLineup.Admission a = lineup.apply(new SpecialistSwap(SpecialistSwap.Change.ADD, "BTC", "trend-b", SpecialistDefinition.of(TRENDING)), 2, meta);
    assertEquals("trend-b~1", a.started().key());
    assertEquals(List.of(bar(1), bar(2)), a.warmUp(), "the desk's latest bars, as many as the warm-up needs");
    assertEquals(List.of(), a.stopped());

    // Two shadow calls, neither acted on; the newcomer is warm from the start.
    assertNull(decide(lineup, meta, 3, Map.of("trend-b~1", longFrom("trending-default", 3)), takeovers));
    assertEquals(List.of(), takeovers);
    assertNull(decide(lineup, meta, 4, Map.of("trend-b~1", longFrom("trending-default", 4)), takeovers));
    assertEquals(List.of(new SpecialistLineup.Takeover("trend-b~1", "trend-b", null)), takeovers);
    assertEquals(List.of("trend-a", "trend-b"), meta.specialists());

    // From the next bar it is the regime's specialist, its signals carry its desk name, sized by its genome (6%).
    OrderIntent intent = decide(lineup, meta, 5, Map.of("trend-b~1", longFrom("trending-default", 5)), takeovers);
    assertEquals("trend-b", intent.specialist());
    assertEquals(10_000 * TRENDING.positionFraction() / 100, intent.targetQuantity(), 1e-9);
    // Its shadow calls were scored: judged five bars after they were made.
    for (long i = 6; i <= 10; i++) decide(lineup, meta, i, Map.of(), takeovers);
    assertEquals(3, meta.scorecard().snapshot("trend-b").calls());
  }

  @Test
  void aReplacementShadowsUnderItsOwnLabelThenTakesTheNamePlaceAndScorecardAndTheReplacedHostStops() {
    MetaController meta = meta(MetaSettings.Mode.ENSEMBLE, List.of("a", "b"), Map.of());
    SpecialistLineup lineup = new SpecialistLineup("BTC", List.of("a", "b"), new SwapPlan(0, 10, List.of()));
    meta.scorecard().recordTrade("a", -3.0);
    List<SpecialistLineup.Takeover> takeovers = new java.util.ArrayList<>();
    decide(lineup, meta, 0, Map.of(), takeovers);

    SpecialistLineup.Admission a = lineup.apply(new SpecialistSwap(SpecialistSwap.Change.REPLACE, "BTC", "a", SpecialistDefinition.of(TRENDING)), 5, meta);
    assertEquals("a~1", a.started().label(), "scored apart from the one it replaces while it shadows");
    assertEquals(1, a.warmUp().size(), "the desk has seen one bar");
    assertNull(decide(lineup, meta, 1, Map.of("a~1", longFrom("x", 1)), takeovers), "a shadow has no vote");
    for (long i = 2; i < 4; i++) decide(lineup, meta, i, Map.of(), takeovers);
    assertEquals(List.of(), takeovers, "not warm before its fifth bar: one from the desk's history, then live ones");
    decide(lineup, meta, 4, Map.of(), takeovers);
    assertEquals(List.of(new SpecialistLineup.Takeover("a~1", "a", "a")), takeovers);

    assertEquals(List.of("a", "b"), meta.specialists(), "its place");
    assertEquals(List.of("a~1", "b"), lineup.seats().stream().map(SpecialistLineup.Seat::key).toList());
    assertEquals(-3.0, meta.scorecard().recentReturnSumPct("a"), 1e-12, "the name's scorecard carries over");
    OrderIntent intent = decide(lineup, meta, 5, Map.of("a~1", longFrom("x", 5)), takeovers);
    // Its LONG alone is now a consensus (one voice suffices here), as its shadow LONG at bar 1 was not.
    assertEquals(EnsembleVote.SOURCE, intent.specialist());
    assertTrue(intent.targetQuantity() > 0, "its vote counts");
  }

  @Test
  void whatADeskCannotTakeIsRefusedAndChangesNothing() {
    MetaController meta = meta(MetaSettings.Mode.SELECT, List.of("a"), Map.of(Regime.TRENDING, "a"));
    SpecialistLineup lineup = new SpecialistLineup("BTC", List.of("a"), SwapPlan.defaults());
    SpecialistDefinition strategy = SpecialistDefinition.of("sma-cross", Map.of());
    assertEquals("desk BTC selects by regime: a new specialist needs a genome (its kind is the regime it takes), not a strategy",
        assertThrows(InvalidInputException.class, () -> lineup.apply(new SpecialistSwap(SpecialistSwap.Change.ADD, "BTC", "x", strategy), 0, meta)).getMessage());
    assertEquals("desk BTC already has a specialist 'a'; replace it, or choose another name", assertThrows(InvalidInputException.class,
        () -> lineup.apply(new SpecialistSwap(SpecialistSwap.Change.ADD, "BTC", "a", SpecialistDefinition.of(TRENDING)), 0, meta)).getMessage());
    assertEquals("desk BTC: 'a' is its last specialist; a desk without one never decides",
        assertThrows(InvalidInputException.class, () -> lineup.apply(new SpecialistSwap(SpecialistSwap.Change.REMOVE, "BTC", "a", null), 0, meta)).getMessage());
    assertEquals(List.of("a"), lineup.seats().stream().map(SpecialistLineup.Seat::key).toList());
    assertEquals(List.of("a"), meta.specialists());
    assertTrue(assertThrows(InvalidInputException.class, () -> new SpecialistSwap(SpecialistSwap.Change.ADD, "BTC", "bad name", strategy))
        .getMessage().startsWith("specialist name 'bad name' must be"));
  }
}
