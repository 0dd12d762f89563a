package io.troupe.regime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.troupe.model.InvalidInputException;
import java.util.Map;

/**
 * Thresholds of regime detection and confirmation. Volatility thresholds are annualised realised volatility in
 * percent (the crypto stand-in for VIX); ADX thresholds are ADX points.
 *
 * @param lookback bars of every indicator the detector uses (ADX, ATR, its SMA, realised volatility)
 * @param crisisVolatility CRISIS when the volatility index is above this
 * @param volatileVolatility VOLATILE when the volatility index is above this and ADX below {@code volatileMaxAdx}
 * @param volatileMaxAdx see {@code volatileVolatility}
 * @param trendingMinAdx TRENDING when ADX is above this (and neither of the above)
 * @param atrSpikeRatio a volatility spike when ATR / SMA(ATR) is above this
 * @param gapPct a gap when |open - previous close| is above this percent of the previous close
 * @param confirmWindow the confirmation looks at this many latest raw readings
 * @param confirmRequired a new regime is confirmed when at least this many of them agree on it
 * @param confirmConsecutive and the latest this many readings are that regime (see {@link RegimeConfirmation})
 * @param correlationWindow returns in the cross-symbol correlation window
 * @param correlationSpike a correlation spike when the average pairwise correlation is at or above this
 * @param calibration whether the two volatility thresholds are as written or the symbol's own percentiles
 */
