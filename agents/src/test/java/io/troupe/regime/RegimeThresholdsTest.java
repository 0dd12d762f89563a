package io.troupe.regime;

import static io.troupe.regime.Regime.CRISIS;
import static io.troupe.regime.Regime.RANGING;
import static io.troupe.regime.Regime.TRENDING;
import static io.troupe.regime.Regime.VOLATILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.model.InvalidInputException;
import io.troupe.market.Bar;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RegimeThresholdsTest {
  private static final RegimeSettings S = RegimeSettings.defaults();

  private static Regime calm(double vol, double adx) {
    return RegimeDetector.classify(S, vol, adx, 1.0, 0.0, false);
  }

  @Test
  void baseRegimeFollowsTheSeedThresholds() {
    assertEquals(CRISIS, calm(35.01, 40));
    assertEquals(CRISIS, calm(80, 10));
    assertEquals(VOLATILE, calm(30, 19.9));
    assertEquals(RANGING, calm(25, 19.9), "25 is not above 25");
    assertEquals(TRENDING, calm(30, 25.1), "volatile needs ADX < 20");
    assertEquals(RANGING, calm(30, 22), "between the ADX thresholds with moderate volatility");
    assertEquals(TRENDING, calm(10, 26));
    assertEquals(RANGING, calm(10, 25), "25 is not above 25");
    assertEquals(VOLATILE, calm(35, 10), "35 is not above 35: volatile, not crisis");
  }

  @Test
  void oneStressSignalLiftsToVolatileTwoMakeCrisis() {
    assertEquals(VOLATILE, RegimeDetector.classify(S, 10, 30, 1.6, 0.0, false), "ATR spike");
    assertEquals(VOLATILE, RegimeDetector.classify(S, 10, 10, 1.0, 3.5, false), "gap");
    assertEquals(VOLATILE, RegimeDetector.classify(S, 10, 10, 1.0, 0.0, true), "correlation spike");
    assertEquals(TRENDING, RegimeDetector.classify(S, 10, 30, 1.5, 3.0, false), "at the thresholds is no stress");
    assertEquals(CRISIS, RegimeDetector.classify(S, 10, 30, 1.6, 3.5, false));
    assertEquals(CRISIS, RegimeDetector.classify(S, 10, 30, 1.6, 0.0, true));
    assertEquals(CRISIS, RegimeDetector.classify(S, 50, 30, 1.6, 0.0, false), "never lowered");
  }

  @Test
  void detectorWarmsUpThenReportsItsInputs() {
    RegimeDetector d = new RegimeDetector(S);
    long t = 0;
    double price = 100;
    RegimeReading r = null;
    int firstReading = -1;
    for (int i = 0; i < 200; i++) {
      // A steady climb with small, regular ranges: trending, calm.
      price *= 1.0005;
      r = d.update(new Bar("X", t += 60_000, price * 0.9999, price * 1.0003, price * 0.9997, price, 10));
      if (r != null && firstReading < 0) firstReading = i;
    }
    assertEquals(d.warmUpBars() - 1, firstReading);
    assertNotNull(r);
    assertEquals(TRENDING, r.regime());
    assertTrue(r.adx() > 25, "adx " + r.adx());
    assertEquals(1.0, r.atrRatio(), 0.02);
    assertFalse(r.volatilitySpike());
    assertEquals((1.0005 * 0.9999 - 1) * 100, r.gapPct(), 1e-6);
  }

  @Test
  void aGapAndAWideBarMakeCrisis() {
    RegimeDetector d = new RegimeDetector(S);
    long t = 0;
    for (int i = 0; i < 60; i++) {
      double p = 100 + (i % 2 == 0 ? 0.01 : -0.01);
      RegimeReading quiet = d.update(new Bar("X", t += 60_000, p, p + 0.02, p - 0.02, p, 1));
      if (i < d.warmUpBars() - 1) assertNull(quiet);
      else assertFalse(quiet.volatilitySpike());
    }
    RegimeReading r = d.update(new Bar("X", t + 60_000, 95, 95.5, 92, 93, 1));
    assertTrue(r.gapPct() > 3, "gap " + r.gapPct());
    assertTrue(r.volatilitySpike(), "atr ratio " + r.atrRatio());
    assertEquals(CRISIS, r.regime());
  }

  @Test
  void settingsComeFromTheConfigFileWithDefaultsForMissingKeys() {
    var root = ConfigFactory.parseFile(Path.of("..", "config", "regime.conf").toFile()).resolve();
    // The shipped file: the seed thresholds, calibrated per symbol.
    assertEquals(S.withCalibration(RegimeCalibration.percentiles()), RegimeSettings.fromConfig(root.getConfig(RegimeSettings.CONFIG_PATH)));
    RegimeSettings s = RegimeSettings.fromConfig(ConfigFactory.parseString("crisis-volatility = 90, confirmation.consecutive = 1"));
    assertEquals(90, s.crisisVolatility());
    assertEquals(1, s.confirmConsecutive());
    assertEquals(20, s.lookback());
  }

  @Test
  void badSettingsNameTheKey() {
    var e = assertThrows(InvalidInputException.class,
        () -> RegimeSettings.fromConfig(ConfigFactory.parseString("confirmation.required = 2")));
    assertTrue(e.getMessage().contains("troupe.regime.confirmation.required"), e.getMessage());
    var e2 = assertThrows(InvalidInputException.class,
        () -> RegimeSettings.fromConfig(ConfigFactory.parseString("lookback = soon")));
    assertTrue(e2.getMessage().contains("lookback"), e2.getMessage());
  }
}
