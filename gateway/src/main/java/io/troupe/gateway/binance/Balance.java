package io.troupe.gateway.binance;

/** One asset of the account: what is free to trade and what working orders hold. */
public record Balance(String asset, double free, double locked) {
  public double total() {
    return free + locked;
  }
}
