package io.troupe.market;

import io.troupe.persistence.CborSerializable;
import java.time.Instant;

/**
 * One OHLCV bar. {@code time} is the bar's start in epoch milliseconds (UTC); a long rather than an
 * {@link Instant} keeps the hot path free of allocation. {@code volume} is {@code NaN} when the source has none.
 */
public record Bar(String symbol, long time, double open, double high, double low, double close, double volume)
    implements CborSerializable {

  public Instant start() {
    return Instant.ofEpochMilli(time);
  }

  public boolean hasVolume() {
    return !Double.isNaN(volume);
  }

  public Bar withSymbol(String newSymbol) {
    return new Bar(newSymbol, time, open, high, low, close, volume);
  }
}
