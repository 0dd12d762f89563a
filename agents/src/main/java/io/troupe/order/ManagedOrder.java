package io.troupe.order;

import io.troupe.model.OrderRecord;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderStatus;
import io.troupe.persistence.CborSerializable;

/**
 * One order as its owner, the order manager, knows it. {@code reason} is why it was placed (the intent's reason,
 * reported as the exit reason of the trade it closes); {@code venueReason} is why it ended when the venue ended it.
 */
public record ManagedOrder(
    OrderRequest request,
    OrderStatus status,
    double filledQuantity,
    double avgFillPrice,
    long createdAt,
    long updatedAt,
    String reason,
    String specialist,
    String venueReason)
    implements CborSerializable {

  public double remaining() {
    return request.quantity() - filledQuantity;
  }

  ManagedOrder with(OrderStatus newStatus, long time, String why) {
    return new ManagedOrder(request, newStatus, filledQuantity, avgFillPrice, createdAt, time, reason, specialist, why);
  }

  ManagedOrder withFill(double qty, double price, long time) {
    double filled = filledQuantity + qty;
    double avg = (avgFillPrice * filledQuantity + price * qty) / filled;
    OrderStatus next = filled >= request.quantity() - 1e-9 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
    // A fill reported after the order ended (it filled at the venue before the cancel arrived) is real money: it is
    // applied, and the order stays ended unless it is now filled whole.
    if (status.isFinal() && next != OrderStatus.FILLED) next = status;
    return new ManagedOrder(request, next, filled, avg, createdAt, time, reason, specialist, venueReason);
  }

  public OrderRecord toRecord() {
    return new OrderRecord(
        request.clientOrderId(),
        request.symbol(),
        request.side(),
        request.type(),
        request.quantity(),
        request.limitPrice(),
        request.stopPrice(),
        status.name(),
        filledQuantity,
        filledQuantity > 0 ? avgFillPrice : Double.NaN,
        createdAt,
        updatedAt,
        venueReason.isEmpty() ? reason : reason + ": " + venueReason);
  }
}
