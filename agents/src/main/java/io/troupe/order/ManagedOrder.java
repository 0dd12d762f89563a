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

  /**
   * A fill of {@code oldQty} at {@code oldPrice} now stands at {@code newQty} at {@code newPrice} (the venue corrected or
   * busted it). The order keeps its status: one that ended stays ended (a venue does not put a busted trade's quantity
   * back to work), one working keeps working.
   */
  ManagedOrder withCorrection(double oldQty, double oldPrice, double newQty, double newPrice, long time) {
    double filled = Math.max(0, filledQuantity - oldQty + newQty);
    double avg = filled <= 1e-12 ? 0 : (avgFillPrice * filledQuantity - oldPrice * oldQty + newPrice * newQty) / filled;
    String why = newQty <= 0 ? "trade_bust" : "trade_corrected";
    return new ManagedOrder(request, status, filled, avg, createdAt, time, reason, specialist, venueReason.isEmpty() ? why : venueReason + "; " + why);
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
