package io.troupe.indicator;

import io.troupe.market.Bar;

/**
 * An incremental technical indicator: fed one bar at a time, O(1) work per bar (O(period) at most) and no allocation
 * on the hot path. Until a line is defined its value is {@code Double.NaN}, never 0. Definitions, seeding and the bar
 * at which the indicator becomes warm follow TA-Lib (unstable period 0, default compatibility).
 */
public interface Indicator {

  /** Feeds the next bar; bars must arrive in time order. */
  void update(Bar bar);

  /** True once every line has a value (TA-Lib's first output index). */
  boolean isWarm();

  /** Number of output lines (1 for most indicators; multi-line ones override). */
  default int lines() {
    return 1;
  }

  /** Name of line {@code i}, e.g. {@code upper}; for single-line indicators the indicator name. */
  default String lineName(int i) {
    SingleInputIndicator.checkLine(i, 1);
    return name();
  }

  /** Current value of line {@code i}, {@code NaN} while that line is not yet defined. */
  double value(int line);

  /** Current value of line 0. */
  default double value() {
    return value(0);
  }

  /** Canonical name with parameters, e.g. {@code sma(30)}. */
  String name();
}
