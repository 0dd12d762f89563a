package io.troupe.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.RoundTrip;
import io.troupe.regime.Regime;
import io.troupe.regime.RegimeConfirmation;
import io.troupe.regime.RegimeReading;
import io.troupe.regime.RegimeSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecialistSelectorTest {
  private final SpecialistScorecard card = SpecialistScorecard.defaults();
  private final SpecialistSelector selector = new SpecialistSelector(
      Map.of(Regime.TRENDING, "trend", Regime.RANGING, "range", Regime.VOLATILE, "vol", Regime.CRISIS, "crisis"),
      Map.of("trend", "trend-alt", "range", "range-alt"),
      card, SpecialistSelector.Settings.defaults());

  @Test
  void alternatingRegimeReadingsDoNotSwitchTheSpecialist() {
    RegimeConfirmation confirmation = RegimeConfirmation.of(RegimeSettings.defaults());
    long t = 0;
    for (int i = 0; i < 3; i++) confirmation.offer(new RegimeReading(t++, Regime.RANGING, 15, 1, 20, 0, false, false));
    assertEquals("range", selector.select(confirmation.current()).chosen());
    for (int i = 0; i < 40; i++) {
      Regime raw = i % 2 == 0 ? Regime.TRENDING : Regime.RANGING;
      confirmation.offer(new RegimeReading(t++, raw, 26, 1, 20, 0, false, false));
      assertEquals("range", selector.select(confirmation.current()).chosen(), "reading " + i);
    }
  }

  @Test
  void anUnderperformingSpecialistIsReplacedByItsAlternativeAndRestoredOnRecovery() {
    for (int i = 0; i < 20; i++) card.recordTrade("trend", i < 5 ? -1.0 : 0.0); // -5% over the last 20 trades
    var fallback = selector.select(Regime.TRENDING);
    assertEquals("trend-alt", fallback.chosen());
    assertTrue(fallback.fallback());
    assertTrue(fallback.reason().contains("lost 5.00%"), fallback.reason());
    card.recordTrade("trend", 0.1); // the first -1% leaves the window: -4% + 0.1%
    var restored = selector.select(Regime.TRENDING);
    assertEquals("trend", restored.chosen());
    assertFalse(restored.fallback());
  }

  @Test
  void justAboveTheLossLimitKeepsThePrimary() {
    for (int i = 0; i < 20; i++) card.recordTrade("range", -0.2495); // -4.99%
    assertEquals("range", selector.select(Regime.RANGING).chosen());
  }

  @Test
  void withoutAHealthyAlternativeTheDeskStandsAside() {
    card.recordTrade("vol", -6);
    var noAlternative = selector.select(Regime.VOLATILE);
    assertNull(noAlternative.chosen());
    assertTrue(noAlternative.reason().contains("no alternative"));
    card.recordTrade("range", -6);
    card.recordTrade("range-alt", -5);
    assertNull(selector.select(Regime.RANGING).chosen());
    assertNull(selector.select(null).chosen());
  }

  @Test
  void roundTripsCountAsReturnsOnTheirEntryNotional() {
    // 0.1 BTC at 50,000: 5,000 notional; -300 net is -6%.
    card.recordTrade(new RoundTrip("BTC", "long", 0, 50_000, 60_000, 47_100, 0.1, 10, -300, "stop", "crisis"));
    assertEquals(-6.0, card.recentReturnSumPct("crisis"), 1e-12);
    assertTrue(selector.underperforming("crisis"));
  }
}
