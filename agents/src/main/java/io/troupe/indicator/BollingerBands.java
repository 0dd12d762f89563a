package io.troupe.indicator;

import io.troupe.market.Bar;

/**
 * BBANDS(n, k) as TA-Lib with an SMA middle band: middle = SMA(n), upper/lower = middle +/- k * population standard
 * deviation of the same n closes. First value at index n-1. Lines: {@code upper}, {@code middle}, {@code lower}.
 */
public final class BollingerBands implements Indicator {
  public static final int UPPER = 0;
  public static final int MIDDLE = 1;
  public static final int LOWER = 2;
  private static final String[] LINES = {"upper", "middle", "lower"};

  private final int period;
  private final double deviations;
  private final RollingMoments moments;

  public BollingerBands(int period, double deviations) {
    this.period = Periods.atLeast(period, 1, "bbands period");
    if (!(deviations >= 0) || Double.isInfinite(deviations)) {
      throw new IllegalArgumentException("bbands deviations must be a finite number >= 0, got " + deviations);
    }
    this.deviations = deviations;
    this.moments = new RollingMoments(period);
  }

  public void update(double x) {
    moments.add(x);
  }

  @Override
  public void update(Bar bar) {
    update(bar.close());
  }

  @Override
  public boolean isWarm() {
    return moments.isFull();
  }

  @Override
  public int lines() {
    return 3;
  }

  @Override
  public String lineName(int i) {
    SingleInputIndicator.checkLine(i, 3);
    return LINES[i];
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 3);
    if (!moments.isFull()) {
      return Double.NaN;
    }
    double middle = moments.mean();
    if (line == MIDDLE) {
      return middle;
    }
    double width = deviations * Math.sqrt(moments.populationVariance());
    return line == UPPER ? middle + width : middle - width;
  }

  @Override
  public String name() {
    return "bbands(" + period + "," + Periods.format(deviations) + ")";
  }
}
