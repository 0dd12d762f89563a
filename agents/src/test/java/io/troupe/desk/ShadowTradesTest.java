package io.troupe.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import org.junit.jupiter.api.Test;

class ShadowTradesTest {

  @Test
  void followsSignalsStopsAndTargetsIntoTheScorecard() {
    SpecialistScorecard card = SpecialistScorecard.defaults();
    ShadowTrades shadow = new ShadowTrades(card, 0.2);
    shadow.onSignal("s", new Signal("X", 0, Direction.LONG, 1, 1, 95, 110, "s"), 100);
    assertTrue(shadow.isOpen("s"));
    shadow.onBar(new Bar("X", 1, 100, 104, 99, 103, 1));
    assertTrue(shadow.isOpen("s"), "neither touched");
    shadow.onBar(new Bar("X", 2, 103, 111, 102, 109, 1));
    assertFalse(shadow.isOpen("s"));
    assertEquals(10 - 0.2, card.recentReturnSumPct("s"), 1e-12);
    shadow.onSignal("s", new Signal("X", 3, Direction.SHORT, 1, 1, Double.NaN, Double.NaN, "s"), 100);
    shadow.onSignal("s", Signal.of("X", 4, Direction.FLAT, "s"), 102);
    assertEquals(10 - 0.2 - 2 - 0.2, card.recentReturnSumPct("s"), 1e-12);
    assertEquals(2, card.snapshot("s").trades());
  }
}
