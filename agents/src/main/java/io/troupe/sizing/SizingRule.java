package io.troupe.sizing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.troupe.model.InvalidInputException;
import io.troupe.performance.SpecialistStats;

/**
 * How a desk sizes an entry: a fixed fraction of equity (the specialist's own, or the configured one), risk-based
 * (equity x risk% over the distance to the stop), volatility-adjusted (over a multiple of ATR), or capped Kelly from the
 * specialist's measured win rate and payoff (the fixed fraction until it has {@code kellyMinTrades} trades). Every size
 * is capped at {@code maxFraction} of equity, below the risk supervisor's position limit, so sizing never asks for what
 * risk must refuse.
 */
public record SizingRule(
    Mode mode, double riskPct, double defaultStopPct, double atrMultiple, double kellyScale, double kellyCap, int kellyMinTrades, double maxFraction) {

  public enum Mode {
    FIXED,
    RISK,
    VOLATILITY,
    KELLY
  }

  public static SizingRule fixed() {
    return new SizingRule(Mode.FIXED, 0.01, 0.005, 2, 0.5, 0.09, 20, 1.0);
  }

  /** From the {@code troupe.sizing} section; percentages in percent. */
  public static SizingRule fromConfig(Config c) {
    try {
      String m = c.getString("mode");
      Mode mode;
      try {
        mode = Mode.valueOf(m.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("troupe.sizing.mode: '" + m + "' is not one of fixed, risk, volatility, kelly");
      }
      SizingRule r = new SizingRule(mode, c.getDouble("risk-pct") / 100, c.getDouble("default-stop-pct") / 100, c.getDouble("atr-multiple"),
          c.getDouble("kelly.scale"), c.getDouble("kelly.cap-pct") / 100, c.getInt("kelly.min-trades"), c.getDouble("max-fraction-pct") / 100);
      if (!(r.riskPct > 0) || !(r.defaultStopPct > 0) || !(r.atrMultiple > 0) || !(r.kellyScale > 0) || !(r.kellyCap > 0) || !(r.maxFraction > 0)) {
        throw new InvalidInputException("troupe.sizing: percentages, multiples and scales must be > 0");
      }
      return r;
    } catch (ConfigException e) {
      throw new InvalidInputException("troupe.sizing: " + e.getMessage(), e);
    }
  }

  /**
   * The quantity for an entry.
   *
   * @param fraction the fixed fraction that applies (the specialist's own, or the configured one)
   * @param stats the specialist's real trades so far (for Kelly); may be null
   */
  public double quantity(SizingInput in, double fraction, SpecialistStats stats) {
    double q =
        switch (mode) {
          case FIXED -> new FixedFractionSizer(fraction).quantity(in);
          case RISK -> new RiskBasedSizer(riskPct, defaultStopPct).quantity(in);
          case VOLATILITY -> new VolatilityAdjustedSizer(riskPct, atrMultiple).quantity(in);
          case KELLY -> {
            CappedKellySizer k = stats == null ? null : CappedKellySizer.from(stats, kellyScale, kellyCap, kellyMinTrades);
            yield k == null || k.trades() < kellyMinTrades ? new FixedFractionSizer(fraction).quantity(in) : k.quantity(in);
          }
        };
    double cap = new FixedFractionSizer(maxFraction).quantity(in);
    return Math.min(q, cap);
  }
}
