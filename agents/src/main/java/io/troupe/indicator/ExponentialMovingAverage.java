package io.troupe.indicator;

/**
 * EMA(n) as TA-Lib: k = 2/(n+1), seeded with the SMA of the first n inputs, so the first value is at index n-1
 * (ta4j instead seeds with the first input).
 */
public final class ExponentialMovingAverage implements SingleInputIndicator {
  private final int period;
  private final double k;
  private int count;
  private double seedSum;
  private double value = Double.NaN;

  public ExponentialMovingAverage(int period) {
    this.period = Periods.atLeast(period, 1, "ema period");
    this.k = 2.0 / (period + 1);
  }

  @Override
  public void update(double x) {
    if (count < period) {
      count++;
      seedSum += x;
      if (count == period) {
        value = seedSum / period;
      }
    } else {
      value = (x - value) * k + value;
    }
  }

  @Override
  public boolean isWarm() {
    return count >= period;
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 1);
    return value;
  }

  @Override
  public String name() {
    return "ema(" + period + ")";
  }
}
