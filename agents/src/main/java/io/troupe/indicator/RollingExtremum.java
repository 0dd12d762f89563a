package io.troupe.indicator;

/**
 * Maximum (or minimum) of the last {@code n} values with a monotonic deque kept in preallocated primitive arrays:
 * O(1) amortised per value, no allocation.
 */
final class RollingExtremum {
  private final int period;
  private final boolean max;
  // Deque of (sequence number, value), candidates in decreasing (max) or increasing (min) order.
  private final long[] seqs;
  private final double[] vals;
  private int head;
  private int size;
  private long seq;

  RollingExtremum(int period, boolean max) {
    this.period = Periods.atLeast(period, 1, "period");
    this.max = max;
    this.seqs = new long[period];
    this.vals = new double[period];
  }

  void add(double x) {
    // Drop candidates dominated by x from the back.
    while (size > 0) {
      int back = index(size - 1);
      if (max ? vals[back] <= x : vals[back] >= x) {
        size--;
      } else {
        break;
      }
    }
    // Drop the front if it left the window.
    if (size > 0 && seqs[head] <= seq - period) {
      head = index(1);
      size--;
    }
    int slot = index(size);
    seqs[slot] = seq;
    vals[slot] = x;
    size++;
    seq++;
  }

  private int index(int offset) {
    int i = head + offset;
    return i >= period ? i - period : i;
  }

  boolean isFull() {
    return seq >= period;
  }

  double value() {
    return size == 0 ? Double.NaN : vals[head];
  }
}
