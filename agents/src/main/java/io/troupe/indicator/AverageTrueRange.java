package io.troupe.indicator;

import io.troupe.market.Bar;

/**
 * ATR(n) as TA-Lib: true range from bar 1; the first value, at index n, is the SMA of the first n true ranges, then
 * Wilder smoothing atr = (atr*(n-1) + tr)/n.
 */
public final class AverageTrueRange implements Indicator {
  private final int period;
  private final TrueRange trueRange = new TrueRange();
  private int ranges;
  private double value = Double.NaN;
  private double seedSum;

  public AverageTrueRange(int period) {
    this.period = Periods.atLeast(period, 1, "atr period");
  }

  @Override
  public void update(Bar bar) {
    trueRange.update(bar);
    if (!trueRange.isWarm()) {
      return;
    }
    double tr = trueRange.value();
    ranges++;
    if (ranges < period) {
      seedSum += tr;
    } else if (ranges == period) {
      value = (seedSum + tr) / period;
    } else {
      value = (value * (period - 1) + tr) / period;
    }
  }

  @Override
  public boolean isWarm() {
    return ranges >= period;
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 1);
    return value;
  }

  @Override
  public String name() {
    return "atr(" + period + ")";
  }
}