public record RegimeSettings(
    int lookback,
    double crisisVolatility,
    double volatileVolatility,
    double volatileMaxAdx,
    double trendingMinAdx,
    double atrSpikeRatio,
    double gapPct,
    int confirmWindow,
    int confirmRequired,
    int confirmConsecutive,
    int correlationWindow,
    double correlationSpike,
    RegimeCalibration calibration) {

  /** The section path in the application config. */
  public static final String CONFIG_PATH = "troupe.regime";

  public RegimeSettings {
    check(lookback >= 2, "lookback", "must be >= 2, got " + lookback);
    check(crisisVolatility > 0, "crisis-volatility", "must be > 0, got " + crisisVolatility);
    check(volatileVolatility > 0 && volatileVolatility <= crisisVolatility, "volatile-volatility",
        "must be > 0 and <= crisis-volatility (" + crisisVolatility + "), got " + volatileVolatility);
    check(volatileMaxAdx >= 0 && volatileMaxAdx <= 100, "volatile-max-adx", "must be in [0, 100], got " + volatileMaxAdx);
    check(trendingMinAdx >= 0 && trendingMinAdx <= 100, "trending-min-adx", "must be in [0, 100], got " + trendingMinAdx);
    check(atrSpikeRatio > 0, "atr-spike-ratio", "must be > 0, got " + atrSpikeRatio);
    check(gapPct > 0, "gap-pct", "must be > 0, got " + gapPct);
    check(confirmWindow >= 1, "confirmation.window", "must be >= 1, got " + confirmWindow);
    // More than half of the window, so at most one regime can be confirmed at a time.
    check(confirmRequired >= 1 && confirmRequired <= confirmWindow && 2 * confirmRequired > confirmWindow,
        "confirmation.required", "must be more than half of the window (" + confirmWindow + ") and at most the window, got "
            + confirmRequired);
    check(confirmConsecutive >= 1 && confirmConsecutive <= confirmRequired, "confirmation.consecutive",
        "must be in [1, required], got " + confirmConsecutive);
    check(correlationWindow >= 3, "correlation.window", "must be >= 3, got " + correlationWindow);
    check(correlationSpike > -1 && correlationSpike <= 1, "correlation.spike", "must be in (-1, 1], got " + correlationSpike);
    check(calibration != null, "calibration", "must be set");
  }

  /** The same settings with another calibration. */
  public RegimeSettings withCalibration(RegimeCalibration c) {
    return new RegimeSettings(lookback, crisisVolatility, volatileVolatility, volatileMaxAdx, trendingMinAdx, atrSpikeRatio, gapPct, confirmWindow,
        confirmRequired, confirmConsecutive, correlationWindow, correlationSpike, c);
  }

  /**
   * The seed defaults of the design: lookback 20, crisis > 35, volatile > 25 with ADX < 20, trending ADX > 25, the
   * thresholds as written. The shipped configuration ({@code config/regime.conf}) calibrates them per symbol instead.
   */
  public static RegimeSettings defaults() {
    return new RegimeSettings(20, 35, 25, 20, 25, 1.5, 3, 5, 3, 2, 20, 0.8, RegimeCalibration.absolute());
  }

  /**
   * Reads the {@code troupe.regime} section ({@code section} is that section, not the root); keys it lacks take the
   * defaults. A wrong type or an invalid value is an input error naming the key.
   */
  public static RegimeSettings fromConfig(Config section) {
    Config c = section.withFallback(defaultsConfig());
    try {
      return new RegimeSettings(
          c.getInt("lookback"),
          c.getDouble("crisis-volatility"),
          c.getDouble("volatile-volatility"),
          c.getDouble("volatile-max-adx"),
          c.getDouble("trending-min-adx"),
          c.getDouble("atr-spike-ratio"),
          c.getDouble("gap-pct"),
          c.getInt("confirmation.window"),
          c.getInt("confirmation.required"),
          c.getInt("confirmation.consecutive"),
          c.getInt("correlation.window"),
          c.getDouble("correlation.spike"),
          calibration(c));
    } catch (ConfigException e) {
      throw new InvalidInputException(CONFIG_PATH + ": " + e.getMessage(), e);
    }
  }

  private static RegimeCalibration calibration(Config c) {
    String mode = c.getString("calibration.mode");
    if (!mode.equals("percentile") && !mode.equals("absolute")) {
      throw new InvalidInputException(CONFIG_PATH + ".calibration.mode must be percentile or absolute, got '" + mode + "'");
    }
    return new RegimeCalibration(mode.equals("percentile"), c.getDouble("calibration.crisis-percentile"), c.getDouble("calibration.volatile-percentile"),
        c.getInt("calibration.window"), c.getInt("calibration.sample-every"), c.getInt("calibration.min-samples"));
  }

  /** The defaults as a config section, in the same keys as {@code config/regime.conf}. */
  public static Config defaultsConfig() {
    RegimeSettings d = defaults();
    return ConfigFactory.parseMap(Map.ofEntries(
        Map.entry("lookback", d.lookback),
        Map.entry("crisis-volatility", d.crisisVolatility),
        Map.entry("volatile-volatility", d.volatileVolatility),
        Map.entry("volatile-max-adx", d.volatileMaxAdx),
        Map.entry("trending-min-adx", d.trendingMinAdx),
        Map.entry("atr-spike-ratio", d.atrSpikeRatio),
        Map.entry("gap-pct", d.gapPct),
        Map.entry("confirmation.window", d.confirmWindow),
        Map.entry("confirmation.required", d.confirmRequired),
        Map.entry("confirmation.consecutive", d.confirmConsecutive),
        Map.entry("correlation.window", d.correlationWindow),
        Map.entry("correlation.spike", d.correlationSpike),
        Map.entry("calibration.mode", d.calibration.mode()),
        Map.entry("calibration.crisis-percentile", d.calibration.crisisPercentile()),
        Map.entry("calibration.volatile-percentile", d.calibration.volatilePercentile()),
        Map.entry("calibration.window", d.calibration.window()),
        Map.entry("calibration.sample-every", d.calibration.sampleEvery()),
        Map.entry("calibration.min-samples", d.calibration.minSamples())), "regime defaults");
  }

  private static void check(boolean ok, String key, String message) {
    if (!ok) throw new InvalidInputException(CONFIG_PATH + "." + key + " " + message);
  }
}
