package io.troupe.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.performance.SpecialistStats;
import io.troupe.model.RoundTrip;
import org.junit.jupiter.api.Test;

class SizingRuleTest {

  // equity 10,000 at a price of 100, stop at 98 (2% away), ATR 1
  private final SizingInput in = new SizingInput(10_000, 100, 98, 1, 1);

  private static SizingRule rule(SizingRule.Mode mode, double maxFraction) {
    return new SizingRule(mode, 0.01, 0.005, 2, 0.5, 0.09, 4, maxFraction);
  }

  @Test
  void fixedFractionIsEquityTimesFractionOverPrice() {
    assertEquals(10_000 * 0.05 / 100, rule(SizingRule.Mode.FIXED, 1).quantity(in, 0.05, null), 1e-9);
  }

  @Test
  void riskBasedRisksOnePercentOfEquityToTheStop() {
    // 1% of 10,000 = 100 at risk over a 2-point stop distance: 50 units
    assertEquals(50, rule(SizingRule.Mode.RISK, 1).quantity(in, 0.05, null), 1e-9);
  }

  @Test
  void volatilityAdjustedRisksOnePercentOverTwoAtr() {
    // 100 at risk over 2 x ATR(1) = 2: 50 units
    assertEquals(50, rule(SizingRule.Mode.VOLATILITY, 1).quantity(in, 0.05, null), 1e-9);
  }

  @Test
  void everySizeIsCappedBelowThePositionLimit() {
    // the cap of 9.5% of equity: 9.5 units at 100
    assertEquals(9.5, rule(SizingRule.Mode.RISK, 0.095).quantity(in, 0.05, null), 1e-9);
  }

  @Test
  void kellyUsesTheFixedFractionUntilEnoughTradesThenTheCappedHalfKelly() {
    SizingRule r = rule(SizingRule.Mode.KELLY, 1);
    SpecialistStats few = SpecialistStats.empty().add(trip(10));
    assertEquals(5, r.quantity(in, 0.05, few), 1e-9, "too few trades: the fixed 5%");
    SpecialistStats s = SpecialistStats.empty();
    for (double pnl : new double[] {20, 20, 20, -10, -10}) s = s.add(trip(pnl));
    // win rate 0.6, payoff 20/10 = 2: Kelly = 0.6 - 0.4/2 = 0.4; half of it 0.2, capped at 0.09 -> 9 units
    assertEquals(9, r.quantity(in, 0.05, s), 1e-9);
    SpecialistStats losing = SpecialistStats.empty();
    for (double pnl : new double[] {-10, -10, -10, 5}) losing = losing.add(trip(pnl));
    assertEquals(0, r.quantity(in, 0.05, losing), 1e-9, "a negative Kelly sizes nothing");
  }

  private static RoundTrip trip(double pnl) {
    return new RoundTrip("BTC", "long", 0, 100, 1, 100 + pnl, 1, 0, pnl, "x", "s");
  }
}
