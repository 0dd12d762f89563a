package io.troupe.strategy;

import io.troupe.indicator.AverageDirectionalIndex;
import io.troupe.indicator.ExponentialMovingAverage;
import io.troupe.indicator.RealizedVolatility;
import io.troupe.indicator.SimpleMovingAverage;
import io.troupe.market.Bar;
import io.troupe.regime.Regime;
import io.troupe.regime.RegimeConfirmation;
import io.troupe.regime.RegimeDetector;
import io.troupe.regime.RegimeSettings;

/**
 * Wraps a strategy and lets an entry (LONG or SHORT) through only when at least {@code minAgreeing} of four
 * independent checks agree with it on the bar it is given:
 * <ul>
 *   <li>volume: the bar's volume is above {@code volumeMult} times the mean of the previous {@code period} bars';
 *   <li>trend: the EMA({@code period}) of the close moved in the entry's direction on this bar, or ADX(14) is above
 *       {@code minAdx} with the directional index of the entry's side on top;
 *   <li>regime: the confirmed regime (its own {@link RegimeDetector} and {@link RegimeConfirmation}) is known and not
 *       CRISIS;
 *   <li>volatility: realised volatility over {@code period} bars (annualised, percent) is within
 *       [{@code minVolatility}, {@code maxVolatility}].
 * </ul>
 * Exits (FLAT) always pass. A blocked entry is dropped, not delayed; the wrapped strategy may then believe it holds a
 * position and signal its exit later, which is harmless (flat stays flat).
 */
public final class ConfirmationFilter implements Strategy {

  /** The checks' parameters. */
  public record Settings(int period, double volumeMult, double minAdx, double minVolatility, double maxVolatility, int minAgreeing,
      RegimeSettings regime) {
    public Settings {
      if (period < 2) throw new IllegalArgumentException("confirmation period must be >= 2");
      if (minAgreeing < 1 || minAgreeing > 4) throw new IllegalArgumentException("confirmation needs 1..4 agreeing checks");
      if (!(minVolatility <= maxVolatility)) throw new IllegalArgumentException("confirmation volatility band is empty");
    }

    /** Period 20, volume above average, ADX > 25, volatility band 10..150% (1-minute crypto), 2 of 4, seed regimes. */
    public static Settings defaults() {
      return new Settings(20, 1.0, 25, 10, 150, 2, RegimeSettings.defaults());
    }

    public Settings withMinAgreeing(int n) {
      return new Settings(period, volumeMult, minAdx, minVolatility, maxVolatility, n, regime);
    }
  }

  /** Which checks agreed with the last entry looked at. */
  public record Checks(boolean volume, boolean trend, boolean regime, boolean volatility) {
    public int agreeing() {
      return (volume ? 1 : 0) + (trend ? 1 : 0) + (regime ? 1 : 0) + (volatility ? 1 : 0);
    }
  }

  private final Strategy inner;
  private final Settings settings;
  private final SimpleMovingAverage averageVolume;
  private final ExponentialMovingAverage ema;
  private final AverageDirectionalIndex adx = new AverageDirectionalIndex(14);
  private final RealizedVolatility volatility;
  private final RegimeDetector detector;
  private final RegimeConfirmation confirmation;
  private double previousEma = Double.NaN;
  private Checks lastChecks;

  public ConfirmationFilter(Strategy inner, Settings settings) {
    this.inner = inner;
    this.settings = settings;
    this.averageVolume = new SimpleMovingAverage(settings.period());
    this.ema = new ExponentialMovingAverage(settings.period());
    this.volatility = new RealizedVolatility(settings.period());
    this.detector = new RegimeDetector(settings.regime());
    this.confirmation = RegimeConfirmation.of(settings.regime());
  }

  @Override
  public String name() {
    return "confirmed(" + inner.name() + "," + settings.minAgreeing() + ")";
  }

  @Override
  public java.util.List<String> indicators() {
    java.util.List<String> out = new java.util.ArrayList<>(inner.indicators());
    String trend = "ema(" + settings.period() + ")";
    if (!out.contains(trend)) out.add(trend);
    return java.util.List.copyOf(out);
  }

  @Override
  public int warmUpBars() {
    return Math.max(inner.warmUpBars(), detector.warmUpBars() + settings.regime().confirmWindow());
  }

  @Override
  public Signal onBar(Bar bar) {
    Signal s = inner.onBar(bar);
    double volumeAverage = averageVolume.isWarm() ? averageVolume.value() : Double.NaN;
    ema.update(bar.close());
    adx.update(bar);
    volatility.update(bar);
    confirmation.offer(detector.update(bar));
    double slope = ema.isWarm() && !Double.isNaN(previousEma) ? ema.value() - previousEma : Double.NaN;
    previousEma = ema.isWarm() ? ema.value() : Double.NaN;
    if (bar.hasVolume()) averageVolume.update(bar.volume());
    if (s == null || s.direction() == Direction.FLAT) return s;
    double sign = s.direction() == Direction.LONG ? 1 : -1;
    boolean volumeOk = bar.hasVolume() && bar.volume() > settings.volumeMult() * volumeAverage;
    boolean diOk = sign > 0 ? adx.value(AverageDirectionalIndex.PLUS_DI) > adx.value(AverageDirectionalIndex.MINUS_DI)
        : adx.value(AverageDirectionalIndex.MINUS_DI) > adx.value(AverageDirectionalIndex.PLUS_DI);
    boolean trendOk = sign * slope > 0 || adx.isWarm() && adx.value(AverageDirectionalIndex.ADX) > settings.minAdx() && diOk;
    Regime regime = confirmation.current();
    boolean regimeOk = regime != null && regime != Regime.CRISIS;
    double vol = volatility.value();
    boolean volatilityOk = vol >= settings.minVolatility() && vol <= settings.maxVolatility();
    lastChecks = new Checks(volumeOk, trendOk, regimeOk, volatilityOk);
    return lastChecks.agreeing() >= settings.minAgreeing() ? s : null;
  }

  /** The checks of the last entry the wrapped strategy proposed; null before the first. */
  public Checks lastChecks() {
    return lastChecks;
  }

  /** The confirmed regime this filter currently sees (null before the first confirmation). */
  public Regime regime() {
    return confirmation.current();
  }
}
