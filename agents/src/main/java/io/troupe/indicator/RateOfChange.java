package io.troupe.indicator;

/** ROC(n) as TA-Lib: ((x / x[n bars ago]) - 1) * 100, 0 if that past value is 0; first value at index n. */
public final class RateOfChange implements SingleInputIndicator {
  private final int period;
  private final RollingWindow window;
  private double value = Double.NaN;

  public RateOfChange(int period) {
    this.period = Periods.atLeast(period, 1, "roc period");
    this.window = new RollingWindow(period + 1);
  }

  @Override
  public void update(double x) {
    window.add(x);
    if (window.isFull()) {
      double past = window.oldest();
      value = past != 0 ? (x / past - 1.0) * 100.0 : 0.0;
    }
  }

  @Override
  public boolean isWarm() {
    return window.isFull();
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 1);
    return value;
  }

  @Override
  public String name() {
    return "roc(" + period + ")";
  }
}
