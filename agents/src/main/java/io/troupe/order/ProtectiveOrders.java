package io.troupe.order;

import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import io.troupe.model.TimeInForce;

/**
 * Stops and emergency exits go out at market and reduce-only: a protective exit must fill now and must never open or
 * flip a position, whatever else filled before it.
 */
public final class ProtectiveOrders {
  private ProtectiveOrders() {}

  /** A stop that fired (at a bar's close) or a bar-close exit rule: market, reduce-only. */
  public static OrderRequest stopExit(String clientOrderId, String symbol, Side side, double quantity, long decidedAt) {
    return OrderRequest.market(clientOrderId, symbol, side, quantity, decidedAt).withReduceOnly(true);
  }

  /** Halt flatten, kill switch, liquidation guard: market, reduce-only, immediate-or-cancel. */
  public static OrderRequest emergencyExit(String clientOrderId, String symbol, Side side, double quantity, long decidedAt) {
    return OrderRequest.market(clientOrderId, symbol, side, quantity, decidedAt).withReduceOnly(true).withTimeInForce(TimeInForce.IOC);
  }

  /** A stop resting at the venue: a stop-market order, reduce-only. */
  public static OrderRequest restingStop(String clientOrderId, String symbol, Side side, double quantity, double stopPrice, long decidedAt) {
    return OrderRequest.stop(clientOrderId, symbol, side, quantity, stopPrice, decidedAt).withReduceOnly(true);
  }
}
