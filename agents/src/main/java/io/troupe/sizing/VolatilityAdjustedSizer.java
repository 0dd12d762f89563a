package io.troupe.sizing;

/**
 * Risk a fixed share of equity over {@code atrMultiple} ATRs: quantity = equity x riskPct / (atrMultiple x ATR x
 * multiplier). Calm markets get bigger positions, wild ones smaller; no ATR yet means no position.
 */
public record VolatilityAdjustedSizer(double riskPct, double atrMultiple) implements PositionSizer {
  @Override
  public double quantity(SizingInput in) {
    if (!PositionSizer.usable(in.equity()) || !PositionSizer.usable(in.atr()) || !(atrMultiple > 0)) return 0;
    return in.equity() * riskPct / (atrMultiple * in.atr() * in.multiplier());
  }
}
