package io.troupe.indicator;

/**
 * Mean and variance of the last {@code n} values, updated in O(1) with the sliding form of Welford's recurrence
 * (stable where the naive sum of squares cancels, e.g. BTC prices near 50,000 with 1-minute moves of a few dollars).
 * The moments are recomputed exactly by two passes each time the ring wraps, so drift cannot build up.
 */
final class RollingMoments {
  private final double[] values;
  private int next;
  private int count;
  private double mean;
  private double m2;

  RollingMoments(int n) {
    this.values = new double[Periods.atLeast(n, 1, "period")];
  }

  void add(double x) {
    int n = values.length;
    if (count < n) {
      count++;
      double delta = x - mean;
      mean += delta / count;
      m2 += delta * (x - mean);
    } else {
      double old = values[next];
      double newMean = mean + (x - old) / n;
      m2 += (x - old) * (x - newMean + old - mean);
      mean = newMean;
    }
    values[next] = x;
    next++;
    if (next == n) {
      next = 0;
      recompute();
    }
    if (m2 < 0) {
      m2 = 0;
    }
  }

  private void recompute() {
    double s = 0;
    for (int i = 0; i < count; i++) {
      s += values[i];
    }
    double m = s / count;
    double q = 0;
    for (int i = 0; i < count; i++) {
      double d = values[i] - m;
      q += d * d;
    }
    mean = m;
    m2 = q;
  }

  boolean isFull() {
    return count == values.length;
  }

  int size() {
    return count;
  }

  double mean() {
    return mean;
  }

  /** Population variance (divide by n), as TA-Lib's VAR/STDDEV/BBANDS. */
  double populationVariance() {
    return m2 / count;
  }

  /** Sample variance (divide by n-1). */
  double sampleVariance() {
    return m2 / (count - 1);
  }
}
