package io.troupe.desk;

import io.troupe.persistence.CborSerializable;

/**
 * How a desk turns a signal into a quantity: a fixed number of units ({@code stakeUnits} > 0), or a share of equity
 * ({@code equityFraction}). {@code allowShort} lets SHORT signals open short positions; otherwise they mean flat.
 */
public record PositionSizing(double stakeUnits, double equityFraction, boolean allowShort) implements CborSerializable {

  public static PositionSizing fractionOfEquity(double fraction) {
    return new PositionSizing(0, fraction, false);
  }

  public double quantity(double equity, double price, double multiplier) {
    if (stakeUnits > 0) return stakeUnits;
    if (!(price > 0) || !(equity > 0)) return 0;
    return equity * equityFraction / (price * multiplier);
  }
}
