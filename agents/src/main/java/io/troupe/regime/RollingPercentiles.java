package io.troupe.regime;

/**
 * The last {@code capacity} values added, kept sorted as well, so a percentile is one array read. Adding costs a binary
 * search and one array shift of at most {@code capacity} doubles (the window is small and sampled, so this stays off
 * the per-bar cost that matters). Plain state, no actor: checkpointed with the detector that holds it.
 */
final class RollingPercentiles {
  private final double[] ring;
  private final double[] sorted;
  private int count;
  private int next;

  RollingPercentiles(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    this.ring = new double[capacity];
    this.sorted = new double[capacity];
  }

  int size() {
    return count;
  }

  void add(double v) {
    if (Double.isNaN(v)) return;
    if (count == ring.length) {
      // Full: the oldest value leaves and v comes in with one shift of the values between the two places, the same
      // array a removal and then an insertion would leave. v goes after every kept value <= v; the oldest is before
      // that place exactly when it is <= v, and then v's place moves down by one.
      int out = indexOf(ring[next]);
      int in = insertionPoint(v);
      if (out < in) {
        System.arraycopy(sorted, out + 1, sorted, out, in - 1 - out);
        sorted[in - 1] = v;
      } else {
        System.arraycopy(sorted, in, sorted, in + 1, out - in);
        sorted[in] = v;
      }
    } else {
      int at = insertionPoint(v);
      System.arraycopy(sorted, at, sorted, at + 1, count - at);
      sorted[at] = v;
      count++;
    }
    ring[next] = v;
    next = (next + 1) % ring.length;
  }

  /** The kept values in sorted order (for tests). */
  double[] sortedValues() {
    return java.util.Arrays.copyOf(sorted, count);
  }

  /**
   * The nearest-rank percentile (Hyndman and Fan's definition 1): the smallest kept value with at least {@code p}
   * percent of the kept values at or below it; NaN when nothing is kept.
   */
  double percentile(double p) {
    if (count == 0) return Double.NaN;
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
  }

  /** Where v goes in sorted order: after every kept value <= v. */
  private int insertionPoint(double v) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** An index holding v (it is kept: it is the oldest value of the ring). */
  private int indexOf(double v) {
    int lo = 0;
    int hi = count - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
