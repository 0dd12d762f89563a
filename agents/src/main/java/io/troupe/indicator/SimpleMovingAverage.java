package io.troupe.indicator;

/** SMA(n): mean of the last n inputs; first value at index n-1. */
public final class SimpleMovingAverage implements SingleInputIndicator {
  private final int period;
  private final RollingWindow window;

  public SimpleMovingAverage(int period) {
    this.period = Periods.atLeast(period, 1, "sma period");
    this.window = new RollingWindow(period);
  }

  @Override
  public void update(double x) {
    window.add(x);
  }

  @Override
  public boolean isWarm() {
    return window.isFull();
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 1);
    return window.isFull() ? window.sum() / period : Double.NaN;
  }

  @Override
  public String name() {
    return "sma(" + period + ")";
  }
}
