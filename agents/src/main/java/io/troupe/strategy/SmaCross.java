package io.troupe.strategy;

import io.troupe.indicator.SimpleMovingAverage;
import io.troupe.market.Bar;

/** Long when the close crosses above SMA(period); flat when it crosses below. */
public final class SmaCross implements Strategy {
  private final int period;
  private final SimpleMovingAverage sma;
  private final CrossDetector cross = new CrossDetector();
  /** Made once: every signal carries it. */
  private final String name;

  public SmaCross(int period) {
    this.period = period;
    this.name = "sma-cross(" + period + ")";
    this.sma = new SimpleMovingAverage(period);
  }

  @Override
  public java.util.List<String> indicators() {
    return java.util.List.of("sma(" + period + ")");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int warmUpBars() {
    return period;
  }

  @Override
  public Signal onBar(Bar bar) {
    sma.update(bar.close());
    if (!sma.isWarm()) return null;
    int c = cross.update(bar.close() - sma.value());
    if (c == 0) return null;
    return Signal.of(bar.symbol(), bar.time(), c > 0 ? Direction.LONG : Direction.FLAT, name());
  }
}
