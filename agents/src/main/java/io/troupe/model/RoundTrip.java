package io.troupe.model;

import io.troupe.persistence.CborSerializable;

/**
 * One closed trade, entry to exit: a row of {@code trades.csv}. Times are epoch ms (event time). {@code side} is the
 * entry side ("long" or "short"). {@code pnl} is net of {@code fees} (entry and exit fees both counted).
 */
public record RoundTrip(
    String symbol,
    String side,
    long entryTime,
    double entryPrice,
    long exitTime,
    double exitPrice,
    double quantity,
    double fees,
    double pnl,
    String exitReason,
    String specialist)
    implements CborSerializable {

  public boolean isWin() {
    return pnl > 0;
  }

  public long holdingMillis() {
    return exitTime - entryTime;
  }
}
