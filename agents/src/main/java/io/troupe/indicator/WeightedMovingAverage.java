package io.troupe.indicator;

/** WMA(n) as TA-Lib: linear weights 1..n, the newest input weighing n; first value at index n-1. */
public final class WeightedMovingAverage implements SingleInputIndicator {
  private final int period;
  private final double divisor;
  private final RollingWindow window;
  private double weightedSum;
  private int sinceRecompute;

  public WeightedMovingAverage(int period) {
    this.period = Periods.atLeast(period, 1, "wma period");
    this.divisor = period * (period + 1) / 2.0;
    this.window = new RollingWindow(period);
  }

  @Override
  public void update(double x) {
    if (window.isFull()) {
      // Every kept value loses one weight unit (the evicted one had weight 1); the new one enters with weight n.
      double sumBefore = window.sum();
      window.add(x);
      weightedSum += period * x - sumBefore;
      // Recompute exactly once per period so rounding error cannot accumulate (O(1) amortised).
      if (++sinceRecompute == period) {
        sinceRecompute = 0;
        recompute();
      }
    } else {
      window.add(x);
      weightedSum += window.size() * x;
    }
  }

  private void recompute() {
    double w = 0;
    for (int i = 0; i < period; i++) {
      w += (i + 1) * window.get(i);
    }
    weightedSum = w;
  }

  @Override
  public boolean isWarm() {
    return window.isFull();
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 1);
    return window.isFull() ? weightedSum / divisor : Double.NaN;
  }

  @Override
  public String name() {
    return "wma(" + period + ")";
  }
}
