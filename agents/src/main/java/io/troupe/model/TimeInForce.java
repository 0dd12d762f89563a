package io.troupe.model;

/** GTC rests until filled or cancelled; IOC fills what it can on its first bar and cancels the rest; FOK fills whole on its first bar or not at all. */
public enum TimeInForce {
  GTC,
  IOC,
  FOK
}
