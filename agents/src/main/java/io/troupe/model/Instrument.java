package io.troupe.model;

import io.troupe.persistence.CborSerializable;

/**
 * What can be traded and how it settles. Spot: buying pays the full price from cash. Futures-like: P&L is the price
 * change times the {@code multiplier}, and {@code marginPerContract} is reserved instead of the price.
 * A tick or lot size of 0 means no rounding.
 */
public record Instrument(String symbol, Kind kind, double tickSize, double lotSize, double multiplier, double marginPerContract)
    implements CborSerializable {

  public enum Kind {
    SPOT,
    FUTURE
  }

  public static Instrument spot(String symbol) {
    return new Instrument(symbol, Kind.SPOT, 0, 0, 1, 0);
  }

  public static Instrument future(String symbol, double multiplier, double marginPerContract) {
    return new Instrument(symbol, Kind.FUTURE, 0, 0, multiplier, marginPerContract);
  }

  public Instrument withTickSize(double tick) {
    return new Instrument(symbol, kind, tick, lotSize, multiplier, marginPerContract);
  }

  public Instrument withLotSize(double lot) {
    return new Instrument(symbol, kind, tickSize, lot, multiplier, marginPerContract);
  }

  /** Rounds a price to the nearest tick. */
  public double roundPrice(double price) {
    if (tickSize <= 0 || Double.isNaN(price)) return price;
    return Math.round(price / tickSize) * tickSize;
  }

  /** Rounds a quantity down to a whole number of lots, so an order never exceeds what was sized. */
  public double roundQuantity(double quantity) {
    if (lotSize <= 0) return quantity;
    return Math.floor(quantity / lotSize + 1e-9) * lotSize;
  }

  /** Cash a position of this size needs: the notional for spot, the margin for futures. */
  public double requiredCapital(double quantity, double price) {
    double q = Math.abs(quantity);
    return kind == Kind.SPOT ? q * price * multiplier : q * marginPerContract;
  }
}
