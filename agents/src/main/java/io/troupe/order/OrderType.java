package io.troupe.order;

public enum OrderType {
  MARKET,
  LIMIT,
  STOP,
  STOP_LIMIT
}
