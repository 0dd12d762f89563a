package io.troupe.model;

/** Whether a fill added liquidity (maker, resting limit) or took it (taker: market, stop, marketable limit). */
public enum Liquidity {
  MAKER,
  TAKER
}
