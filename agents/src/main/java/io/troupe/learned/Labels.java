package io.troupe.learned;

/**
 * The label of the bar at {@code i} of a series of closes, highs and lows, from the {@code horizon} bars after it
 * ({@link LearnedSpec.Label}). It reads bars {@code i+1 .. i+horizon} only, so it is known once bar {@code i+horizon}
 * has closed, and not before: training at bar {@code t} uses the rows {@code i <= t - horizon}.
 */
public final class Labels {
  private Labels() {}

  /** 1 or 0; the series must hold bar {@code i + horizon}. */
  public static int label(LearnedSettings s, double[] close, double[] high, double[] low, int i) {
    int h = s.horizon();
    double c = close[i];
    if (s.spec().label() == LearnedSpec.Label.FORWARD_RETURN) return close[i + h] > c ? 1 : 0;
    double target = c * (1 + s.targetPct() / 100);
    double stop = c * (1 - s.stopPct() / 100);
    for (int k = i + 1; k <= i + h; k++) {
      // Within one bar the order of high and low is unknown: the stop is taken as first, the cautious reading.
      if (low[k] <= stop) return 0;
      if (high[k] >= target) return 1;
    }
    return close[i + h] > c ? 1 : 0;
  }
}
