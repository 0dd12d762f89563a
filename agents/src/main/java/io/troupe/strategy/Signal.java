package io.troupe.strategy;

import io.troupe.persistence.CborSerializable;

/**
 * A strategy's opinion on one bar. {@code strength} and {@code confidence} are in [0, 1]; {@code stop} and
 * {@code target} are suggested exit prices ({@code NaN} when the strategy has none). Signals never are orders: the
 * meta-controller sizes them and the risk supervisor decides.
 */
public record Signal(
    String symbol, long time, Direction direction, double strength, double confidence, double stop, double target, String source)
    implements CborSerializable {

  public static Signal of(String symbol, long time, Direction direction, String source) {
    return new Signal(symbol, time, direction, 1.0, 1.0, Double.NaN, Double.NaN, source);
  }
}
