package io.troupe.indicator;

import io.troupe.market.Bar;

/**
 * STOCH(fastK, slowK, slowD) as TA-Lib with SMA smoothing: fast %K = 100 * (close - lowest low) / (highest high -
 * lowest low) over fastK bars (0 when the range is 0), slow %K = SMA(slowK) of fast %K, %D = SMA(slowD) of slow %K.
 * Both lines first appear at index fastK+slowK+slowD-3, TA-Lib's first output. Lines: {@code k}, {@code d}.
 */
public final class Stochastic implements Indicator {
  public static final int K = 0;
  public static final int D = 1;
  private static final String[] LINES = {"k", "d"};

  private final int fastKPeriod;
  private final int slowKPeriod;
  private final int slowDPeriod;
  private final RollingExtremum highest;
  private final RollingExtremum lowest;
  private final SimpleMovingAverage slowK;
  private final SimpleMovingAverage slowD;

  public Stochastic(int fastKPeriod, int slowKPeriod, int slowDPeriod) {
    this.fastKPeriod = Periods.atLeast(fastKPeriod, 1, "stoch fast %K period");
    this.slowKPeriod = Periods.atLeast(slowKPeriod, 1, "stoch slow %K period");
    this.slowDPeriod = Periods.atLeast(slowDPeriod, 1, "stoch slow %D period");
    this.highest = new RollingExtremum(fastKPeriod, true);
    this.lowest = new RollingExtremum(fastKPeriod, false);
    this.slowK = new SimpleMovingAverage(slowKPeriod);
    this.slowD = new SimpleMovingAverage(slowDPeriod);
  }

  @Override
  public void update(Bar bar) {
    highest.add(bar.high());
    lowest.add(bar.low());
    if (!highest.isFull()) {
      return;
    }
    double low = lowest.value();
    double range = highest.value() - low;
    double fastK = range != 0 ? 100.0 * (bar.close() - low) / range : 0.0;
    slowK.update(fastK);
    if (slowK.isWarm()) {
      slowD.update(slowK.value());
    }
  }

  @Override
  public boolean isWarm() {
    return slowD.isWarm();
  }

  @Override
  public int lines() {
    return 2;
  }

  @Override
  public String lineName(int i) {
    SingleInputIndicator.checkLine(i, 2);
    return LINES[i];
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 2);
    if (!slowD.isWarm()) {
      return Double.NaN;
    }
    return line == K ? slowK.value() : slowD.value();
  }

  @Override
  public String name() {
    return "stoch(" + fastKPeriod + "," + slowKPeriod + "," + slowDPeriod + ")";
  }
}
