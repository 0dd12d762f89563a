package io.troupe.model;

public enum OrderType {
  MARKET,
  LIMIT,
  STOP,
  STOP_LIMIT
}
