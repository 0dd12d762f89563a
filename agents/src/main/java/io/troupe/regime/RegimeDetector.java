package io.troupe.regime;

import io.troupe.indicator.AverageDirectionalIndex;
import io.troupe.indicator.AverageTrueRange;
import io.troupe.indicator.RealizedVolatility;
import io.troupe.indicator.SimpleMovingAverage;
import io.troupe.market.Bar;

/**
 * Classifies each bar of one symbol into a raw regime, incrementally (one instance per symbol, bars in time order).
 *
 * <p>Base regime, from the thresholds of {@link RegimeSettings} (first rule that holds):
 * <ol>
 *   <li>CRISIS when the volatility index (annualised realised volatility, percent) is above the crisis threshold;
 *   <li>VOLATILE when it is above the volatile threshold and ADX is below {@code volatileMaxAdx};
 *   <li>TRENDING when ADX is above {@code trendingMinAdx};
 *   <li>RANGING otherwise.
 * </ol>
 * The two volatility thresholds are {@code crisisVolatility} and {@code volatileVolatility} as written, or, with a
 * percentile {@link RegimeCalibration}, the symbol's own percentiles of the volatility index over its recent readings
 * (readings before this bar only), which makes the labels mean the same on a quiet index and on 1-minute crypto;
 * until the calibration has {@code min-samples} samples (about 4.7 hours of 1-minute bars), the thresholds as written.
 *
 * <p>Stress escalation: three signals of stress each count one: a volatility spike (ATR / SMA(ATR) above
 * {@code atrSpikeRatio}), a gap (|open - previous close| above {@code gapPct} percent), and a correlation spike across
 * symbols (from a {@link CorrelationMonitor}). One signal lifts the base regime to at least VOLATILE; two or more make it
 * CRISIS. Escalation never lowers a regime: a CRISIS stays CRISIS. Why: each of these is a sudden change the slower
 * lookback statistics have not caught up with yet, and a sudden change is what the stressed regimes exist for.
 */
public final class RegimeDetector {
  private final RegimeSettings settings;
  private final AverageDirectionalIndex adx;
  private final AverageTrueRange atr;
  private final SimpleMovingAverage atrAverage;
  private final RealizedVolatility volatility;
  private final RegimeCalibration calibration;
  /** The symbol's recent volatility readings (percentile calibration only; null when the thresholds are absolute). */
  private final RollingPercentiles history;
  private boolean started;
  private double previousClose;
  private long warmReadings;
  private double crisisThreshold;
  private double volatileThreshold;

  public RegimeDetector(RegimeSettings settings) {
    this.settings = settings;
    this.adx = new AverageDirectionalIndex(settings.lookback());
    this.atr = new AverageTrueRange(settings.lookback());
    this.atrAverage = new SimpleMovingAverage(settings.lookback());
    this.volatility = new RealizedVolatility(settings.lookback());
    this.calibration = settings.calibration();
    this.history = calibration.percentile() ? new RollingPercentiles(calibration.window()) : null;
    // Until a percentile calibration has its samples, the thresholds as written apply.
    this.crisisThreshold = settings.crisisVolatility();
    this.volatileThreshold = settings.volatileVolatility();
  }

  public RegimeSettings settings() {
    return settings;
  }

  /**
   * Bars through the first reading: ADX(n) needs 2n, the SMA of ATR(n) needs 2n as well. (A percentile calibration
   * does not delay it: until it has its samples, the readings are judged by the thresholds as written.)
   */
  public int warmUpBars() {
    return 2 * settings.lookback();
  }

  /** The bars after which a percentile calibration has its samples and judges by them; 0 for absolute thresholds. */
  public int calibratedAfterBars() {
    return calibration.percentile() ? warmUpBars() + calibration.warmUpReadings() - 1 : 0;
  }

  /** The crisis volatility threshold the last reading was judged by (the absolute one until calibrated). */
  public double crisisThreshold() {
    return crisisThreshold;
  }

