package io.troupe.model;

import io.troupe.persistence.CborSerializable;

/**
 * What an agent wants, before risk decides: the net position it wants in {@code symbol} after this order. Desks send
 * entry intents; the position monitor sends exit intents ({@code exit} true, always shrinking a position).
 * {@code referencePrice} is the price the intent was decided at (the bar's close); {@code stopLoss} and
 * {@code takeProfit} are NaN when not set.
 */
public record OrderIntent(
    String symbol,
    long time,
    double targetQuantity,
    double referencePrice,
    double stopLoss,
    double takeProfit,
    String specialist,
    String reason,
    boolean exit)
    implements CborSerializable {

  public static OrderIntent entry(String symbol, long time, double targetQty, double price, String specialist, String reason) {
    return new OrderIntent(symbol, time, targetQty, price, Double.NaN, Double.NaN, specialist, reason, false);
  }

  public static OrderIntent exit(String symbol, long time, double price, String specialist, String reason) {
    return new OrderIntent(symbol, time, 0, price, Double.NaN, Double.NaN, specialist, reason, true);
  }
}
