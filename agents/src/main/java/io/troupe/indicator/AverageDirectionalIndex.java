package io.troupe.indicator;

import io.troupe.market.Bar;

/**
 * ADX(n) with +DI and -DI, seeded exactly as TA-Lib's ADX/PLUS_DI/MINUS_DI: +DM, -DM and TR are summed over the
 * first n-1 bar-to-bar moves (bars 1..n-1), then Wilder-smoothed (s = s - s/n + x) from bar n, where the DI lines
 * start; DX from bar n; ADX first at bar 2n-1 as the mean of the n DX values of bars n..2n-1, then Wilder-smoothed.
 * Lines: {@code adx}, {@code plus_di}, {@code minus_di}. The DI lines have values from bar n, ADX from bar 2n-1;
 * {@link #isWarm()} means all three.
 */
public final class AverageDirectionalIndex implements Indicator {
  public static final int ADX = 0;
  public static final int PLUS_DI = 1;
  public static final int MINUS_DI = 2;
  private static final String[] LINES = {"adx", "plus_di", "minus_di"};

  private final int period;
  private int bar = -1;
  private double previousHigh;
  private double previousLow;
  private double previousClose;
  private double plusDm;
  private double minusDm;
  private double trueRange;
  private double dxSum;
  private double plusDi = Double.NaN;
  private double minusDi = Double.NaN;
  private double adx = Double.NaN;

  public AverageDirectionalIndex(int period) {
    this.period = Periods.atLeast(period, 2, "adx period");
  }

  @Override
  public void update(Bar b) {
    bar++;
    double high = b.high();
    double low = b.low();
    if (bar > 0) {
      double up = high - previousHigh;
      double down = previousLow - low;
      // TA-Lib: only the larger positive move counts; equal moves count for neither side.
      double plus = up > 0 && up > down ? up : 0;
      double minus = down > 0 && down > up ? down : 0;
      double tr = TrueRange.of(high, low, previousClose);
      if (bar < period) {
        plusDm += plus;
        minusDm += minus;
        trueRange += tr;
      } else {
        plusDm = plusDm - plusDm / period + plus;
        minusDm = minusDm - minusDm / period + minus;
        trueRange = trueRange - trueRange / period + tr;
        updateLines();
      }
    }
    previousHigh = high;
    previousLow = low;
    previousClose = b.close();
  }

  private void updateLines() {
    boolean hasDx = false;
    double dx = 0;
    if (trueRange != 0) {
      plusDi = 100.0 * plusDm / trueRange;
      minusDi = 100.0 * minusDm / trueRange;
      double diSum = plusDi + minusDi;
      if (diSum != 0) {
        dx = 100.0 * Math.abs(minusDi - plusDi) / diSum;
        hasDx = true;
      }
    } else {
      // TA-Lib's PLUS_DI/MINUS_DI print 0 when the smoothed true range is 0; ADX keeps its previous value.
      plusDi = 0;
      minusDi = 0;
    }
    int lastSeedBar = 2 * period - 1;
    if (bar < lastSeedBar) {
      if (hasDx) {
        dxSum += dx;
      }
    } else if (bar == lastSeedBar) {
      if (hasDx) {
        dxSum += dx;
      }
      adx = dxSum / period;
    } else if (hasDx) {
      adx = (adx * (period - 1) + dx) / period;
    }
  }

  @Override
  public boolean isWarm() {
    return bar >= 2 * period - 1;
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
    return switch (line) {
      case ADX -> adx;
      case PLUS_DI -> plusDi;
      default -> minusDi;
    };
  }

  @Override
  public String name() {
    return "adx(" + period + ")";
  }
}
