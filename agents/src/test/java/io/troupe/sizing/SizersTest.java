package io.troupe.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.performance.SpecialistStats;
import org.junit.jupiter.api.Test;

class SizersTest {

  @Test
  void fixedFractionHoldsThatShareOfEquityInNotional() {
    assertEquals(9, new FixedFractionSizer(0.09).quantity(SizingInput.of(10_000, 100)), 1e-9);
  }

  @Test
  void riskBasedSizeIsEquityTimesRiskOverDistanceToStop() {
    assertEquals(20, new RiskBasedSizer(0.01, 0.005).quantity(new SizingInput(10_000, 100, 95, Double.NaN, 1)), 1e-9);
    // No stop: the default 0.5% distance.
    assertEquals(200, new RiskBasedSizer(0.01, 0.005).quantity(SizingInput.of(10_000, 100)), 1e-9);
    // A contract worth 10 per point carries ten times the risk per unit.
    assertEquals(2, new RiskBasedSizer(0.01, 0.005).quantity(new SizingInput(10_000, 100, 95, Double.NaN, 10)), 1e-9);
  }

  @Test
  void volatilityAdjustedSizeShrinksAsTheAtrGrows() {
    VolatilityAdjustedSizer v = new VolatilityAdjustedSizer(0.01, 2);
    assertEquals(25, v.quantity(new SizingInput(10_000, 100, Double.NaN, 2, 1)), 1e-9);
    assertEquals(12.5, v.quantity(new SizingInput(10_000, 100, Double.NaN, 4, 1)), 1e-9);
    assertEquals(0, v.quantity(SizingInput.of(10_000, 100)), 0); // no ATR yet: no position
  }

  @Test
  void cappedKellyUsesMeasuredWinRateAndPayoffScaledAndCapped() {
    assertEquals(0.25, CappedKellySizer.kelly(0.5, 2), 1e-9); // 0.5 - 0.5 / 2
    CappedKellySizer half = new CappedKellySizer(0.5, 2, 100, 0.5, 0.25, 30);
    assertEquals(0.125, half.fraction(), 1e-9);
    assertEquals(12.5, half.quantity(SizingInput.of(10_000, 100)), 1e-9);
    assertEquals(0.25, new CappedKellySizer(0.9, 3, 100, 1, 0.25, 30).fraction(), 1e-9); // capped
    assertEquals(0, new CappedKellySizer(0.3, 1, 100, 0.5, 0.25, 30).fraction(), 0); // no edge
    assertEquals(0, new CappedKellySizer(0.5, 2, 10, 0.5, 0.25, 30).fraction(), 0); // too few trades
  }

  @Test
  void cappedKellyReadsWinRateAndPayoffFromSpecialistStats() {
    // 4 wins of 30 each, 6 losses of 10 each: W = 0.4, R = 3, f* = 0.2.
    SpecialistStats stats = new SpecialistStats(10, 4, 60, 120, 60, 0);
    CappedKellySizer k = CappedKellySizer.from(stats, 1, 1, 10);
    assertEquals(0.4, k.winRate(), 1e-9);
    assertEquals(3, k.payoff(), 1e-9);
    assertEquals(0.2, k.fraction(), 1e-9);
  }
}
