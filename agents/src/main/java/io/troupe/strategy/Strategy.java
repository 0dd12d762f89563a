package io.troupe.strategy;

import io.troupe.market.Bar;

/**
 * Bar in, signal out. Implementations keep their own incremental state and must be deterministic: the same bars
 * give the same signals. {@link #onBar} returns {@code null} when the strategy has no new opinion on this bar.
 */
public interface Strategy {
  String name();

  Signal onBar(Bar bar);

  /**
   * The kind of strategy, for rules that depend on it (the minimum hold): "mean-reversion", "regime",
   * "microstructure", "event", or "default" for none.
   */
  default String strategyType() {
    return "default";
  }

  /**
   * How long this strategy holds a position at most, in event time, when it has a limit of its own (a genome's
   * {@code max_holding_hours} or {@code max_holding_days}); 0 for none, and then {@code troupe.exits.max-age} applies.
   * Its own limit wins over the global age: a genome built to hold for days is not closed after the global hour.
   */
  default long holdingLimitMillis() {
    return 0;
  }

  /** The venue refused an order this strategy's signal led to; a strategy that tracks its own position resets it here. */
  default void onRejected(io.troupe.model.VenueRejection rejection) {}

  /**
   * The indicators this strategy reads that live on the price scale, as {@code troupe indicators} specs such as
   * {@code ema(12)} or {@code bbands(20,2)} ({@link io.troupe.indicator.IndicatorSpec}): the report draws them over
   * the symbol's price. None by default.
   */
  default java.util.List<String> indicators() {
    return java.util.List.of();
  }

  /** Bars needed before the first signal can be trusted; a hot-swapped specialist warms up on this many. */
  default int warmUpBars() {
    return 0;
  }
}
