package io.troupe.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.troupe.persistence.CborSerializable;

/**
 * What a venue says about an order: one typed protocol for every venue (simulated, FIX, REST).
 * {@code time} is event time in epoch ms.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ExecutionReport.Ack.class, name = "ack"),
  @JsonSubTypes.Type(value = ExecutionReport.Rejected.class, name = "rejected"),
  @JsonSubTypes.Type(value = ExecutionReport.Fill.class, name = "fill"),
  @JsonSubTypes.Type(value = ExecutionReport.Canceled.class, name = "canceled"),
  @JsonSubTypes.Type(value = ExecutionReport.Expired.class, name = "expired"),
  @JsonSubTypes.Type(value = ExecutionReport.Modified.class, name = "modified"),
  @JsonSubTypes.Type(value = ExecutionReport.CancelRejected.class, name = "cancel_rejected"),
  @JsonSubTypes.Type(value = ExecutionReport.TradeCorrection.class, name = "trade_correction"),
  @JsonSubTypes.Type(value = ExecutionReport.Adopted.class, name = "adopted")
})
public sealed interface ExecutionReport extends CborSerializable {
  String clientOrderId();

  String symbol();

  long time();

  /** The venue accepted the order; it is working. */
  record Ack(String clientOrderId, String symbol, long time) implements ExecutionReport {}

  /** The venue refused the order (or a cancel/modify of it); {@code reason} is a short code such as {@code post_only_would_take}. */
  record Rejected(String clientOrderId, String symbol, long time, String reason) implements ExecutionReport {}

  /**
   * A fill, whole or partial. {@code fillId} is unique per venue so a repeated report can be recognised.
   * {@code remaining} is what is still working after this fill; {@code fee} is in the quote currency.
   */
  record Fill(
      String clientOrderId,
      String fillId,
      String symbol,
      long time,
      Side side,
      double quantity,
      double price,
      double fee,
      Liquidity liquidity,
      double remaining)
      implements ExecutionReport {}

  record Canceled(String clientOrderId, String symbol, long time, String reason) implements ExecutionReport {}

  /** Ended by its time in force (IOC/FOK remainder, or a venue-side expiry). */
  record Expired(String clientOrderId, String symbol, long time, String reason) implements ExecutionReport {}

  /**
   * A cancel or modify of the order was refused (it had already filled, or the change was invalid); the order itself
   * is as it was.
   */
  record CancelRejected(String clientOrderId, String symbol, long time, String reason) implements ExecutionReport {}

  /** A modify was applied; the order keeps working with the new quantity and prices. */
  record Modified(String clientOrderId, String symbol, long time, double quantity, double limitPrice, double stopPrice)
      implements ExecutionReport {}

  /**
   * The venue corrected or busted a fill it had reported: fill {@code fillId} of the order now stands at {@code quantity}
   * at {@code price} with {@code fee} (quantity 0: busted, the trade never happened). {@code correctionId} is unique per
   * venue like a fill id, so a repeated correction is applied once. The order manager never rewrites the fill: it books
   * compensating fills (the original reversed, the corrected terms booked) and halts new entries until an operator
   * resumes.
   */
  /**
   * The venue took in an order working there that it did not send (another client's, an older session's), as
   * configured (troupe.venue.unknown-orders = adopt): from now on the order manager keeps it as {@code request} (its
   * client order id the venue's name for it), {@code filled} at {@code avgPrice} before it was adopted, which is not
   * Troupe's (no fill is booked for it); its later fills, cancels and ends are reported as for any order.
   */
  record Adopted(String clientOrderId, String symbol, long time, OrderRequest request, double filled, double avgPrice, String venueId)
      implements ExecutionReport {}

  record TradeCorrection(String clientOrderId, String correctionId, String fillId, String symbol, long time, double quantity, double price, double fee)
      implements ExecutionReport {
    public boolean bust() {
      return quantity <= 0;
    }
  }
}
