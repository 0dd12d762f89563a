package io.troupe.indicator;

import io.troupe.market.Bar;

/**
 * OBV as TA-Lib: starts at the first bar's volume, then adds the volume on an up close and subtracts it on a down
 * close (ta4j starts at 0 instead, a constant offset). Bars without volume (NaN) make it NaN from then on.
 */
public final class OnBalanceVolume implements Indicator {
  private boolean started;
  private double previousClose;
  private double value = Double.NaN;

  @Override
  public void update(Bar bar) {
    double close = bar.close();
    if (!started) {
      started = true;
      value = bar.volume();
    } else if (close > previousClose) {
      value += bar.volume();
    } else if (close < previousClose) {
      value -= bar.volume();
    }
    previousClose = close;
  }

  @Override
  public boolean isWarm() {
    return started && !Double.isNaN(value);
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 1);
    return value;
  }

  @Override
  public String name() {
    return "obv";
  }
}
