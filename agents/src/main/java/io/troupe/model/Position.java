package io.troupe.model;

import io.troupe.persistence.CborSerializable;

/**
 * One net position in one symbol. {@code quantity} is signed (negative for short). {@code openFees} are the entry fees
 * of the part still open; they are charged to the round trip that closes it. {@code entryTime} is when the position
 * last opened from flat; {@code specialist} is who opened it.
 */
public record Position(
    String symbol,
    double quantity,
    double avgPrice,
    double openFees,
    double realizedPnl,
    long entryTime,
    String specialist,
    double lastPrice)
    implements CborSerializable {

  public static Position flat(String symbol) {
    return new Position(symbol, 0, 0, 0, 0, 0, "", Double.NaN);
  }

  public boolean isFlat() {
    return quantity == 0;
  }

  public boolean isLong() {
    return quantity > 0;
  }

  public Position withLastPrice(double price) {
    return new Position(symbol, quantity, avgPrice, openFees, realizedPnl, entryTime, specialist, price);
  }

  /** Profit since entry as a fraction of the entry price, signed for the position's side. */
  public double unrealizedReturn() {
    if (isFlat() || Double.isNaN(lastPrice) || avgPrice == 0) return 0;
    return Math.signum(quantity) * (lastPrice - avgPrice) / avgPrice;
  }
}
