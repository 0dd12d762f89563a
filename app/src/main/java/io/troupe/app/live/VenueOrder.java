package io.troupe.app.live;

/**
 * An order as the venue holds it. {@code orderId} is Troupe's order id when the order carries this session's tag (null:
 * another client's order, or an older session's); {@code venueId} the id the venue knows it by (Binance's client order
 * id, FIX's ClOrdID). {@code open}: still working at the venue.
 */
public record VenueOrder(String venueId, String orderId, String symbol, String side, double quantity, double executed, boolean open) {}
