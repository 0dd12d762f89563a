package io.troupe.sizing;

/**
 * How many units to hold, always >= 0 (the caller applies direction, lot rounding and the risk checks). A sizer that
 * cannot size (no price, no stop, no ATR) returns 0: no position rather than a guess.
 */
public interface PositionSizer {
  double quantity(SizingInput in);

  static boolean usable(double v) {
    return v > 0 && Double.isFinite(v);
  }
}
