package io.troupe.gateway.sim;

import io.troupe.model.OrderRequest;

/**
 * A snapshot of an order still working at the simulated exchange. {@code order} carries the current quantity and prices
 * (after rounding and any modify); {@code averageFillPrice} is NaN before the first fill; {@code triggered} tells a
 * stop or stop-limit whose stop was reached.
 */
public record WorkingOrder(OrderRequest order, double filledQuantity, double averageFillPrice, boolean triggered) {

  public double remainingQuantity() {
    return order.quantity() - filledQuantity;
  }
}
