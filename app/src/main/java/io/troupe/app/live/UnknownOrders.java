package io.troupe.app.live;

import com.typesafe.config.Config;

/**
 * What a live session does with an order working at the venue that its journal does not know (troupe.venue.unknown-orders):
 * cancel it (the default: nothing trades on the account that Troupe does not account for), or adopt it (take it over:
 * the venue follows it and the order manager keeps it in its book, its fills from then on in Troupe's account, cancellable
 * by the operator; journaled as adopted): Binance's when the session reconciles, FIX's at logon from its mass status.
 */
public enum UnknownOrders {
  CANCEL,
  ADOPT;

  public static final String KEY = "troupe.venue.unknown-orders";

  public static UnknownOrders fromConfig(Config config) {
    return valueOf(config.getString(KEY).trim().toUpperCase());
  }

  public String code() {
    return name().toLowerCase();
  }
}
