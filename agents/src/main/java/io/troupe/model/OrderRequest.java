package io.troupe.model;

import io.troupe.persistence.CborSerializable;

/**
 * An order as sent to a venue. {@code clientOrderId} is the idempotency key: a venue that sees it twice keeps one order.
 * Prices that do not apply to the type are {@code NaN}. {@code decidedAt} is the event time (epoch ms) of the bar
 * the decision was taken on: the order may act from the next bar on.
 */
public record OrderRequest(
    String clientOrderId,
    String symbol,
    Side side,
    OrderType type,
    double quantity,
    double limitPrice,
    double stopPrice,
    TimeInForce timeInForce,
    boolean postOnly,
    boolean reduceOnly,
    long decidedAt)
    implements CborSerializable {

  public static OrderRequest market(String id, String symbol, Side side, double qty, long decidedAt) {
    return new OrderRequest(id, symbol, side, OrderType.MARKET, qty, Double.NaN, Double.NaN, TimeInForce.GTC, false, false, decidedAt);
  }

  public static OrderRequest limit(String id, String symbol, Side side, double qty, double price, long decidedAt) {
    return new OrderRequest(id, symbol, side, OrderType.LIMIT, qty, price, Double.NaN, TimeInForce.GTC, false, false, decidedAt);
  }

  public static OrderRequest stop(String id, String symbol, Side side, double qty, double stopPrice, long decidedAt) {
    return new OrderRequest(id, symbol, side, OrderType.STOP, qty, Double.NaN, stopPrice, TimeInForce.GTC, false, false, decidedAt);
  }

  public OrderRequest withTimeInForce(TimeInForce tif) {
    return new OrderRequest(clientOrderId, symbol, side, type, quantity, limitPrice, stopPrice, tif, postOnly, reduceOnly, decidedAt);
  }

  public OrderRequest withPostOnly(boolean value) {
    return new OrderRequest(clientOrderId, symbol, side, type, quantity, limitPrice, stopPrice, timeInForce, value, reduceOnly, decidedAt);
  }

  public OrderRequest withReduceOnly(boolean value) {
    return new OrderRequest(clientOrderId, symbol, side, type, quantity, limitPrice, stopPrice, timeInForce, postOnly, value, decidedAt);
  }

  public OrderRequest withStopLimit(double stop, double limit) {
    return new OrderRequest(clientOrderId, symbol, side, OrderType.STOP_LIMIT, quantity, limit, stop, timeInForce, postOnly, reduceOnly, decidedAt);
  }
}
