package io.troupe.gateway.feed;

import io.troupe.model.InvalidInputException;
import java.util.Locale;

/**
 * Where a live feed's bars come from once the venue's history is out: the venue's own closed bars (Binance's klines),
 * or bars built from its trades in event time ({@link TradeBars}), for a venue or a timeframe that has no bar stream of
 * its own, or to see each bar's trades as they happen.
 */
public enum BarSource {
  KLINES,
  TRADES;

  /** {@code klines} or {@code trades}, as {@code key} gives it; anything else is bad input naming the key. */
  public static BarSource parse(String key, String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(key + ": '" + value + "' is not one of klines, trades");
    }
  }
}
