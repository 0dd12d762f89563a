package io.troupe.gateway.sim;

import io.troupe.model.InvalidInputException;

/**
 * How the simulated exchange fills and charges.
 *
 * @param fillMode when market orders fill, see {@link FillMode}
 * @param slippageBps price concession to the taker in basis points: a buy pays {@code p*(1+bps/1e4)}, a sell receives
 *     {@code p*(1-bps/1e4)}; applies to market, stop and marketable-limit fills, never to passive limit fills
 * @param makerFeePct fee in percent of notional for fills that added liquidity (0.1 means 0.1%); may be negative (rebate)
 * @param takerFeePct fee in percent of notional for fills that took liquidity
 * @param commissionPerUnit when &gt; 0, a fixed fee per unit (per contract) replaces the percentage fees
 * @param maxVolumeShare when &gt; 0 and a bar has volume, one order fills at most this share of the bar's volume on that
 *     bar; 0 means no cap
 */
public record SimulatedExchangeSettings(
    FillMode fillMode,
    double slippageBps,
    double makerFeePct,
    double takerFeePct,
    double commissionPerUnit,
    double maxVolumeShare) {

  public SimulatedExchangeSettings {
    if (fillMode == null) throw new InvalidInputException("simulated exchange: fillMode is required");
    requireFinite("slippageBps", slippageBps);
    requireFinite("makerFeePct", makerFeePct);
    requireFinite("takerFeePct", takerFeePct);
    requireFinite("commissionPerUnit", commissionPerUnit);
    requireFinite("maxVolumeShare", maxVolumeShare);
    if (slippageBps < 0) throw new InvalidInputException("simulated exchange: slippageBps must be >= 0, got " + slippageBps);
    if (commissionPerUnit < 0) {
      throw new InvalidInputException("simulated exchange: commissionPerUnit must be >= 0, got " + commissionPerUnit);
    }
    if (maxVolumeShare < 0 || maxVolumeShare > 1) {
      throw new InvalidInputException("simulated exchange: maxVolumeShare must be in [0, 1], got " + maxVolumeShare);
    }
  }

  /** Next-open fills, 5 bps slippage, 0.1% maker and taker fees, no per-unit fee, no volume cap (design seed defaults). */
  public static SimulatedExchangeSettings defaults() {
    return new SimulatedExchangeSettings(FillMode.NEXT_OPEN, 5, 0.1, 0.1, 0, 0);
  }

  public SimulatedExchangeSettings withFillMode(FillMode mode) {
    return new SimulatedExchangeSettings(mode, slippageBps, makerFeePct, takerFeePct, commissionPerUnit, maxVolumeShare);
  }

  public SimulatedExchangeSettings withSlippageBps(double bps) {
    return new SimulatedExchangeSettings(fillMode, bps, makerFeePct, takerFeePct, commissionPerUnit, maxVolumeShare);
  }

  public SimulatedExchangeSettings withFees(double makerPct, double takerPct) {
    return new SimulatedExchangeSettings(fillMode, slippageBps, makerPct, takerPct, commissionPerUnit, maxVolumeShare);
  }

  public SimulatedExchangeSettings withCommissionPerUnit(double perUnit) {
    return new SimulatedExchangeSettings(fillMode, slippageBps, makerFeePct, takerFeePct, perUnit, maxVolumeShare);
  }

  public SimulatedExchangeSettings withMaxVolumeShare(double share) {
    return new SimulatedExchangeSettings(fillMode, slippageBps, makerFeePct, takerFeePct, commissionPerUnit, share);
  }

  private static void requireFinite(String name, double value) {
    if (!Double.isFinite(value)) throw new InvalidInputException("simulated exchange: " + name + " must be a number, got " + value);
  }
}
