package io.troupe.sizing;

/**
 * What a sizer reads: account equity, the entry price, the stop price (NaN when none), the ATR at entry (NaN when not
 * warm) and the instrument's multiplier (value of one unit per unit of price).
 */
public record SizingInput(double equity, double price, double stopPrice, double atr, double multiplier) {
  public static SizingInput of(double equity, double price) {
    return new SizingInput(equity, price, Double.NaN, Double.NaN, 1);
  }
}
