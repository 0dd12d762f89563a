package io.troupe.gateway.feed;

import io.troupe.market.Bar;
import io.troupe.market.Timeframe;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bars built from trades in event time: a trade goes into the bar of its own time's bucket; a bar is finished when
 * the first trade of a later bucket arrives (never by the wall clock, so a replay builds the same bars). A trade
 * older than the bar being built is late and left out (its bar was already emitted).
 */
public final class TradeBars {
  private final Timeframe timeframe;
  private final Map<String, Building> open = new HashMap<>();

  private static final class Building {
    long start;
    double o, h, l, c, v;
  }

  public TradeBars(Timeframe timeframe) {
    this.timeframe = timeframe;
  }

  /**
   * Forgets the bars being built, as after a reconnect: trades made while the connection was down never arrive, so the
   * bar they belonged to is not to be finished from the rest of its trades.
   */
  public void clear() {
    open.clear();
  }

  /** Adds a trade; the bar it finished, if any. {@code late} is told of a trade whose bar is already out. */
  public Optional<Bar> add(String symbol, long time, double price, double quantity, FeedEvents late) {
    long bucket = timeframe.bucketStart(time);
    Building b = open.get(symbol);
    if (b != null && bucket < b.start) {
      late.lateTrade(symbol, time);
      return Optional.empty();
    }
    Optional<Bar> finished = Optional.empty();
    if (b != null && bucket > b.start) {
      finished = Optional.of(new Bar(symbol, b.start, b.o, b.h, b.l, b.c, b.v));
      b = null;
    }
    if (b == null) {
      b = new Building();
      b.start = bucket;
      b.o = b.h = b.l = price;
      open.put(symbol, b);
    }
    b.h = Math.max(b.h, price);
    b.l = Math.min(b.l, price);
    b.c = price;
    b.v += quantity;
    return finished;
  }
}
