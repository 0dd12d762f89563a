package io.troupe.indicator;

import io.troupe.market.Bar;

/** TRANGE: max(high-low, |high-prevClose|, |low-prevClose|); undefined on the first bar, as TA-Lib. */
public final class TrueRange implements Indicator {
  private boolean started;
  private double previousClose;
  private double value = Double.NaN;

  static double of(double high, double low, double previousClose) {
    double range = high - low;
    double up = Math.abs(high - previousClose);
    double down = Math.abs(low - previousClose);
    return Math.max(range, Math.max(up, down));
  }

  @Override
  public void update(Bar bar) {
    if (started) {
      value = of(bar.high(), bar.low(), previousClose);
    }
    started = true;
    previousClose = bar.close();
  }

  @Override
  public boolean isWarm() {
    return !Double.isNaN(value);
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 1);
    return value;
  }

  @Override
  public String name() {
    return "trange";
  }
}
