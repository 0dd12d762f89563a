package io.troupe.indicator;

import io.troupe.market.Bar;

/**
 * MACD(fast, slow, signal) as TA-Lib's TA_MACD: both EMAs are SMA-seeded so that their first values fall on the same
 * bar, slow-1 (the fast EMA is therefore started at bar slow-fast, as TA-Lib does); macd = fast - slow; the signal is
 * an EMA(signal) of macd seeded with the SMA of its first {@code signal} values; hist = macd - signal. All three lines
 * first appear at index slow+signal-2 (33 for 12/26/9), TA-Lib's first output. Lines: {@code macd}, {@code signal},
 * {@code hist}.
 */
public final class Macd implements Indicator {
  public static final int MACD = 0;
  public static final int SIGNAL = 1;
  public static final int HIST = 2;
  private static final String[] LINES = {"macd", "signal", "hist"};

  private final int fastPeriod;
  private final int slowPeriod;
  private final int signalPeriod;
  private final ExponentialMovingAverage fast;
  private final ExponentialMovingAverage slow;
  private final ExponentialMovingAverage signal;
  private int bar = -1;
  private double macd = Double.NaN;

  public Macd(int fastPeriod, int slowPeriod, int signalPeriod) {
    this.fastPeriod = Periods.atLeast(fastPeriod, 1, "macd fast period");
    this.slowPeriod = Periods.atLeast(slowPeriod, 2, "macd slow period");
    this.signalPeriod = Periods.atLeast(signalPeriod, 1, "macd signal period");
    if (fastPeriod >= slowPeriod) {
      throw new IllegalArgumentException("macd fast period must be < slow period");
    }
    this.fast = new ExponentialMovingAverage(fastPeriod);
    this.slow = new ExponentialMovingAverage(slowPeriod);
    this.signal = new ExponentialMovingAverage(signalPeriod);
  }

  public void update(double x) {
    bar++;
    slow.update(x);
    if (bar >= slowPeriod - fastPeriod) {
      fast.update(x);
    }
    if (slow.isWarm()) {
      double line = fast.value() - slow.value();
      signal.update(line);
      macd = line;
    }
  }

  @Override
  public void update(Bar b) {
    update(b.close());
  }

  @Override
  public boolean isWarm() {
    return signal.isWarm();
  }

  @Override
  public int lines() {
    return 3;
  }

  @Override
  public String lineName(int i) {
    SingleInputIndicator.checkLine(i, 3);
    return LINES[i];
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 3);
    if (!signal.isWarm()) {
      return Double.NaN;
    }
    return switch (line) {
      case MACD -> macd;
      case SIGNAL -> signal.value();
      default -> macd - signal.value();
    };
  }

  @Override
  public String name() {
    return "macd(" + fastPeriod + "," + slowPeriod + "," + signalPeriod + ")";
  }
}
