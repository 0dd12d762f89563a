package io.troupe.risk;

import io.troupe.persistence.CborSerializable;

/**
 * The limits the risk supervisor enforces. {@code maxPositionPct} caps one position's notional as a share of equity;
 * {@code cashBufferPct} keeps room for fees and slippage when checking available cash.
 */
public record RiskLimits(double maxPositionPct, double cashBufferPct) implements CborSerializable {
  public static RiskLimits defaults() {
    return new RiskLimits(0.10, 0.002);
  }
}
