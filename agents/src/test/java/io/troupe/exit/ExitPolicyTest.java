package io.troupe.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import io.troupe.model.Position;
import io.troupe.model.OrderIntent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExitPolicyTest {

  private static final long MIN = 60_000L;
  private static final double NaN = Double.NaN;
  private final ExitPolicy policy = new ExitPolicy(ExitSettings.defaults());
  /** No target, no hold: lets trailing and partial rules act. */
  private final ExitPolicy open = new ExitPolicy(settings(0, 0, "percent"));

  private static ExitSettings settings(double targetPct, long holdMillis, String mode) {
    ExitSettings d = ExitSettings.defaults();
    return new ExitSettings(d.stopPct(), targetPct, mode, d.atrMultiple(), d.trailingArmPct(), d.trailingGiveBackPct(), d.partials(),
        d.maxAgeMillis(), d.maxLossPct(), Map.of(), holdMillis);
  }

  private static Position longPos(double qty) {
    return new Position("BTC", qty, 100, 0, 0, 0, "s", 100);
  }

  private static Bar bar(long t, double low, double high, double close) {
    return new Bar("BTC", t, close, high, low, close, 1);
  }

  private static Bar close(long t, double c) {
    return bar(t, c, c, c);
  }

  @Test
  void fixedStopAndTargetDefaultToHalfAPercentAndThreeTimesThat() {
    ExitState s = policy.open(longPos(10), "", NaN, NaN, NaN, true);
    assertEquals(99.5, s.stopPrice(), 1e-9);
    assertEquals(101.5, s.targetPrice(), 1e-9);
    ExitState sh = policy.open(new Position("BTC", -10, 100, 0, 0, 0, "s", 100), "", NaN, NaN, NaN, true);
    assertEquals(100.5, sh.stopPrice(), 1e-9);
    assertEquals(98.5, sh.targetPrice(), 1e-9);
  }

  @Test
  void theEntrySignalsOwnStopAndTargetWinWhenOnTheRightSide() {
    ExitState s = policy.open(longPos(10), "", 97, 110, NaN, true);
    assertEquals(97, s.stopPrice(), 1e-9);
    assertEquals(110, s.targetPrice(), 1e-9);
    ExitState wrong = policy.open(longPos(10), "", 101, 90, NaN, true);
    assertEquals(99.5, wrong.stopPrice(), 1e-9);
    assertEquals(101.5, wrong.targetPrice(), 1e-9);
  }

  @Test
  void atrStopSitsTwoAtrsFromTheEntry() {
    ExitPolicy atr = new ExitPolicy(settings(0.015, 0, "atr"));
    ExitState s = atr.open(longPos(10), "", NaN, NaN, 1.5, true);
    assertEquals(97, s.stopPrice(), 1e-9);
    assertEquals("atr_stop", s.stopReason());
    assertEquals(99.5, atr.open(longPos(10), "", NaN, NaN, NaN, true).stopPrice(), 1e-9); // no ATR yet: percent
  }

  @Test
  void stopLossFiresInsideTheBarWhenNoBracketRestsAtTheVenue() {
    ExitState s = policy.open(longPos(10), "", NaN, NaN, NaN, false);
    ExitPolicy.ExitStep step = policy.onBar(s, longPos(10), bar(MIN, 99.4, 100.2, 100.1));
    assertEquals(List.of(new ExitDecision("BTC", MIN, 10, true, "stop_loss", 99.5)), step.decisions());
  }

  @Test
  void aStopRestingAtTheVenueIsNotSentASecondTime() {
    ExitState s = policy.open(longPos(10), "", NaN, NaN, NaN, true);
    assertTrue(policy.onBar(s, longPos(10), bar(MIN, 99.4, 100.2, 100.1)).decisions().isEmpty());
  }

  @Test
  void bracketPricesRestTheStopAtOnceAndTheTargetFromTheEndOfTheMinimumHold() {
    ExitState s = policy.open(new Position("BTC", 10, 100, 0, 0, 1_000, "s", 100), ExitSettings.MEAN_REVERSION, NaN, NaN, NaN, true);
    BracketPrices b = policy.bracket(s);
    assertEquals(99.5, b.stopPrice(), 1e-9);
    assertEquals("stop_loss", b.stopReason());
    assertEquals(101.5, b.targetPrice(), 1e-9);
    assertEquals(1_000 + 30 * MIN, b.targetActiveFrom());
  }

  @Test
  void minimumHoldDelaysTheTargetButNotTheStop() {
    ExitState s = policy.open(longPos(10), ExitSettings.MEAN_REVERSION, NaN, NaN, NaN, false);
    assertTrue(policy.onBar(s, longPos(10), bar(29 * MIN, 100, 102, 101.8)).decisions().isEmpty());
    assertEquals("take_profit", policy.onBar(s, longPos(10), bar(30 * MIN, 100, 102, 101.8)).decisions().get(0).reason());
    assertEquals("stop_loss", policy.onBar(s, longPos(10), bar(MIN, 99, 100, 99.2)).decisions().get(0).reason());
  }

  @Test
  void minimumHoldsPerStrategyTypeMatchTheSeedDefaults() {
    ExitSettings d = ExitSettings.defaults();
    assertEquals(30 * MIN, d.minHoldFor(ExitSettings.MEAN_REVERSION));
    assertEquals(120 * MIN, d.minHoldFor(ExitSettings.REGIME));
    assertEquals(5 * MIN, d.minHoldFor(ExitSettings.MICROSTRUCTURE));
    assertEquals(10 * MIN, d.minHoldFor(ExitSettings.EVENT));
  }

  @Test
  void trailingStopLocksInProfitAfterGivingBack40PercentOfPeak() {
    ExitState s = open.open(longPos(10), "", NaN, NaN, NaN, true);
    ExitPolicy.ExitStep a = open.onBar(s, longPos(10), close(MIN, 102.9));
    assertFalse(a.state().trailingArmed());
    // Partial exits are off in this check: keep the position whole.
    ExitPolicy noPartials = new ExitPolicy(new ExitSettings(0.005, 0, "percent", 2, 0.03, 0.40, List.of(), 0, 0.05, Map.of(), 0));
    ExitState t = noPartials.onBar(s, longPos(10), close(MIN, 105)).state(); // peak +5%: armed
    assertTrue(t.trailingArmed());
    assertTrue(noPartials.onBar(t, longPos(10), close(2 * MIN, 103.01)).decisions().isEmpty()); // gave back 39.8%
    ExitDecision d = noPartials.onBar(t, longPos(10), close(2 * MIN, 103.0)).decisions().get(0); // gave back 40%
    assertEquals("trailing_stop", d.reason());
    assertTrue(d.closesAll());
  }

  @Test
  void partialExitsTakeAThirdAtTwoAndFourPercentAndTheRestAtSix() {
    ExitState s = open.open(longPos(99), "", NaN, NaN, NaN, true);
    ExitPolicy.ExitStep p1 = open.onBar(s, longPos(99), close(MIN, 102));
    assertEquals(new ExitDecision("BTC", MIN, 32.67, false, "partial_1", 102), round(p1.decisions().get(0)));
    assertTrue(open.onBar(p1.state(), longPos(66.33), close(2 * MIN, 102.5)).decisions().isEmpty()); // done once
    ExitPolicy.ExitStep p2 = open.onBar(p1.state(), longPos(66.33), close(3 * MIN, 104));
    assertEquals("partial_2", p2.decisions().get(0).reason());
    assertEquals(32.67, p2.decisions().get(0).quantity(), 1e-9);
    ExitPolicy.ExitStep p3 = open.onBar(p2.state(), longPos(33.66), close(4 * MIN, 106));
    assertEquals(new ExitDecision("BTC", 4 * MIN, 33.66, true, "partial_3", 106), p3.decisions().get(0));
  }

  @Test
  void aGapThroughTwoMilestonesTakesBothPartialsAtOnce() {
    ExitState s = open.open(longPos(100), "", NaN, NaN, NaN, true);
    ExitPolicy.ExitStep p = open.onBar(s, longPos(100), close(MIN, 104.5));
    assertEquals(66, p.decisions().get(0).quantity(), 1e-9);
    assertEquals(2, p.state().partialsDone());
  }

  @Test
  void maximumAgeClosesAPositionAfterOneHour() {
    ExitState s = policy.open(longPos(10), "", NaN, NaN, NaN, true);
    assertTrue(policy.onBar(s, longPos(10), close(59 * MIN, 100.1)).decisions().isEmpty());
    assertEquals("max_age", policy.onBar(s, longPos(10), close(60 * MIN, 100.1)).decisions().get(0).reason());
  }

  @Test
  void aSpecialistsOwnHoldingLimitWinsOverTheMaximumAge() {
    // A genome that holds for up to 5 h is not closed by the global hour; it is closed at its own limit.
    ExitState s = policy.open(longPos(10), "", 5 * 60 * MIN, NaN, NaN, NaN, true);
    assertEquals(5 * 60 * MIN, s.maxAgeMillis());
    assertTrue(policy.onBar(s, longPos(10), close(60 * MIN, 100.1)).decisions().isEmpty());
    assertTrue(policy.onBar(s, longPos(10), close(5 * 60 * MIN - MIN, 100.1)).decisions().isEmpty());
    assertEquals("max_age", policy.onBar(s, longPos(10), close(5 * 60 * MIN, 100.1)).decisions().get(0).reason());
    // Without a limit of its own, the configured hour applies.
    assertEquals(60 * MIN, policy.open(longPos(10), "", 0, NaN, NaN, NaN, true).maxAgeMillis());
  }

  @Test
  void maximumAgeWaitsForALongerMinimumHold() {
    ExitState s = policy.open(longPos(10), ExitSettings.REGIME, NaN, NaN, NaN, true);
    assertTrue(policy.onBar(s, longPos(10), close(119 * MIN, 100.1)).decisions().isEmpty());
    assertEquals("max_age", policy.onBar(s, longPos(10), close(120 * MIN, 100.1)).decisions().get(0).reason());
  }

  @Test
  void maximumLossPerPositionClosesAtFivePercentEvenDuringTheHold() {
    ExitState s = policy.open(longPos(10), ExitSettings.REGIME, NaN, NaN, NaN, true); // stop rests at the venue
    assertTrue(policy.onBar(s, longPos(10), close(MIN, 95.1)).decisions().isEmpty());
    assertEquals("max_loss", policy.onBar(s, longPos(10), close(MIN, 95)).decisions().get(0).reason());
  }

  @Test
  void anExitDecisionBecomesAReduceOnlyExitIntent() {
    Position p = longPos(99);
    OrderIntent partial = new ExitDecision("BTC", MIN, 33, false, "partial_1", 102).toIntent(p);
    assertEquals(66, partial.targetQuantity(), 1e-9);
    assertTrue(partial.exit());
    assertEquals(0, new ExitDecision("BTC", MIN, 99, true, "stop_loss", 99.5).toIntent(p).targetQuantity(), 1e-9);
  }

  @Test
  void aFlatPositionGetsNoDecisions() {
    ExitState s = policy.open(longPos(10), "", NaN, NaN, NaN, false);
    assertTrue(policy.onBar(s, Position.flat("BTC"), bar(MIN, 90, 110, 95)).decisions().isEmpty());
  }

  private static ExitDecision round(ExitDecision d) {
    return new ExitDecision(d.symbol(), d.time(), Math.round(d.quantity() * 1e6) / 1e6, d.closesAll(), d.reason(), d.referencePrice());
  }
}
