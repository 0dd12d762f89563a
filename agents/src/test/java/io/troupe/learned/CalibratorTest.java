package io.troupe.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibratorTest {

  @Test
  void isotonicPoolsAdjacentViolators() {
    // Outcomes 0,1,0,1,1 at raw .1 .. .5: the 1,0 at .2,.3 pool to 0.5 at their mean .25.
    Calibrator.Isotonic iso = Calibrator.Isotonic.fit(new double[] {0.3, 0.1, 0.5, 0.2, 0.4}, new int[] {0, 0, 1, 1, 1});
    assertArrayEquals(new double[] {0.1, 0.25, 0.4, 0.5}, iso.x(), 1e-12);
    // Each step shrunk by one pseudo-observation: (0 + .5) / 2, (1 + .5) / 3, (1 + .5) / 2, (1 + .5) / 2.
    assertArrayEquals(new double[] {0.25, 0.5, 0.75, 0.75}, iso.y(), 1e-12);
    assertEquals(0.25, iso.apply(0.0), 1e-12);
    assertEquals(0.5 + (0.75 - 0.5) * (0.3 - 0.25) / (0.4 - 0.25), iso.apply(0.3), 1e-12);
    for (double p = 0; p <= 1; p += 0.01) assertTrue(iso.apply(p) <= iso.apply(p + 0.01) + 1e-12, "non-decreasing at " + p);
  }

  /** Raw probabilities that are overconfident (true p = sigmoid(logit(raw) / 3)): both calibrators bring the error down. */
  @Test
  void bothCalibratorsRepairAnOverconfidentModel() {
    Random r = new Random(9);
    int n = 20_000;
    double[] raw = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      raw[i] = Calibrator.sigmoid(3 * r.nextGaussian());
      y[i] = r.nextDouble() < Calibrator.sigmoid(Calibrator.logit(raw[i]) / 3) ? 1 : 0;
    }
    Reliability before = new Reliability();
    for (int i = 0; i < n; i++) before.add(raw[i], y[i]);
    Calibrator.Platt platt = Calibrator.Platt.fit(raw, y);
    assertEquals(1.0 / 3, platt.a(), 0.03, "Platt finds the slope");
    assertEquals(0, platt.b(), 0.03);
    Calibrator iso = Calibrator.Isotonic.fit(raw, y);
    for (Calibrator c : new Calibrator[] {platt, iso}) {
      Reliability after = new Reliability();
      for (int i = 0; i < n; i++) after.add(c.apply(raw[i]), y[i]);
      assertTrue(after.expectedCalibrationError() < 0.3 * before.expectedCalibrationError(), c + ": " + after.expectedCalibrationError() + " vs " + before.expectedCalibrationError());
      assertTrue(after.logLoss() < before.logLoss());
    }
  }

  @Test
  void theReliabilityTableCountsEachPredictionInItsBin() {
    Reliability r = new Reliability();
    r.add(0.05, 0);
    r.add(0.15, 1);
    r.add(0.95, 1);
    r.add(1.0, 0);
    assertEquals(1, r.bins().get(0).count());
    assertEquals(1, r.bins().get(1).count());
    assertEquals(2, r.bins().get(9).count());
    assertEquals(0.975, r.bins().get(9).meanPredicted(), 1e-12);
    assertEquals(0.5, r.bins().get(9).observed(), 1e-12);
    assertEquals(0.5, r.accuracy(), 1e-12);
    assertEquals(0.5, r.baseRate(), 1e-12);
  }
}
