package io.troupe.gateway.sim;

import io.troupe.model.Liquidity;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderType;
import io.troupe.model.Side;
import io.troupe.model.TimeInForce;

/**
 * Mutable state of one order accepted by the simulated exchange; the scratch fields hold what a {@link FillModel}
 * decided for it on the bar being matched, until the engine applies that outcome in path order.
 */
final class OrderState {

  /** What a bar does to an order. */
  enum Outcome {
    NONE,
    FILL,
    POST_ONLY_CANCEL,
    EXPIRE
  }

  final String id;
  final String symbol;
  final Side side;
  final OrderType type;
  final TimeInForce timeInForce;
  final boolean postOnly;
  final boolean reduceOnly;
  final long decidedAt;
  final long eligibleAfter;
  double quantity;
  double limitPrice;
  double stopPrice;
  double filled;
  double filledNotional;
  int fillCount;
  boolean triggered;
  boolean restedOnce;
  boolean finished;

  Outcome outcome = Outcome.NONE;
  double outcomePosition;
  double outcomePrice;
  Liquidity outcomeLiquidity;

  OrderState(OrderRequest request, double quantity, double limitPrice, double stopPrice, long eligibleAfter) {
    this.id = request.clientOrderId();
    this.symbol = request.symbol();
    this.side = request.side();
    this.type = request.type();
    this.timeInForce = request.timeInForce();
    this.postOnly = request.postOnly();
    this.reduceOnly = request.reduceOnly();
    this.decidedAt = request.decidedAt();
    this.eligibleAfter = eligibleAfter;
    this.quantity = quantity;
    this.limitPrice = limitPrice;
    this.stopPrice = stopPrice;
  }

  boolean buy() {
    return side == Side.BUY;
  }

  double remaining() {
    return quantity - filled;
  }

  /** Whether the order currently behaves as a limit (a plain limit, or a stop-limit whose stop was reached). */
  boolean actsAsLimit() {
    return type == OrderType.LIMIT || (type == OrderType.STOP_LIMIT && triggered);
  }

  void setFill(double position, double price, Liquidity liquidity) {
    outcome = Outcome.FILL;
    outcomePosition = position;
    outcomePrice = price;
    outcomeLiquidity = liquidity;
  }

  WorkingOrder snapshot() {
    OrderRequest current =
        new OrderRequest(id, symbol, side, type, quantity, limitPrice, stopPrice, timeInForce, postOnly, reduceOnly, decidedAt);
    double average = filled > 0 ? filledNotional / filled : Double.NaN;
    return new WorkingOrder(current, filled, average, triggered);
  }
}
