package io.troupe.app.live;

/**
 * An order as the venue holds it. {@code orderId} is Troupe's order id when the order carries this session's tag (null:
 * another client's order, or an older session's); {@code venueId} the id the venue knows it by (Binance's client order
 * id, FIX's ClOrdID). {@code open}: still working at the venue. {@code executedQuote}: what its fills came to in the
 * quote currency (Binance's cumulative quote quantity), NaN when the venue does not say: the balances' reconciliation
 * values the fills found while down with it.
 */
public record VenueOrder(String venueId, String orderId, String symbol, String side, double quantity, double executed, boolean open,
    double executedQuote) {

  public VenueOrder(String venueId, String orderId, String symbol, String side, double quantity, double executed, boolean open) {
    this(venueId, orderId, symbol, side, quantity, executed, open, Double.NaN);
  }
}
