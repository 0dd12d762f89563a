package io.troupe.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.model.TradingState;
import io.troupe.market.Bar;
import io.troupe.model.RoundTrip;
import io.troupe.regime.Regime;
import io.troupe.regime.RegimeChange;
import io.troupe.regime.RegimeConfirmation;
import io.troupe.regime.RegimeReading;
import io.troupe.regime.RegimeSettings;
import io.troupe.regime.RegimeSource;
import io.troupe.model.OrderIntent;
import io.troupe.risk.RiskCommand;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import io.troupe.strategy.Strategy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The meta-controller as a desk actor runs it: specialists as supervised children, the real 3-of-5 confirmation rule,
 * and a probe in the risk supervisor's place that receives one decision per bar.
 */
class MetaControllerScenariosTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final AtomicInteger desks = new AtomicInteger();
  private static final long MIN = 60_000;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Raw regime readings by bar index, confirmed by the real rule (3 of the last 5, the last 2 agreeing). */
  static final class ScriptedRegimes implements RegimeSource {
    private final RegimeConfirmation confirmation = RegimeConfirmation.of(RegimeSettings.defaults());
    private final LongFunction<Regime> raw;

    ScriptedRegimes(LongFunction<Regime> raw) {
      this.raw = raw;
    }

    @Override
    public RegimeChange update(Bar bar) {
      Regime r = raw.apply(bar.time() / MIN);
      return confirmation.offer(r == null ? null : new RegimeReading(bar.time(), r, 20, 1, 20, 0, false, false));
    }

    @Override
    public Regime confirmed() {
      return confirmation.current();
    }
  }

  /** Signals the direction the script gives for each bar index (null: no opinion). */
  record Scripted(String name, LongFunction<Direction> script) implements Strategy {
    @Override
    public Signal onBar(Bar bar) {
      Direction d = script.apply(bar.time() / MIN);
      return d == null ? null : Signal.of(bar.symbol(), bar.time(), d, name);
    }
  }

  private static final List<String> NAMES = List.of("volatile", "trending", "ranging", "crisis");

  private static Map<Regime, String> byRegime() {
    Map<Regime, String> m = new EnumMap<>(Regime.class);
    m.put(Regime.VOLATILE, "volatile");
    m.put(Regime.TRENDING, "trending");
    m.put(Regime.RANGING, "ranging");
    m.put(Regime.CRISIS, "crisis");
    return m;
  }

  private static MetaSettings settings(MetaSettings.Mode mode, Map<String, String> alternatives) {
    return new MetaSettings(mode, PositionSizing.fractionOfEquity(0.05), RegimeSettings.defaults(), byRegime(), alternatives, Map.of(),
        SpecialistSelector.Settings.defaults(), RegimeSizing.defaults(), EnsembleVote.Settings.defaults(), 5, 0, io.troupe.sizing.SizingRule.fixed(), io.troupe.portfolio.AllocationSettings.none());
  }

  private record Desk(ActorRef<DeskCommand> ref, TestProbe<DeskCommand.Decision> decisions) {}

  private static Desk desk(MetaSettings settings, LongFunction<Regime> regimes, Map<String, LongFunction<Direction>> scripts) {
    List<SpecialistSpec> specs = new ArrayList<>();
    for (String n : NAMES) {
      LongFunction<Direction> script = scripts.getOrDefault(n, i -> null);
      specs.add(new SpecialistSpec(n, () -> new Scripted(n, script)));
    }
    MetaController meta = new MetaController("BTC", NAMES, settings, 1, 10_000, new ScriptedRegimes(regimes));
    TestProbe<DeskCommand.Decision> decisions = testKit.createTestProbe();
    ActorRef<DeskCommand> ref = testKit.spawn(DeskActor.create("BTC", specs, meta, null), "desk-" + desks.incrementAndGet());
    return new Desk(ref, decisions);
  }

  /** Sends bar {@code i} and returns the desk's one decision for it. */
  private static OrderIntent bar(Desk d, long i, double price, List<RoundTrip> closed) {
    d.ref().tell(new DeskCommand.OnBar(new Bar("BTC", i * MIN, price, price + 0.5, price - 0.5, price, 10), 10_000, 0, closed, List.of(), false,
        TradingState.ACTIVE, d.decisions().ref()));
    DeskCommand.Decision decision = d.decisions().receiveMessage();
    assertEquals(i * MIN, decision.time());
    return decision.intent();
  }

  private static OrderIntent bar(Desk d, long i) {
    return bar(d, i, 100, List.of());
  }

  private static DeskCommand.MetaState state(Desk d) {
    TestProbe<DeskCommand.MetaState> p = testKit.createTestProbe();
    d.ref().tell(new DeskCommand.GetMetaState(p.ref()));
    return p.receiveMessage();
  }

  private static LongFunction<Direction> always(Direction d) {
    return i -> d;
  }

  private static Map<String, LongFunction<Direction>> allLong() {
    Map<String, LongFunction<Direction>> m = new java.util.HashMap<>();
    for (String n : NAMES) m.put(n, always(Direction.LONG));
    return m;
  }

  @Test
  void aRegimeChangeSwitchesTheSpecialistOnlyOnceThreeOfTheLastFiveReadingsAgree() {
    // Trending for bars 0-2, ranging from bar 3 on.
    Desk d = desk(settings(MetaSettings.Mode.SELECT, Map.of()), i -> i < 3 ? Regime.TRENDING : Regime.RANGING, allLong());
    assertNull(bar(d, 0), "no confirmed regime yet: nobody is in charge");
    assertNull(bar(d, 1));
    assertEquals("trending", bar(d, 2).specialist());
    assertEquals("trending", bar(d, 3).specialist(), "one ranging reading is not enough");
    assertEquals("trending", bar(d, 4).specialist(), "two of five are not enough");
    assertEquals("ranging", bar(d, 5).specialist(), "three of the last five, the last two agreeing");
    assertEquals(Regime.RANGING, state(d).regime());
  }

  @Test
  void alternatingReadingsCauseNoSwitch() {
    Desk d = desk(settings(MetaSettings.Mode.SELECT, Map.of()), i -> i < 3 || i % 2 == 0 ? Regime.TRENDING : Regime.RANGING, allLong());
    bar(d, 0);
    bar(d, 1);
    for (long i = 2; i < 14; i++) assertEquals("trending", bar(d, i).specialist(), "bar " + i);
  }

  @Test
  void anUnderperformingSpecialistIsReplacedByItsAlternativeAndRestoredWhenItRecovers() {
    Desk d = desk(settings(MetaSettings.Mode.SELECT, Map.of("trending", "volatile")), i -> Regime.TRENDING, allLong());
    bar(d, 0);
    bar(d, 1);
    assertEquals("trending", bar(d, 2).specialist());
    // The trending specialist's real trades lose 6% of their entry notional in all.
    RoundTrip loss = new RoundTrip("BTC", "long", 0, 100, 2 * MIN, 94, 1, 0, -6, "stop_loss", "trending");
    assertEquals("volatile", bar(d, 3, 100, List.of(loss)).specialist());
    assertEquals("volatile", state(d).active());
    // Winning trades bring its last-20 sum back above -5%: it is in charge again.
    RoundTrip win = new RoundTrip("BTC", "long", 3 * MIN, 100, 4 * MIN, 102, 1, 0, 2, "take_profit", "trending");
    assertEquals("trending", bar(d, 4, 100, List.of(win)).specialist());
  }

  @Test
  void ensembleModeTradesOnlyAtConsensus() {
    Map<String, LongFunction<Direction>> scripts = new java.util.HashMap<>();
    scripts.put("volatile", i -> i == 0 ? Direction.LONG : null);
    scripts.put("trending", i -> i == 1 ? Direction.LONG : null);
    scripts.put("ranging", i -> i == 2 ? Direction.LONG : null);
    Desk d = desk(settings(MetaSettings.Mode.ENSEMBLE, Map.of()), i -> Regime.TRENDING, scripts);
    assertNull(bar(d, 0), "one voter of four");
    assertNull(bar(d, 1), "two voters of four");
    OrderIntent consensus = bar(d, 2);
    assertNotNull(consensus, "three of four agree");
    assertEquals(EnsembleVote.SOURCE, consensus.specialist());
    assertTrue(consensus.targetQuantity() > 0);
    assertNull(bar(d, 3), "the consensus stands; nothing new to ask");
  }

  @Test
  void aSpecialistsWeightFallsAfterARunOfWrongCalls() {
    Map<String, LongFunction<Direction>> scripts = new java.util.HashMap<>();
    scripts.put("trending", always(Direction.LONG)); // wrong: the price falls
    scripts.put("ranging", always(Direction.SHORT)); // right
    Desk d = desk(settings(MetaSettings.Mode.ENSEMBLE, Map.of()), i -> Regime.TRENDING, scripts);
    double before = state(d).weights().get("trending");
    for (long i = 0; i < 20; i++) bar(d, i, 200 - i, List.of());
    Map<String, Double> after = state(d).weights();
    assertTrue(after.get("trending") < before / 2, "wrong calls cut the weight: " + before + " -> " + after);
    assertTrue(after.get("ranging") > before, "right calls raise it: " + after);
  }
}
