package io.troupe.gateway.sim;

import io.troupe.model.InvalidInputException;
import io.troupe.model.Instrument;
import io.troupe.model.Liquidity;

/**
 * What the simulated exchange charges for one fill. A fill's liquidity picks the rate: {@code makerPct} for a fill
 * that added liquidity (a resting limit), {@code takerPct} for one that took it (market, stop, marketable limit).
 *
 * @param makerPct fee in percent of notional (price x quantity x multiplier) for maker fills; 0.1 means 0.1%; may be
 *     negative (a rebate)
 * @param takerPct fee in percent of notional for taker fills
 * @param perUnit when &gt; 0, a fixed fee per unit (per contract) that replaces both percentages
 */
public record FeeModel(double makerPct, double takerPct, double perUnit) {

  public FeeModel {
    requireFinite("makerFeePct", makerPct);
    requireFinite("takerFeePct", takerPct);
    requireFinite("commissionPerUnit", perUnit);
    if (perUnit < 0) throw new InvalidInputException("simulated exchange: commissionPerUnit must be >= 0, got " + perUnit);
  }

  /** The same percentage for makers and takers. */
  public static FeeModel percent(double pct) {
    return new FeeModel(pct, pct, 0);
  }

  /** The fee of a fill of {@code quantity} at {@code price}. */
  public double fee(Instrument instrument, double price, double quantity, Liquidity liquidity) {
    if (perUnit > 0) return quantity * perUnit;
    double pct = liquidity == Liquidity.MAKER ? makerPct : takerPct;
    return price * quantity * instrument.valueMultiplier() * pct / 100.0;
  }

  private static void requireFinite(String name, double value) {
    if (!Double.isFinite(value)) throw new InvalidInputException("simulated exchange: " + name + " must be a number, got " + value);
  }
}
