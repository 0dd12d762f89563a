package io.troupe.risk;

import com.typesafe.config.Config;
import io.troupe.model.InvalidInputException;
import io.troupe.persistence.CborSerializable;

/**
 * The pre-trade limits the risk supervisor enforces. Percentages are fractions (0.10 = 10%). A limit of 0 turns its
 * rule off, except {@code maxPositionPct} (always on) and {@code cashBufferPct} (a buffer, not a rule).
 *
 * <ul>
 *   <li>{@code maxPositionPct}: one position's notional over equity.
 *   <li>{@code cashBufferPct}: cash kept free for fees and slippage, as a share of an entry's notional (spot).
 *   <li>{@code riskPerTradePct}: position size times distance to its stop, over equity.
 *   <li>{@code defaultStopPct}: the stop distance assumed for an intent (or an open position) without a stop.
 *   <li>{@code portfolioRiskPct}: the sum of that risk over all open positions plus the new one, over equity.
 *   <li>{@code concentrationPct}: one symbol's notional over the larger of equity and the book's gross exposure, so a
 *       single small position is judged against equity and a leveraged book against its gross exposure.
 *   <li>{@code maxOpenPositions}: how many symbols may hold a position at once.
 *   <li>{@code maxCorrelation}: an entry is refused when its correlation with an open position, signed by both
 *       directions (a hedge counts negative), is above this.
 *   <li>{@code tradesPerMinute}, {@code tradesPerHour}, {@code tradesPerDay}: entries per specialist, event time.
 *   <li>{@code ordersPerSecond}: orders that open or add, account-wide, event time.
 *   <li>{@code maxLeverage}: gross notional over equity after an order on a margin instrument.
 *   <li>{@code minLiquidationDistancePct}: the adverse move of the whole book that would take equity down to the
 *       margin held, (equity - margin) / gross notional, must stay at least this (margin instruments).
 *   <li>{@code priceBandPct}: an intent whose reference price is further than this from the last price is refused.
 *   <li>{@code hardCapEquityMultiple}: the hard cap, never off and checked whatever the other limits say: an order
 *       that opens or adds and whose notional is above this many times equity is refused as absurd, as is any order
 *       whose quantity, price or notional is not finite ({@link PreTradeCheck#ABSURD_ORDER}).
 * </ul>
 */
public record RiskLimits(
    double maxPositionPct,
    double cashBufferPct,
    double riskPerTradePct,
    double defaultStopPct,
    double portfolioRiskPct,
    double concentrationPct,
    int maxOpenPositions,
    double maxCorrelation,
    int tradesPerMinute,
    int tradesPerHour,
    int tradesPerDay,
    int ordersPerSecond,
    double maxLeverage,
    double minLiquidationDistancePct,
    double priceBandPct,
    double hardCapEquityMultiple)
    implements CborSerializable {

  /** The hard cap's default (config/risk.conf holds the same value): an order's notional up to 10x equity. */
  public static final double DEFAULT_HARD_CAP = 10;

  public RiskLimits {
    if (!(maxPositionPct > 0)) throw new InvalidInputException("risk max-position-pct must be > 0, got " + maxPositionPct);
    if (!(defaultStopPct > 0)) throw new InvalidInputException("risk default-stop-pct must be > 0, got " + defaultStopPct);
    for (double v : new double[] {cashBufferPct, riskPerTradePct, portfolioRiskPct, concentrationPct, maxCorrelation, maxLeverage, minLiquidationDistancePct, priceBandPct}) {
      if (!(v >= 0)) throw new InvalidInputException("risk limits must be >= 0, got " + v);
    }
    if (!(hardCapEquityMultiple > 0 && Double.isFinite(hardCapEquityMultiple))) {
      throw new InvalidInputException("troupe.risk.hard-cap-x-equity must be a finite number > 0, got " + hardCapEquityMultiple);
    }
    if (maxOpenPositions < 0 || tradesPerMinute < 0 || tradesPerHour < 0 || tradesPerDay < 0 || ordersPerSecond < 0) {
      throw new InvalidInputException("risk counts must be >= 0");
    }
  }

  /** Every limit, with the default hard cap. */
  public RiskLimits(
      double maxPositionPct,
      double cashBufferPct,
      double riskPerTradePct,
      double defaultStopPct,
      double portfolioRiskPct,
      double concentrationPct,
      int maxOpenPositions,
      double maxCorrelation,
      int tradesPerMinute,
      int tradesPerHour,
      int tradesPerDay,
      int ordersPerSecond,
      double maxLeverage,
      double minLiquidationDistancePct,
      double priceBandPct) {
    this(maxPositionPct, cashBufferPct, riskPerTradePct, defaultStopPct, portfolioRiskPct, concentrationPct, maxOpenPositions, maxCorrelation,
        tradesPerMinute, tradesPerHour, tradesPerDay, ordersPerSecond, maxLeverage, minLiquidationDistancePct, priceBandPct, DEFAULT_HARD_CAP);
  }

  /** The two limits of the first version; every other rule off, so existing callers decide exactly as before. */
  public RiskLimits(double maxPositionPct, double cashBufferPct) {
    this(maxPositionPct, cashBufferPct, 0, 0.005, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** The design's seed defaults (config/risk.conf holds the same values). */
  public static RiskLimits defaults() {
    return new RiskLimits(0.10, 0.002, 0.01, 0.005, 0.02, 0.30, 10, 0.80, 1, 10, 50, 5, 3.0, 0.10, 0.05);
  }

  /**
   * Only what the account can pay for: no position cap (infinite), no cash buffer, every other rule off. The hard cap
   * stays, as it always does; available cash (spot) and free margin (futures-like) are still checked. Bare runs use it.
   */
  public static RiskLimits cashAndMarginOnly(double defaultStopPct, double hardCapEquityMultiple) {
    return new RiskLimits(Double.POSITIVE_INFINITY, 0, 0, defaultStopPct, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, hardCapEquityMultiple);
  }

  /** Reads a {@code troupe.risk} section; percent keys are in percent, as in config/risk.conf. */
  public static RiskLimits fromConfig(Config c) {
    try {
      return new RiskLimits(
          c.getDouble("max-position-pct") / 100,
          c.getDouble("cash-buffer-pct") / 100,
          c.getDouble("risk-per-trade-pct") / 100,
          c.getDouble("default-stop-pct") / 100,
          c.getDouble("portfolio-risk-pct") / 100,
          c.getDouble("concentration-pct") / 100,
          c.getInt("max-open-positions"),
          c.getDouble("max-correlation"),
          c.getInt("trades-per-strategy.per-minute"),
          c.getInt("trades-per-strategy.per-hour"),
          c.getInt("trades-per-strategy.per-day"),
          c.getInt("orders-per-second"),
          c.getDouble("max-leverage"),
          c.getDouble("min-liquidation-distance-pct") / 100,
          c.getDouble("price-band-pct") / 100,
          c.hasPath("hard-cap-x-equity") ? c.getDouble("hard-cap-x-equity") : DEFAULT_HARD_CAP);
    } catch (com.typesafe.config.ConfigException e) {
      throw new InvalidInputException("troupe.risk: " + e.getMessage(), e);
    }
  }
}
