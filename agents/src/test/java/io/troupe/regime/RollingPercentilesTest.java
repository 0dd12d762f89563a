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

  /**
   * A full window replaces its oldest value with one shift: the same array, bit for bit, as removing the oldest and
   * then inserting the new value after every kept value <= it (ties and both zeros included).
   */
  @Test
  void replacingTheOldestLeavesTheArrayARemovalThenAnInsertionWould() {
    SplittableRandom random = new SplittableRandom(11);
    int capacity = 40;
    RollingPercentiles rolling = new RollingPercentiles(capacity);
    ArrayDeque<Double> window = new ArrayDeque<>();
    double[] sorted = new double[0];
    for (int i = 0; i < 5_000; i++) {
      int kind = random.nextInt(4);
      double v = kind == 0 ? random.nextInt(8) : kind == 1 ? (random.nextBoolean() ? 0.0 : -0.0) : random.nextDouble() * 10 - 5;
      if (window.size() == capacity) sorted = removeOne(sorted, window.removeFirst());
      sorted = insertAfterEqual(sorted, v);
      window.addLast(v);
      rolling.add(v);
      double[] got = rolling.sortedValues();
      assertEquals(sorted.length, got.length);
      for (int k = 0; k < got.length; k++) {
        assertEquals(Double.doubleToRawLongBits(sorted[k]), Double.doubleToRawLongBits(got[k]), "step " + i + ", index " + k);
      }
    }
  }

  /**
   * A window of many blocks (blocks split and merge as values come and go, ties and both zeros included): the same
   * values, bit for bit and in the same order, as one sorted array, and the same percentiles.
   */
  @Test
  void aWindowOfManyBlocksKeepsTheOrderOfOneSortedArray() {
    SplittableRandom random = new SplittableRandom(13);
    int capacity = 700;
    RollingPercentiles rolling = new RollingPercentiles(capacity);
    ArrayDeque<Double> window = new ArrayDeque<>();
    double[] sorted = new double[0];
    for (int i = 0; i < 12_000; i++) {
      int kind = random.nextInt(5);
      // Runs of rising and falling values too, so one end of the order takes every insertion for a while.
      double v = kind == 0 ? random.nextInt(8) : kind == 1 ? (random.nextBoolean() ? 0.0 : -0.0)
          : kind == 2 ? (i / 500 % 2 == 0 ? i : -i) : random.nextDouble() * 10 - 5;
      if (window.size() == capacity) sorted = removeOne(sorted, window.removeFirst());
      sorted = insertAfterEqual(sorted, v);
      window.addLast(v);
      rolling.add(v);
      if (i % 7 != 0 && i < 11_000) continue;
      double[] got = rolling.sortedValues();
      assertEquals(sorted.length, got.length);
      for (int k = 0; k < got.length; k++) {
        assertEquals(Double.doubleToRawLongBits(sorted[k]), Double.doubleToRawLongBits(got[k]), "step " + i + ", index " + k);
      }
      for (double p : new double[] {1, 10, 50, 70, 90, 99, 100}) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        long expected = Double.doubleToRawLongBits(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))]);
        assertEquals(expected, Double.doubleToRawLongBits(rolling.percentile(p)), "step " + i + ", p" + p);
        // Asked again before the next add: the same answer (the last two are kept).
        assertEquals(expected, Double.doubleToRawLongBits(rolling.percentile(p)), "step " + i + ", p" + p + " again");
      }
    }
  }

  /** Removes the first index holding a value == v (the lower bound of v). */
  private static double[] removeOne(double[] a, double v) {
    int at = 0;
    while (a[at] < v) at++;
    double[] out = new double[a.length - 1];
    System.arraycopy(a, 0, out, 0, at);
    System.arraycopy(a, at + 1, out, at, a.length - at - 1);
    return out;
  }

  private static double[] insertAfterEqual(double[] a, double v) {
    int at = 0;
    while (at < a.length && a[at] <= v) at++;
    double[] out = new double[a.length + 1];
    System.arraycopy(a, 0, out, 0, at);
    out[at] = v;
    System.arraycopy(a, at, out, at + 1, a.length - at);
    return out;
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
