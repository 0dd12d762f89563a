package io.troupe.indicator;

import io.troupe.market.Bar;

/** highest(n): maximum of the last n highs (TA-Lib MAX over the high); first value at n-1. */
public final class HighestHigh implements SingleInputIndicator {
  private final int period;
  private final RollingExtremum max;

  public HighestHigh(int period) {
    this.period = Periods.atLeast(period, 1, "highest period");
    this.max = new RollingExtremum(period, true);
  }

  @Override
  public void update(Bar bar) {
    update(bar.high());
  }

  @Override
  public void update(double x) {
    max.add(x);
  }

  @Override
  public boolean isWarm() {
    return max.isFull();
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 1);
    return max.isFull() ? max.value() : Double.NaN;
  }

  @Override
  public String name() {
    return "highest(" + period + ")";
  }
}
