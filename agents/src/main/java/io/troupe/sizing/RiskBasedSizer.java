package io.troupe.sizing;

/**
 * Risk a fixed share of equity between entry and stop: quantity = equity x riskPct / (|price - stop| x multiplier).
 * Without a stop, {@code defaultStopPct} of the price is the distance (the same default the risk check assumes).
 */
public record RiskBasedSizer(double riskPct, double defaultStopPct) implements PositionSizer {
  @Override
  public double quantity(SizingInput in) {
    if (!PositionSizer.usable(in.equity()) || !PositionSizer.usable(in.price())) return 0;
    double distance = Double.isNaN(in.stopPrice()) ? defaultStopPct * in.price() : Math.abs(in.price() - in.stopPrice());
    if (!PositionSizer.usable(distance)) return 0;
    return in.equity() * riskPct / (distance * in.multiplier());
  }
}
