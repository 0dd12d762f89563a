package io.troupe.regime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Thresholds calibrated per symbol: on 1-minute USD/JPY of 2013 (a series the product does not bundle, from the shared
 * data store) the VIX-sized absolute thresholds see almost no crisis or volatile time and 70% ranging, while the
 * symbol's own percentiles give every regime a share and none more than about half; and a threshold never depends on
 * a later bar.
 */
class RegimeCalibrationTest {

  /** Copied into the test resources from the shared data store (its SOURCE.md there says from where). */
  static final Path USDJPY = Path.of("src/test/resources/shared-data/usdjpy-m1-bid-2013.csv").toAbsolutePath();

  static RegimeSettings calibrated() {
    return RegimeSettings.defaults().withCalibration(RegimeCalibration.percentiles());
  }

  static List<Bar> bars() {
    List<Bar> bars = new ArrayList<>();
    BarFiles.forEach(USDJPY, "USDJPY", ReadOptions.DEFAULT, bars::add);
    return bars;
  }

  static RegimeTimeline timeline(RegimeSettings s, List<Bar> bars) {
    RegimeTracker t = new RegimeTracker(s);
    for (Bar b : bars) t.update(b);
    return t.timeline();
  }

  @Test
  void ownPercentilesGiveEveryRegimeAShareAndNoneMostOfTheTime() {
    List<Bar> bars = bars();
    RegimeTimeline absolute = timeline(RegimeSettings.defaults(), bars);
    RegimeTimeline own = timeline(calibrated(), bars);
    assertTrue(absolute.shares().get(Regime.RANGING).timeShare() > 0.6, "absolute: " + absolute.shares());
    assertTrue(absolute.shares().get(Regime.VOLATILE).timeShare() < 0.02, "absolute: " + absolute.shares());
    for (Regime r : Regime.values()) {
      double share = own.shares().get(r).timeShare();
      assertTrue(share > 0.05 && share < 0.55, r + " under the symbol's own percentiles: " + own.shares());
    }
  }

  @Test
  void aThresholdIsJudgedOnlyByEarlierBars() {
    List<Bar> bars = bars();
    int cut = 9_000;
    RegimeDetector full = new RegimeDetector(calibrated());
    RegimeDetector prefix = new RegimeDetector(calibrated());
    List<String> fullReadings = new ArrayList<>();
    List<String> prefixReadings = new ArrayList<>();
    for (int i = 0; i < bars.size(); i++) {
      RegimeReading r = full.update(bars.get(i));
      if (i < cut) fullReadings.add(r + " " + full.crisisThreshold() + " " + full.volatileThreshold());
    }
    for (int i = 0; i < cut; i++) {
      RegimeReading r = prefix.update(bars.get(i));
      prefixReadings.add(r + " " + prefix.crisisThreshold() + " " + prefix.volatileThreshold());
    }
    assertEquals(prefixReadings, fullReadings, "a reading or threshold before the cut changed when later bars were added");
  }

  @Test
  void theThresholdsAsWrittenApplyUntilTheCalibrationHasItsSamples() {
    List<Bar> bars = bars();
    RegimeSettings s = calibrated();
    RegimeDetector d = new RegimeDetector(s);
    RegimeDetector absolute = new RegimeDetector(RegimeSettings.defaults());
    assertEquals(absolute.warmUpBars(), d.warmUpBars(), "the calibration does not delay the first reading");
    int calibrated = d.calibratedAfterBars();
    assertEquals(2 * 20 + (50 - 1) * 5, calibrated);
    for (int i = 0; i < calibrated; i++) {
      assertEquals(absolute.update(bars.get(i)), d.update(bars.get(i)), "bar " + i + " before the calibration has its samples");
      assertEquals(s.crisisVolatility(), d.crisisThreshold());
    }
    d.update(bars.get(calibrated));
    assertTrue(d.crisisThreshold() != s.crisisVolatility() && d.crisisThreshold() > d.volatileThreshold(), "calibrated from bar " + calibrated);
  }
}
