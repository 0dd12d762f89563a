package io.troupe.gateway.binance;

/**
 * A request whose outcome is unknown: no answer in time, a dropped connection, a body that is not JSON. An order
 * sent this way may or may not exist at the venue; the venue adapter finds out by querying its client order id.
 */
public final class BinanceTransportException extends RuntimeException {
  public BinanceTransportException(String request, Throwable cause) {
    super(request + ": no usable answer from Binance: " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
  }
}
