package io.troupe.sizing;

/** A fixed fraction of equity in notional: quantity = equity x fraction / (price x multiplier). */
public record FixedFractionSizer(double fraction) implements PositionSizer {
  @Override
  public double quantity(SizingInput in) {
    if (!PositionSizer.usable(in.equity()) || !PositionSizer.usable(in.price()) || !(fraction > 0)) return 0;
    return in.equity() * fraction / (in.price() * in.multiplier());
  }
}
