package io.troupe.indicator;

import io.troupe.market.Bar;
import java.util.Arrays;

/**
 * rvol(n[, barsPerYear]): annualised realised volatility in percent,
 * {@code sampleStdDev(last n log returns of the close) * sqrt(barsPerYear) * 100}. First value at index n (n returns
 * need n+1 closes).
 *
 * <p>Annualisation: when {@code barsPerYear} is not given it is derived from the bar spacing as
 * {@code 365 days / median step}, the median taken over the n time steps seen during warm-up (robust to a missing
 * bar). Crypto trades every day, hence 365 days: 1-minute bars give 525,600 bars per year, 5-minute bars 105,120,
 * daily bars 365. For equities on daily bars pass 252 explicitly.
 */
public final class RealizedVolatility implements Indicator {
  public static final double MILLIS_PER_YEAR = 365.0 * 24 * 60 * 60 * 1000;

  private final int period;
  private final double explicitBarsPerYear;
  private final RollingMoments returns;
  private final long[] steps;
  private int stepCount;
  private boolean started;
  private double previousClose;
  private long previousTime;
  private double barsPerYear = Double.NaN;

  /** Derives bars per year from the bar spacing. */
  public RealizedVolatility(int period) {
    this(period, Double.NaN);
  }

  /** Uses the given bars per year (NaN: derive from the bar spacing). */
  public RealizedVolatility(int period, double barsPerYear) {
    this.period = Periods.atLeast(period, 2, "rvol period");
    if (!Double.isNaN(barsPerYear) && !(barsPerYear > 0 && barsPerYear < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("rvol barsPerYear must be > 0, got " + barsPerYear);
    }
    this.explicitBarsPerYear = barsPerYear;
    this.returns = new RollingMoments(period);
    this.steps = new long[period];
  }

  @Override
  public void update(Bar bar) {
    double close = bar.close();
    if (started) {
      returns.add(Math.log(close / previousClose));
      if (stepCount < steps.length) {
        steps[stepCount++] = bar.time() - previousTime;
        if (stepCount == steps.length) {
          barsPerYear = Double.isNaN(explicitBarsPerYear) ? fromMedianStep() : explicitBarsPerYear;
        }
      }
    }
    started = true;
    previousClose = close;
    previousTime = bar.time();
  }

  private double fromMedianStep() {
    // Once per instance, in place on a preallocated array.
    Arrays.sort(steps);
    int n = steps.length;
    double median = n % 2 == 1 ? steps[n / 2] : (steps[n / 2 - 1] + steps[n / 2]) / 2.0;
    return median > 0 ? MILLIS_PER_YEAR / median : Double.NaN;
  }

  /** The annualisation factor in use (NaN until warm). */
  public double barsPerYear() {
    return barsPerYear;
  }

  @Override
  public boolean isWarm() {
    return returns.isFull();
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 1);
    if (!returns.isFull()) {
      return Double.NaN;
    }
    return Math.sqrt(returns.sampleVariance()) * Math.sqrt(barsPerYear) * 100.0;
  }

  @Override
  public String name() {
    return Double.isNaN(explicitBarsPerYear)
        ? "rvol(" + period + ")"
        : "rvol(" + period + "," + Periods.format(explicitBarsPerYear) + ")";
  }
}
