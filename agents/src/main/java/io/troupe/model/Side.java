package io.troupe.model;

public enum Side {
  BUY,
  SELL;

  public Side opposite() {
    return this == BUY ? SELL : BUY;
  }

  /** +1 for a buy, -1 for a sell: multiplies a quantity into a signed position change. */
  public int sign() {
    return this == BUY ? 1 : -1;
  }
}
