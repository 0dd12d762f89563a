package io.troupe.indicator;

/** STDDEV(n) as TA-Lib with nbdev 1: population standard deviation of the last n inputs; first value at n-1. */
public final class StandardDeviation implements SingleInputIndicator {
  private final int period;
  private final RollingMoments moments;

  public StandardDeviation(int period) {
    this.period = Periods.atLeast(period, 1, "stddev period");
    this.moments = new RollingMoments(period);
  }

  @Override
  public void update(double x) {
    moments.add(x);
  }

  @Override
  public boolean isWarm() {
    return moments.isFull();
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 1);
    return moments.isFull() ? Math.sqrt(moments.populationVariance()) : Double.NaN;
  }

  @Override
  public String name() {
    return "stddev(" + period + ")";
  }
}
