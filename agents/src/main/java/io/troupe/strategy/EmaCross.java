package io.troupe.strategy;

import io.troupe.indicator.ExponentialMovingAverage;
import io.troupe.market.Bar;

/** Trend following: long when EMA(fast) crosses above EMA(slow); flat when it crosses below. */
public final class EmaCross implements Strategy {
  private final int fastPeriod;
  private final int slowPeriod;
  private final ExponentialMovingAverage fast;
  private final ExponentialMovingAverage slow;
  private final CrossDetector cross = new CrossDetector();
  /** Made once: every signal carries it. */
  private final String name;

  public EmaCross(int fastPeriod, int slowPeriod) {
    this.fastPeriod = fastPeriod;
    this.slowPeriod = slowPeriod;
    this.name = "ema-cross(" + fastPeriod + "," + slowPeriod + ")";
    this.fast = new ExponentialMovingAverage(fastPeriod);
    this.slow = new ExponentialMovingAverage(slowPeriod);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public java.util.List<String> indicators() {
    return java.util.List.of("ema(" + fastPeriod + ")", "ema(" + slowPeriod + ")");
  }

  @Override
  public int warmUpBars() {
    return slowPeriod;
  }

  @Override
  public Signal onBar(Bar bar) {
    fast.update(bar.close());
    slow.update(bar.close());
    if (!slow.isWarm() || !fast.isWarm()) return null;
    int c = cross.update(fast.value() - slow.value());
    if (c == 0) return null;
    return Signal.of(bar.symbol(), bar.time(), c > 0 ? Direction.LONG : Direction.FLAT, name());
  }
}
