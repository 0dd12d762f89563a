package io.troupe.indicator;

import io.troupe.market.Bar;

/**
 * VWAP from the typical price (high+low+close)/3 weighted by volume: cumulative from the first bar ({@code vwap}), or
 * over the last n bars ({@code vwap(n)}, first value at n-1). NaN while the summed volume is 0; bars without volume
 * (NaN) make it NaN. No session reset.
 */
public final class Vwap implements Indicator {
  private final int period; // 0 = cumulative
  private final RollingWindow priceVolume;
  private final RollingWindow volume;
  private double cumulativePriceVolume;
  private double cumulativeVolume;
  private boolean started;

  /** Cumulative VWAP. */
  public Vwap() {
    this.period = 0;
    this.priceVolume = null;
    this.volume = null;
  }

  /** Rolling VWAP over the last {@code period} bars. */
  public Vwap(int period) {
    this.period = Periods.atLeast(period, 1, "vwap period");
    this.priceVolume = new RollingWindow(period);
    this.volume = new RollingWindow(period);
  }

  @Override
  public void update(Bar bar) {
    started = true;
    double typical = (bar.high() + bar.low() + bar.close()) / 3.0;
    double v = bar.volume();
    if (period == 0) {
      cumulativePriceVolume += typical * v;
      cumulativeVolume += v;
    } else {
      priceVolume.add(typical * v);
      volume.add(v);
    }
  }

  private double current() {
    if (period == 0) {
      return started && cumulativeVolume != 0 ? cumulativePriceVolume / cumulativeVolume : Double.NaN;
    }
    return volume.isFull() && volume.sum() != 0 ? priceVolume.sum() / volume.sum() : Double.NaN;
  }

  @Override
  public boolean isWarm() {
    return !Double.isNaN(current());
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 1);
    return current();
  }

  @Override
  public String name() {
    return period == 0 ? "vwap" : "vwap(" + period + ")";
  }
}
