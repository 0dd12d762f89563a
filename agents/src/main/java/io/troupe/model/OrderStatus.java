package io.troupe.model;

public enum OrderStatus {
  NEW,
  WORKING,
  PARTIALLY_FILLED,
  FILLED,
  CANCELED,
  REJECTED,
  EXPIRED;

  public boolean isFinal() {
    return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED;
  }
}
