package io.troupe.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.market.Bar;
import io.troupe.model.OrderIntent;
import io.troupe.model.RoundTrip;
import io.troupe.model.TradingState;
import io.troupe.model.VenueRejection;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import io.troupe.strategy.Strategy;
import java.util.ArrayList;
import java.util.Collections;
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
 * A desk given several steps' bars at once ({@link DeskCommand.OnSteps}): its specialists answer them in one message
 * each, it decides alone the bars that ask for nothing, stops at the first that would ask for an intent, and sizes
 * that one with the account it is told when the coordinator reaches its step. Each outcome is the one the desk gives
 * bar by bar ({@link DeskCommand.OnBar}).
 */
class DeskStepsAheadTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final AtomicInteger names = new AtomicInteger();
  private static final long MIN = 60_000;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Signals the direction the script gives for each bar index (null: no opinion). */
  record Scripted(String name, LongFunction<Direction> script) implements Strategy {
    @Override
    public Signal onBar(Bar bar) {
      Direction d = script.apply(bar.time() / MIN);
      return d == null ? null : Signal.of(bar.symbol(), bar.time(), d, name);
    }
  }

  /** The same, but it does something with a rejection: its signals may depend on what it is told between bars. */
  record ReadsRejections(String name, LongFunction<Direction> script) implements Strategy {
    @Override
    public Signal onBar(Bar bar) {
      Direction d = script.apply(bar.time() / MIN);
      return d == null ? null : Signal.of(bar.symbol(), bar.time(), d, name);
    }

    @Override
    public void onRejected(VenueRejection rejection) {}
  }

  /** Throws on the bar at index {@code failAt}, after {@code seen} counted how many bars this instance had. */
  static final class FailsOnce implements Strategy {
    static final List<Long> evaluated = Collections.synchronizedList(new ArrayList<>());
    private final long failAt;

    FailsOnce(long failAt) {
      this.failAt = failAt;
    }

    @Override
    public String name() {
      return "only";
    }

    @Override
    public Signal onBar(Bar bar) {
      long i = bar.time() / MIN;
      if (i == failAt && !evaluated.contains(i)) {
        evaluated.add(i);
        throw new IllegalStateException("scripted failure at bar " + i);
      }
      evaluated.add(i);
      return null;
    }
  }

  private static Bar bar(long i) {
    double price = 100 + i;
    return new Bar("BTC", i * MIN, price, price + 0.5, price - 0.5, price, 10);
  }

  private static List<Bar> bars(long from, long to) {
    List<Bar> out = new ArrayList<>();
    for (long i = from; i < to; i++) out.add(bar(i));
    return out;
  }

  private static List<Boolean> noSpikes(int n) {
    return Collections.nCopies(n, false);
  }

  private static ActorRef<DeskCommand> desk(MetaSettings settings, List<String> specialists, java.util.function.Function<String, Strategy> strategy) {
    List<SpecialistSpec> specs = new ArrayList<>();
    for (String n : specialists) specs.add(new SpecialistSpec(n, () -> strategy.apply(n)));
    MetaController meta = new MetaController("BTC", specialists, settings, 1, 10_000);
    return testKit.spawn(DeskActor.create("BTC", specs, meta, null), "desk-" + names.incrementAndGet());
  }

  private static ActorRef<DeskCommand> single(LongFunction<Direction> script) {
    return desk(MetaSettings.single(PositionSizing.fractionOfEquity(0.05)), List.of("only"), n -> new Scripted(n, script));
  }

  private static DeskCommand.Decisions steps(ActorRef<DeskCommand> desk, List<Bar> bars, double equity, List<RoundTrip> closed, boolean quiet,
      TestProbe<DeskCommand.Decisions> probe) {
    desk.tell(new DeskCommand.OnSteps(bars, noSpikes(bars.size()), equity, 0, closed, List.of(), TradingState.ACTIVE, quiet, probe.ref()));
    return probe.receiveMessage();
  }

  /** The intent the desk gives bar by bar, with the same equity at every bar. */
  private static OrderIntent barByBar(ActorRef<DeskCommand> desk, long upTo, double equityAtLast) {
    TestProbe<DeskCommand.Decision> probe = testKit.createTestProbe();
    OrderIntent last = null;
    for (long i = 0; i <= upTo; i++) {
      desk.tell(new DeskCommand.OnBar(bar(i), i == upTo ? equityAtLast : 10_000, 0, List.of(), List.of(), false, TradingState.ACTIVE, probe.ref()));
      DeskCommand.Decision d = probe.receiveMessage();
      assertEquals(i * MIN, d.time());
      if (i < upTo) assertNull(d.intent(), "no intent before bar " + upTo);
      last = d.intent();
    }
    return last;
  }

  @Test
  void barsThatAskForNothingAreDecidedAloneAndTheFirstThatWouldOrderWaitsForItsAccount() {
    LongFunction<Direction> script = i -> i == 5 ? Direction.LONG : null;
    ActorRef<DeskCommand> desk = single(script);
    TestProbe<DeskCommand.Decisions> probe = testKit.createTestProbe();

    DeskCommand.Decisions first = steps(desk, bars(0, 10), 10_000, List.of(), true, probe);
    assertEquals(0, first.time());
    assertNull(first.intent());
    assertEquals(4, first.alone(), "bars 1 to 4 decided alone");
    assertTrue(first.holding(), "bar 5 is held for its account");
    assertTrue(first.ahead());

    // The coordinator reaches bar 5's step with the account of the step before it: the intent is sized with that.
    DeskCommand.Decisions atFive = steps(desk, List.of(), 20_000, List.of(), true, probe);
    assertEquals(5 * MIN, atFive.time());
    assertNotNull(atFive.intent());
    assertEquals(4, atFive.alone(), "bars 6 to 9 decided alone (single mode: its own trades only size the next intent)");
    assertFalse(atFive.holding());

    OrderIntent reference = barByBar(single(script), 5, 20_000);
    assertEquals(reference, atFive.intent());
    assertEquals(20_000 * 0.05 / 105, atFive.intent().targetQuantity(), 1e-9);
  }

  @Test
  void aStrategyThatReadsRejectionsIsAskedOneBarAtATime() {
    ActorRef<DeskCommand> desk = desk(MetaSettings.single(PositionSizing.fractionOfEquity(0.05)), List.of("only"), n -> new ReadsRejections(n, i -> null));
    TestProbe<DeskCommand.Decisions> probe = testKit.createTestProbe();
    DeskCommand.Decisions d = steps(desk, bars(0, 10), 10_000, List.of(), true, probe);
    assertEquals(0, d.time());
    assertEquals(0, d.alone());
    assertFalse(d.holding());
    assertFalse(d.ahead(), "the coordinator is told to send one bar at a time");
    DeskCommand.Decisions next = steps(desk, bars(1, 2), 10_000, List.of(), true, probe);
    assertEquals(MIN, next.time());
  }

  @Test
  void aSpecialistThatFailsInTheMiddleAnswersUpToItAndItsRestartTakesTheRest() {
    FailsOnce.evaluated.clear();
    ActorRef<DeskCommand> desk = desk(MetaSettings.single(PositionSizing.fractionOfEquity(0.05)), List.of("only"), n -> new FailsOnce(3));
    TestProbe<DeskCommand.Decisions> probe = testKit.createTestProbe();
    DeskCommand.Decisions d = steps(desk, bars(0, 8), 10_000, List.of(), true, probe);
    assertEquals(0, d.time());
    assertEquals(3, d.alone(), "bars 1 to 3 decided (3 as failed: no signal)");
    assertFalse(d.holding(), "nothing held after the failed bar");
    assertTrue(d.ahead());
    // The coordinator sends the bars after it; the restarted specialist answers them.
    DeskCommand.Decisions rest = steps(desk, bars(4, 8), 10_000, List.of(), true, probe);
    assertEquals(4 * MIN, rest.time());
    assertEquals(3, rest.alone());
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), FailsOnce.evaluated);
  }

  @Test
  void inSelectModeADeskThatMayHearItsOwnTradesDecidesOneBarPerStepFromWhatItHolds() {
    Map<io.troupe.regime.Regime, String> byRegime = new java.util.EnumMap<>(io.troupe.regime.Regime.class);
    for (io.troupe.regime.Regime r : io.troupe.regime.Regime.values()) byRegime.put(r, "only");
    MetaSettings select = new MetaSettings(MetaSettings.Mode.SELECT, PositionSizing.fractionOfEquity(0.05), io.troupe.regime.RegimeSettings.defaults(),
        byRegime, Map.of(), Map.of(), SpecialistSelector.Settings.defaults(), RegimeSizing.defaults(), EnsembleVote.Settings.defaults(), 5, 0,
        io.troupe.sizing.SizingRule.fixed(), io.troupe.portfolio.AllocationSettings.none());
    ActorRef<DeskCommand> desk = desk(select, List.of("only"), n -> new Scripted(n, i -> null));
    TestProbe<DeskCommand.Decisions> probe = testKit.createTestProbe();
    // Not quiet (a position or a working order): each bar waits for its step, but the specialists answered all three.
    DeskCommand.Decisions d = steps(desk, bars(0, 3), 10_000, List.of(), false, probe);
    assertEquals(0, d.alone());
    assertTrue(d.holding());
    d = steps(desk, List.of(), 10_000, List.of(), false, probe);
    assertEquals(MIN, d.time());
    assertTrue(d.holding());
    // Quiet: the rest is decided alone.
    d = steps(desk, List.of(), 10_000, List.of(), true, probe);
    assertEquals(2 * MIN, d.time());
    assertFalse(d.holding());
  }
}
