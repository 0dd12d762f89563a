package io.troupe.exit;

import io.troupe.persistence.CborSerializable;

/**
 * What the exit rules remember about one open position, updated once per bar by {@link ExitPolicy#onBar}.
 * {@code direction} is +1 long, -1 short; {@code initialQuantity} is the absolute size at entry (partials are shares
 * of it); {@code peakProfitPct} is the best close-to-entry return seen; {@code bracketAtVenue} is true when the stop
 * and target rest at the venue as a one-cancels-other pair, so the bar-close rules do not exit on them a second time.
 * {@code maxAgeMillis} is this position's age limit: its specialist's own holding limit, else the configured max age
 * (0: none).
 */
public record ExitState(
    String symbol,
    int direction,
    double entryPrice,
    long entryTime,
    double initialQuantity,
    String strategyType,
    double stopPrice,
    String stopReason,
    double targetPrice,
    boolean bracketAtVenue,
    double peakProfitPct,
    boolean trailingArmed,
    int partialsDone,
    long maxAgeMillis)
    implements CborSerializable {

  /** Signed profit of {@code price} against the entry, as a fraction of the entry price. */
  public double profitAt(double price) {
    return direction * (price - entryPrice) / entryPrice;
  }

  ExitState observed(double peak, boolean armed) {
    return new ExitState(symbol, direction, entryPrice, entryTime, initialQuantity, strategyType, stopPrice, stopReason, targetPrice, bracketAtVenue, peak, armed, partialsDone, maxAgeMillis);
  }

  ExitState withPartialsDone(int n) {
    return new ExitState(symbol, direction, entryPrice, entryTime, initialQuantity, strategyType, stopPrice, stopReason, targetPrice, bracketAtVenue, peakProfitPct, trailingArmed, n, maxAgeMillis);
  }

  /** The stop moved (for example to break-even by the caller); everything else kept. */
  public ExitState withStop(double stop) {
    return new ExitState(symbol, direction, entryPrice, entryTime, initialQuantity, strategyType, stop, stopReason, targetPrice, bracketAtVenue, peakProfitPct, trailingArmed, partialsDone, maxAgeMillis);
  }
}
