package io.troupe.desk;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.troupe.model.InvalidInputException;
import io.troupe.regime.Regime;

/**
 * Scales a specialist's position fraction by the confirmed regime and the account's exposure: times {@code crisis} in
 * CRISIS, times {@code volatileMultiplier} in VOLATILE, and times {@code exposureMultiplier} on top while gross exposure
 * is above {@code exposurePct} percent of equity. Defaults: 0.2, 0.5, and 0.5 above 70%.
 */
public record RegimeSizing(double crisis, double volatileMultiplier, double exposurePct, double exposureMultiplier) {

  public RegimeSizing {
    for (double m : new double[] {crisis, volatileMultiplier, exposureMultiplier}) {
      if (!(m >= 0 && m <= 1)) throw new InvalidInputException("troupe.meta.sizing: multipliers must be in [0, 1], got " + m);
    }
    if (!(exposurePct > 0)) throw new InvalidInputException("troupe.meta.sizing.exposure-pct must be > 0, got " + exposurePct);
  }

  public static RegimeSizing defaults() {
    return new RegimeSizing(0.2, 0.5, 70, 0.5);
  }

  /** No scaling: every multiplier 1, so a specialist's position fraction is used as it is (bare runs). */
  public static RegimeSizing none() {
    return new RegimeSizing(1, 1, 100, 1);
  }

  /** From the {@code troupe.meta.sizing} section; missing keys take the defaults. */
  public static RegimeSizing fromConfig(Config section) {
    RegimeSizing d = defaults();
    try {
      return new RegimeSizing(
          section.hasPath("crisis") ? section.getDouble("crisis") : d.crisis,
          section.hasPath("volatile") ? section.getDouble("volatile") : d.volatileMultiplier,
          section.hasPath("exposure-pct") ? section.getDouble("exposure-pct") : d.exposurePct,
          section.hasPath("exposure-multiplier") ? section.getDouble("exposure-multiplier") : d.exposureMultiplier);
    } catch (ConfigException e) {
      throw new InvalidInputException("troupe.meta.sizing: " + e.getMessage(), e);
    }
  }

  /** The multiplier for a new position; {@code exposureFraction} is gross exposure over equity (0.75 = 75%). */
  public double multiplier(Regime regime, double exposureFraction) {
    double m = regime == Regime.CRISIS ? crisis : regime == Regime.VOLATILE ? volatileMultiplier : 1.0;
    return exposureFraction * 100 > exposurePct ? m * exposureMultiplier : m;
  }

  /** The fraction of equity for a new position of a specialist asking for {@code baseFraction}. */
  public double fraction(double baseFraction, Regime regime, double exposureFraction) {
    return baseFraction * multiplier(regime, exposureFraction);
  }
}
