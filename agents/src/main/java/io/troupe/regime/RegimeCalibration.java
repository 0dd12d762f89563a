package io.troupe.regime;

import io.troupe.model.InvalidInputException;

/**
 * How the detector's two volatility thresholds are set. {@code percentile}: from the symbol's own history, in event
 * time: CRISIS above the {@code crisisPercentile}th and VOLATILE above the {@code volatilePercentile}th percentile of
 * its annualised realised volatility over its last {@code window} samples (one every {@code sampleEvery} warm bars,
 * only bars before the one being read, so no look-ahead); until it has {@code minSamples}, the absolute ones apply.
 * Why: the VIX-sized absolute thresholds label most of any 1-minute crypto series crisis (76% of the bundled BTC
 * month), since such series run at 40-100% annualised. {@code absolute}: {@code crisis-volatility} and
 * {@code volatile-volatility} as written, for index-like data whose volatility has a known scale.
 */
public record RegimeCalibration(boolean percentile, double crisisPercentile, double volatilePercentile, int window, int sampleEvery, int minSamples) {

  public RegimeCalibration {
    String at = RegimeSettings.CONFIG_PATH + ".calibration.";
    if (!(crisisPercentile > 0 && crisisPercentile < 100)) throw new InvalidInputException(at + "crisis-percentile must be in (0, 100), got " + crisisPercentile);
    if (!(volatilePercentile > 0 && volatilePercentile <= crisisPercentile)) {
      throw new InvalidInputException(at + "volatile-percentile must be > 0 and <= crisis-percentile (" + crisisPercentile + "), got " + volatilePercentile);
    }
    if (window < 2) throw new InvalidInputException(at + "window must be >= 2, got " + window);
    if (sampleEvery < 1) throw new InvalidInputException(at + "sample-every must be >= 1, got " + sampleEvery);
    if (minSamples < 1 || minSamples > window) throw new InvalidInputException(at + "min-samples must be in [1, window (" + window + ")], got " + minSamples);
  }

  /** The thresholds as written (the design's seed values; what {@link RegimeSettings#defaults()} uses). */
  public static RegimeCalibration absolute() {
    return new RegimeCalibration(false, 90, 70, 1000, 5, 50);
  }

  /** The shipped calibration: the symbol's own 90th and 50th percentiles over its last 1,000 samples, one every 5 bars. */
  public static RegimeCalibration percentiles() {
    return new RegimeCalibration(true, 90, 50, 1000, 5, 50);
  }

  public String mode() {
    return percentile ? "percentile" : "absolute";
  }

  /** Warm readings through the first calibrated one: samples are taken from the first warm bar, one every sampleEvery. */
  int warmUpReadings() {
    return percentile ? (minSamples - 1) * sampleEvery + 1 : 0;
  }
}
