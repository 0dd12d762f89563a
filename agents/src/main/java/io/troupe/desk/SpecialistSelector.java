package io.troupe.desk;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.troupe.model.InvalidInputException;
import io.troupe.regime.Regime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Picks the specialist a desk follows: the one configured for the confirmed regime, unless it is underperforming, in
 * which case its configured alternative. Underperforming means the sum of its last {@code trades} trade returns (each
 * in percent of the entry notional, net of fees, see {@link SpecialistScorecard}) is at or below {@code -lossPct}: with
 * equal position sizes that is the loss over the capital allocated to it. It is a condition, not a latch: as soon as
 * the sum is above {@code -lossPct} again (new trades, shadow trades included, pushed the losers out of the window) the
 * primary is chosen again. When the alternative is underperforming too, or there is none, the desk stands aside
 * (no specialist), because following a losing specialist is worse than waiting.
 */
public final class SpecialistSelector {

  public record Settings(int trades, double lossPct) {
    public Settings {
      if (trades < 1 || !(lossPct > 0)) throw new InvalidInputException("troupe.meta.selector: trades must be >= 1 and loss-pct > 0");
    }

    public static Settings defaults() {
      return new Settings(20, 5);
    }

    /** From the {@code troupe.meta.selector} section; missing keys take the defaults. */
    public static Settings fromConfig(Config section) {
      try {
        return new Settings(section.hasPath("trades") ? section.getInt("trades") : 20,
            section.hasPath("loss-pct") ? section.getDouble("loss-pct") : 5);
      } catch (ConfigException e) {
        throw new InvalidInputException("troupe.meta.selector: " + e.getMessage(), e);
      }
    }
  }

  /**
   * The choice for a regime: {@code primary} is the regime's specialist, {@code chosen} the one to follow (null: stand
   * aside), {@code reason} says why.
   */
  public record Selection(Regime regime, String primary, String chosen, boolean fallback, String reason) {}

  private final Map<Regime, String> byRegime;
  private final Map<String, String> alternatives;
  private final SpecialistScorecard scorecard;
  private final Settings settings;

  /** {@code scorecard} must keep {@code settings.trades()} trades per specialist. */
  public SpecialistSelector(Map<Regime, String> byRegime, Map<String, String> alternatives, SpecialistScorecard scorecard, Settings settings) {
    if (scorecard.tradeWindow() != settings.trades()) {
      throw new IllegalArgumentException("the scorecard keeps " + scorecard.tradeWindow() + " trades, the selector judges " + settings.trades());
    }
    this.byRegime = new EnumMap<>(Regime.class);
    this.byRegime.putAll(byRegime); // EnumMap(Map) refuses an empty plain map
    this.alternatives = new LinkedHashMap<>(alternatives);
    this.scorecard = scorecard;
    this.settings = settings;
  }

  /** A hot-swapped specialist takes {@code regime}; the one it displaces keeps its record and its alternatives. */
  void assign(Regime regime, String specialist) {
    byRegime.put(regime, specialist);
  }

  /** A removed specialist leaves every regime it had (they stand aside) and is no one's alternative any more. */
  void unassign(String specialist) {
    byRegime.values().removeIf(specialist::equals);
    alternatives.values().removeIf(specialist::equals);
    alternatives.remove(specialist);
  }

  public boolean underperforming(String specialist) {
    return scorecard.recentReturnSumPct(specialist) <= -settings.lossPct();
  }

  public Selection select(Regime confirmed) {
    if (confirmed == null) return new Selection(null, null, null, false, "no confirmed regime");
    String primary = byRegime.get(confirmed);
    if (primary == null) return new Selection(confirmed, null, null, false, "no specialist for " + confirmed);
    if (!underperforming(primary)) return new Selection(confirmed, primary, primary, false, "regime " + confirmed);
    String alternative = alternatives.get(primary);
    String loss = String.format(java.util.Locale.ROOT, "%s lost %.2f%% over its last %d trades", primary,
        -scorecard.recentReturnSumPct(primary), settings.trades());
    if (alternative == null) return new Selection(confirmed, primary, null, true, loss + "; no alternative");
    if (underperforming(alternative)) return new Selection(confirmed, primary, null, true, loss + "; alternative " + alternative + " too");
    return new Selection(confirmed, primary, alternative, true, loss + "; using " + alternative);
  }
}
