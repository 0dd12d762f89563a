package io.troupe.app.live;

import com.typesafe.config.Config;

/**
 * What a live session does with an order working at the venue that its journal does not know (troupe.venue.unknown-orders):
 * cancel it (the default: nothing trades on the account that Troupe does not account for), or adopt it (leave it working,
 * journaled as adopted; on Binance Troupe does not manage it and its fills are not in Troupe's account; the FIX venue
 * takes it into the order book at logon, where it is managed and its later fills count).
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
