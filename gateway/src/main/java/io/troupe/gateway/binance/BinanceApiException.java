package io.troupe.gateway.binance;

/**
 * A request Binance answered with an error: the HTTP status and Binance's own code and message
 * ({@code {"code": -2010, "msg": "..."}}). The message names the method and path only: never the query, the key or
 * the signature.
 */
public final class BinanceApiException extends RuntimeException {
  public static final int INVALID_TIMESTAMP = -1021;
  public static final int TOO_MANY_REQUESTS = -1003;
  public static final int NEW_ORDER_REJECTED = -2010;
  public static final int CANCEL_REJECTED = -2011;
  public static final int NO_SUCH_ORDER = -2013;

  private final int status;
  private final int code;
  private final String venueMessage;

  public BinanceApiException(String request, int status, int code, String venueMessage) {
    super(request + ": HTTP " + status + ", Binance code " + code + ": " + venueMessage);
    this.status = status;
    this.code = code;
    this.venueMessage = venueMessage;
  }

  public int status() {
    return status;
  }

  public int code() {
    return code;
  }

  public String venueMessage() {
    return venueMessage;
  }

  /** 429 (over a rate limit) or 418 (banned for ignoring 429s): wait for Retry-After, then try again. */
  public boolean rateLimited() {
    return status == 429 || status == 418;
  }
}
