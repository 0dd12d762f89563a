package io.troupe.model;

/**
 * ACTIVE: every check applies as usual. REDUCING: only orders that shrink a position without flipping it.
 * HALTED: no new entries; working orders are cancelled; exits that only shrink a position still pass, so a halt never
 * traps a position that a stop wants out of. RECONCILING: a live session compares the venue with its journal after a
 * start or restart; nothing at all goes out (not even an exit) until that ends, and it outranks every other state.
 */
public enum TradingState {
  ACTIVE,
  REDUCING,
  HALTED,
  RECONCILING
}
