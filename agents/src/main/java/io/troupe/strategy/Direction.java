package io.troupe.strategy;

/** What a strategy wants the position to be: long, short, or flat (out of the market). */
public enum Direction {
  LONG,
  SHORT,
  FLAT
}
