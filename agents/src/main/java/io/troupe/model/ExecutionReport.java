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
   * {@code remaining} is what is still working after this fill; {@code fee} is in the quote currency. {@code charged}
   * is the fee as the venue charged it when that was in another asset (Binance's BNB, or the base asset), else null
   * (and then not journaled).
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
      double remaining,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) ChargedFee charged)
      implements ExecutionReport {
    @com.fasterxml.jackson.annotation.JsonCreator
    public Fill {}

    /** A fill whose fee was charged in the quote currency. */
    public Fill(String clientOrderId, String fillId, String symbol, long time, Side side, double quantity, double price, double fee, Liquidity liquidity,
        double remaining) {
      this(clientOrderId, fillId, symbol, time, side, quantity, price, fee, liquidity, remaining, null);
    }

    /** The same fill under another order id (a venue's id turned into Troupe's). */
    public Fill withOrderId(String id) {
      return new Fill(id, fillId, symbol, time, side, quantity, price, fee, liquidity, remaining, charged);
    }

    /** The same fill with its fee in the quote currency as {@code quoteFee}, and how it was charged. */
    public Fill withFee(double quoteFee, ChargedFee how) {
      return new Fill(clientOrderId, fillId, symbol, time, side, quantity, price, quoteFee, liquidity, remaining, how);
    }
  }

  /**
   * A fee the venue charged in {@code asset} (not the quote currency), {@code amount} of it; {@code rate} is the price of
   * one unit of it in the quote currency the fill's {@code fee} was converted at, and {@code source} where that rate came
   * from ({@code fill_price} for the base asset: the trade's own price; {@code ticker ASSETQUOTE} at the venue's time
   * {@code rateTime}; {@code none}: no rate to be had, so the fill's fee is 0 and this is the only record of it).
   */
  record ChargedFee(String asset, double amount, double rate, String source, long rateTime) {
    public boolean converted() {
      return !"none".equals(source);
    }
  }

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