  /** The volatile volatility threshold the last reading was judged by (the absolute one until calibrated). */
  public double volatileThreshold() {
    return volatileThreshold;
  }

  /** The reading for this bar with no cross-symbol information; null until warm. */
  public RegimeReading update(Bar bar) {
    return update(bar, false);
  }

  /** The reading for this bar; {@code correlationSpike} is the cross-symbol flag for the same step. Null until warm. */
  public RegimeReading update(Bar bar, boolean correlationSpike) {
    double gap = started && previousClose > 0 ? Math.abs(bar.open() - previousClose) / previousClose * 100.0 : 0.0;
    started = true;
    previousClose = bar.close();
    adx.update(bar);
    atr.update(bar);
    volatility.update(bar);
    if (atr.isWarm()) atrAverage.update(atr.value());
    if (!adx.isWarm() || !atrAverage.isWarm() || !volatility.isWarm()) return null;
    double average = atrAverage.value();
    double atrRatio = average > 0 ? atr.value() / average : 1.0;
    double adxValue = adx.value(AverageDirectionalIndex.ADX);
    double vol = volatility.value();
    if (history != null) {
      // Thresholds from the readings before this one, then this one joins them: no bar is judged by itself.
      boolean calibrated = history.size() >= calibration.minSamples();
      if (calibrated) {
        crisisThreshold = history.percentile(calibration.crisisPercentile());
        volatileThreshold = history.percentile(calibration.volatilePercentile());
      }
      if (warmReadings++ % calibration.sampleEvery() == 0) history.add(vol);
    }
    Regime regime = classify(settings, crisisThreshold, volatileThreshold, vol, adxValue, atrRatio, gap, correlationSpike);
    return new RegimeReading(bar.time(), regime, adxValue, atrRatio, vol, gap, atrRatio > settings.atrSpikeRatio(), correlationSpike);
  }

  /** The base regime from volatility and ADX alone (rules 1-4 above), with the thresholds as written. */
  public static Regime baseRegime(RegimeSettings s, double volatilityIndex, double adx) {
    return baseRegime(s, s.crisisVolatility(), s.volatileVolatility(), volatilityIndex, adx);
  }

  /** The base regime from volatility and ADX alone (rules 1-4 above), with the given volatility thresholds. */
  public static Regime baseRegime(RegimeSettings s, double crisisVolatility, double volatileVolatility, double volatilityIndex, double adx) {
    if (volatilityIndex > crisisVolatility) return Regime.CRISIS;
    if (volatilityIndex > volatileVolatility && adx < s.volatileMaxAdx()) return Regime.VOLATILE;
    if (adx > s.trendingMinAdx()) return Regime.TRENDING;
    return Regime.RANGING;
  }

  /** The raw regime, with the thresholds as written: the base regime escalated by the stress signals. */
  public static Regime classify(
      RegimeSettings s, double volatilityIndex, double adx, double atrRatio, double gapPct, boolean correlationSpike) {
    return classify(s, s.crisisVolatility(), s.volatileVolatility(), volatilityIndex, adx, atrRatio, gapPct, correlationSpike);
  }

  /** The raw regime: the base regime escalated by the stress signals (see the class comment). */
  public static Regime classify(RegimeSettings s, double crisisVolatility, double volatileVolatility, double volatilityIndex, double adx,
      double atrRatio, double gapPct, boolean correlationSpike) {
    Regime base = baseRegime(s, crisisVolatility, volatileVolatility, volatilityIndex, adx);
    int stress = (atrRatio > s.atrSpikeRatio() ? 1 : 0) + (gapPct > s.gapPct() ? 1 : 0) + (correlationSpike ? 1 : 0);
    if (stress >= 2) return Regime.CRISIS;
    if (stress == 1) return base.atLeast(Regime.VOLATILE);
    return base;
  }
}
