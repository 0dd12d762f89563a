package io.troupe.desk;

import io.troupe.regime.Regime;
import io.troupe.regime.RegimeSettings;
import io.troupe.portfolio.AllocationSettings;
import io.troupe.sizing.SizingRule;
import java.util.Map;

/**
 * How a desk's meta-controller chooses among its specialists.
 *
 * <ul>
 *   <li>{@code SINGLE}: one specialist; its signals count, sized by {@code baseSizing}.
 *   <li>{@code SELECT}: the specialist for the confirmed regime ({@code byRegime}), replaced by its alternative while it
 *       underperforms; sized by the specialist's own position fraction, scaled by regime and exposure.
 *   <li>{@code ENSEMBLE}: a weighted vote of all specialists; trades only at consensus.
 * </ul>
 *
 * @param positionFractions each specialist's share of equity per position (its genome's), when it has one
 * @param roundTripFeePct cost charged to shadow trades, which keep scoring specialists that are not trading
 */
public record MetaSettings(
    Mode mode,
    PositionSizing baseSizing,
    RegimeSettings regime,
    Map<Regime, String> byRegime,
    Map<String, String> alternatives,
    Map<String, Double> positionFractions,
    SpecialistSelector.Settings selector,
    RegimeSizing regimeSizing,
    EnsembleVote.Settings ensemble,
    int callHorizonBars,
    double roundTripFeePct,
    SizingRule sizingRule,
    AllocationSettings allocation) {

  public enum Mode {
    SINGLE,
    SELECT,
    ENSEMBLE
  }

  /** One strategy, sized by {@code sizing}; the regime is still tracked (for reports) but does not decide. */
  public static MetaSettings single(PositionSizing sizing) {
    return new MetaSettings(Mode.SINGLE, sizing, RegimeSettings.defaults(), Map.of(), Map.of(), Map.of(),
        SpecialistSelector.Settings.defaults(), RegimeSizing.defaults(), EnsembleVote.Settings.defaults(), 5, 0, SizingRule.fixed(), AllocationSettings.none());
  }
}
