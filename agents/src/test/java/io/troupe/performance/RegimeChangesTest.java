package io.troupe.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.performance.PerformanceCommand.RegimePoint;
import io.troupe.regime.Regime;
import org.junit.jupiter.api.Test;

/**
 * Under a history window each symbol keeps at most that many regime changes, the latest; the regime of a time inside
 * the kept span is the one the whole timeline gives.
 */
class RegimeChangesTest {

  @Test
  void aLongTimelineKeepsTheWindowAndAnswersAsTheWholeOneInsideIt() {
    RegimeChanges whole = new RegimeChanges(Integer.MAX_VALUE);
    RegimeChanges windowed = new RegimeChanges(100);
    Regime[] cycle = Regime.values();
    for (int i = 0; i < 10_000; i++) {
      RegimePoint p = new RegimePoint(i * 600_000L, cycle[i % cycle.length]);
      whole.add("BTC", p);
      windowed.add("BTC", p);
      assertEquals(Math.min(i + 1, 100), windowed.size("BTC"));
    }
    assertEquals(10_000, whole.size("BTC"));
    for (long t = 9_900 * 600_000L; t < 10_001 * 600_000L; t += 60_000L) assertEquals(whole.at("BTC", t), windowed.at("BTC", t), "at " + t);
    assertEquals(RegimeChanges.UNKNOWN, whole.at("BTC", -1), "before the first change");
    assertEquals(RegimeChanges.UNKNOWN, windowed.at("BTC", 5 * 600_000L), "before the oldest change kept");
    assertEquals(RegimeChanges.UNKNOWN, windowed.at("ETH", 0), "a symbol without changes");
    assertEquals(whole.timelines().get("BTC").subList(9_900, 10_000), windowed.timelines().get("BTC"));
  }
}
