package io.troupe.gateway.sim;

import io.troupe.model.InvalidInputException;

/**
 * How the simulated exchange fills, charges and delays.
 *
 * @param fillMode when market orders fill, see {@link FillMode}
 * @param slippageBps price concession to the taker in basis points: a buy pays {@code p*(1+bps/1e4)}, a sell receives
 *     {@code p*(1-bps/1e4)}; applies to market, stop and marketable-limit fills, never to passive limit fills
 * @param fees what a fill costs, by its liquidity (maker or taker) or per unit, see {@link FeeModel}
 * @param maxVolumeShare when &gt; 0 and a bar has volume, one order fills at most this share of the bar's volume on that
 *     bar; 0 means no cap
 * @param latency how long orders, cancels and modifies take to reach the matching engine, see {@link LatencyModel}
 */
public record SimulatedExchangeSettings(
    FillMode fillMode,
    double slippageBps,
    FeeModel fees,
    double maxVolumeShare,
    LatencyModel latency) {

  public SimulatedExchangeSettings {
    if (fillMode == null) throw new InvalidInputException("simulated exchange: fillMode is required");
    if (fees == null) throw new InvalidInputException("simulated exchange: fees are required");
    if (latency == null) throw new InvalidInputException("simulated exchange: latency is required (LatencyModel.NONE for none)");
    requireFinite("slippageBps", slippageBps);
    requireFinite("maxVolumeShare", maxVolumeShare);
    if (slippageBps < 0) throw new InvalidInputException("simulated exchange: slippageBps must be >= 0, got " + slippageBps);
    if (maxVolumeShare < 0 || maxVolumeShare > 1) {
      throw new InvalidInputException("simulated exchange: maxVolumeShare must be in [0, 1], got " + maxVolumeShare);
    }
  }

  /**
   * Percentage fees for makers and takers (or a fee per unit when {@code commissionPerUnit} &gt; 0) and no latency.
   *
   * @param makerFeePct fee in percent of notional for fills that added liquidity (0.1 means 0.1%); may be negative (rebate)
   * @param takerFeePct fee in percent of notional for fills that took liquidity
   * @param commissionPerUnit when &gt; 0, a fixed fee per unit (per contract) replaces the percentage fees
   */
  public SimulatedExchangeSettings(
      FillMode fillMode, double slippageBps, double makerFeePct, double takerFeePct, double commissionPerUnit, double maxVolumeShare) {
    this(fillMode, slippageBps, new FeeModel(makerFeePct, takerFeePct, commissionPerUnit), maxVolumeShare, LatencyModel.NONE);
  }

  /** Next-open fills, 5 bps slippage, 0.1% maker and taker fees, no per-unit fee, no volume cap, no latency (design seed defaults). */
  public static SimulatedExchangeSettings defaults() {
    return new SimulatedExchangeSettings(FillMode.NEXT_OPEN, 5, 0.1, 0.1, 0, 0);
  }

  public double makerFeePct() {
    return fees.makerPct();
  }

  public double takerFeePct() {
    return fees.takerPct();
  }

  public double commissionPerUnit() {
    return fees.perUnit();
  }

  public SimulatedExchangeSettings withFillMode(FillMode mode) {
    return new SimulatedExchangeSettings(mode, slippageBps, fees, maxVolumeShare, latency);
  }

  public SimulatedExchangeSettings withSlippageBps(double bps) {
    return new SimulatedExchangeSettings(fillMode, bps, fees, maxVolumeShare, latency);
  }

  public SimulatedExchangeSettings withFees(double makerPct, double takerPct) {
    return withFees(new FeeModel(makerPct, takerPct, fees.perUnit()));
  }

  public SimulatedExchangeSettings withFees(FeeModel newFees) {
    return new SimulatedExchangeSettings(fillMode, slippageBps, newFees, maxVolumeShare, latency);
  }

  public SimulatedExchangeSettings withCommissionPerUnit(double perUnit) {
    return withFees(new FeeModel(fees.makerPct(), fees.takerPct(), perUnit));
  }

  public SimulatedExchangeSettings withMaxVolumeShare(double share) {
    return new SimulatedExchangeSettings(fillMode, slippageBps, fees, share, latency);
  }

  public SimulatedExchangeSettings withLatency(LatencyModel model) {
    return new SimulatedExchangeSettings(fillMode, slippageBps, fees, maxVolumeShare, model);
  }

  private static void requireFinite(String name, double value) {
    if (!Double.isFinite(value)) throw new InvalidInputException("simulated exchange: " + name + " must be a number, got " + value);
  }
}
