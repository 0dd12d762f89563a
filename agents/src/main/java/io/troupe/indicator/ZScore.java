package io.troupe.indicator;

/**
 * zscore(n) = (x - SMA(n)) / STDDEV(n), population deviation over the same n inputs including the current one;
 * 0 when the window is flat. First value at n-1.
 */
public final class ZScore implements SingleInputIndicator {
  private final int period;
  private final RollingMoments moments;
  private double last;

  public ZScore(int period) {
    this.period = Periods.atLeast(period, 1, "zscore period");
    this.moments = new RollingMoments(period);
  }

  @Override
  public void update(double x) {
    moments.add(x);
    last = x;
  }

  @Override
  public boolean isWarm() {
    return moments.isFull();
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 1);
    if (!moments.isFull()) {
      return Double.NaN;
    }
    double sd = Math.sqrt(moments.populationVariance());
    return sd != 0 ? (last - moments.mean()) / sd : 0.0;
  }

  @Override
  public String name() {
    return "zscore(" + period + ")";
  }
}
