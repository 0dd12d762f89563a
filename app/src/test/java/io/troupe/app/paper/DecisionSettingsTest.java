package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a session journals as its decision settings: how a venue is reached is not one, so a resume may change it. */
class DecisionSettingsTest {
  @Test
  void venueConnectionKeysAreOperational() {
    Map<String, String> settings = PaperRunner.decisionSettings(PaperRuns.config(Map.of("troupe.venue.binance.rest-url", "http://127.0.0.1:1")));
    assertTrue(settings.containsKey(PaperRunner.CONFIG_PREFIX + "troupe.risk.max-position-pct"), settings.keySet().toString());
    assertFalse(settings.keySet().stream().anyMatch(k -> k.startsWith(PaperRunner.CONFIG_PREFIX + "troupe.venue.")), settings.keySet().toString());
  }
}
