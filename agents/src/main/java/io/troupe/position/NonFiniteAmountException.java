package io.troupe.position;

import java.time.Instant;

/**
 * A money amount the accounts would hold or write (a fee, a P&L, a notional, a quantity, cash, equity) is not a finite
 * number. Never written: the accounts refuse the fill or the mark that would produce it, naming the symbol and the
 * event time. Input that gets this far has passed the readers' price sanity limits, so this is a failure of the run,
 * not a row to skip.
 */
public final class NonFiniteAmountException extends IllegalStateException {
  private final String symbol;
  private final long time;

  public NonFiniteAmountException(String symbol, long time, String detail) {
    super(symbol + " at " + (time == Long.MIN_VALUE ? "?" : Instant.ofEpochMilli(time).toString()) + ": " + detail + " (not a finite amount; nothing written)");
    this.symbol = symbol;
    this.time = time;
  }

  public String symbol() {
    return symbol;
  }

  public long time() {
    return time;
  }
}
