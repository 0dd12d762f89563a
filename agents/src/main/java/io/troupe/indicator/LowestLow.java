package io.troupe.indicator;

import io.troupe.market.Bar;

/** lowest(n): minimum of the last n lows (TA-Lib MIN over the low); first value at n-1. */
public final class LowestLow implements SingleInputIndicator {
  private final int period;
  private final RollingExtremum min;

  public LowestLow(int period) {
    this.period = Periods.atLeast(period, 1, "lowest period");
    this.min = new RollingExtremum(period, false);
  }

  @Override
  public void update(Bar bar) {
    update(bar.low());
  }

  @Override
  public void update(double x) {
    min.add(x);
  }

  @Override
  public boolean isWarm() {
    return min.isFull();
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 1);
    return min.isFull() ? min.value() : Double.NaN;
  }

  @Override
  public String name() {
    return "lowest(" + period + ")";
  }
}
