package io.troupe.indicator;

/**
 * The last {@code capacity} values in a preallocated ring buffer, with their running sum. The sum is recomputed
 * exactly each time the ring wraps, so rounding error cannot accumulate over long runs; that costs O(capacity)
 * once per capacity values, O(1) amortised.
 */
final class RollingWindow {
  private final double[] values;
  private int next;
  private int count;
  private double sum;

  RollingWindow(int capacity) {
    this.values = new double[Periods.atLeast(capacity, 1, "window")];
  }

  /** Adds {@code x}; returns the value that dropped out, or NaN while the window was not yet full. */
  double add(double x) {
    double evicted = Double.NaN;
    if (count == values.length) {
      evicted = values[next];
      sum -= evicted;
    } else {
      count++;
    }
    values[next] = x;
    sum += x;
    next++;
    if (next == values.length) {
      next = 0;
      recomputeSum();
    }
    return evicted;
  }

  private void recomputeSum() {
    double s = 0;
    for (int i = 0; i < count; i++) {
      s += values[i];
    }
    sum = s;
  }

  boolean isFull() {
    return count == values.length;
  }

  int size() {
    return count;
  }

  int capacity() {
    return values.length;
  }

  double sum() {
    return sum;
  }

  /** The i-th value from the oldest (0) to the newest (size-1). */
  double get(int i) {
    int start = count == values.length ? next : 0;
    int idx = start + i;
    return values[idx >= values.length ? idx - values.length : idx];
  }

  /** The oldest value kept. */
  double oldest() {
    return get(0);
  }
}
