package io.troupe.indicator;

import io.troupe.market.Bar;

/**
 * An indicator of one number per bar (the close by default), which can therefore be fed any series: an EMA of an
 * oscillator, an SMA of %K, and so on.
 */
public interface SingleInputIndicator extends Indicator {

  void update(double x);

  @Override
  default void update(Bar bar) {
    update(bar.close());
  }

  static void checkLine(int line, int lines) {
    if (line < 0 || line >= lines) {
      throw new IndexOutOfBoundsException("line " + line + " of " + lines);
    }
  }
}
