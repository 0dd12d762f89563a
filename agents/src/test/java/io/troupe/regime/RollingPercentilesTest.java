package io.troupe.regime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The rolling percentiles against a reference that sorts a copy of the window at every step. */
class RollingPercentilesTest {

  static double reference(ArrayDeque<Double> window, double p) {
    double[] v = window.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int rank = (int) Math.ceil(p / 100.0 * v.length);
    return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
  }

  @Test
  void matchesASortedCopyOfTheWindowAtEveryStep() {
    SplittableRandom random = new SplittableRandom(7);
    RollingPercentiles rolling = new RollingPercentiles(50);
    ArrayDeque<Double> window = new ArrayDeque<>();
    for (int i = 0; i < 2_000; i++) {
      // Ties on purpose: whole numbers from a small range, so equal values leave and enter the window.
      double v = i % 3 == 0 ? random.nextInt(20) : random.nextDouble() * 100;
      rolling.add(v);
      window.addLast(v);
      if (window.size() > 50) window.removeFirst();
      assertEquals(window.size(), rolling.size());
      for (double p : new double[] {1, 10, 50, 70, 90, 99, 100}) assertEquals(reference(window, p), rolling.percentile(p), "step " + i + ", p" + p);
    }
  }

  @Test
  void nearestRankOnAKnownSet() {
    RollingPercentiles r = new RollingPercentiles(10);
    for (int v = 10; v >= 1; v--) r.add(v);
    assertEquals(9, r.percentile(90));
    assertEquals(5, r.percentile(50));
    assertEquals(1, r.percentile(5));
    assertEquals(10, r.percentile(100));
    r.add(Double.NaN);
    assertEquals(10, r.size(), "a NaN reading is not kept");
  }
}
