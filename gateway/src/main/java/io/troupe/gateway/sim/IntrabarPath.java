package io.troupe.gateway.sim;

import io.troupe.market.Bar;

/**
 * The assumed price path inside one bar: open, then whichever extreme is nearer the open, then the other, then close;
 * on a tie the high comes first. Positions along the path are the cumulative absolute price distance travelled from
 * the open, so "earlier on the path" is "smaller position". Mutable and reused, so matching allocates nothing.
 */
final class IntrabarPath {
  private final double[] price = new double[4];
  private final double[] position = new double[4];

  void reset(Bar bar) {
    double open = bar.open();
    double close = bar.close();
    // Dirty data may have high/low that do not bracket open/close; widen so the path stays within [low, high].
    double high = Math.max(bar.high(), Math.max(open, close));
    double low = Math.min(bar.low(), Math.min(open, close));
    boolean highFirst = high - open <= open - low;
    price[0] = open;
    price[1] = highFirst ? high : low;
    price[2] = highFirst ? low : high;
    price[3] = close;
    position[0] = 0;
    for (int i = 1; i < 4; i++) position[i] = position[i - 1] + Math.abs(price[i] - price[i - 1]);
  }

  double open() {
    return price[0];
  }

  /** First position at or after {@code from} where the path trades at or above {@code level}; NaN if it never does. */
  double firstAtOrAbove(double level, double from) {
    for (int i = 0; i < 3; i++) {
      if (position[i + 1] < from) continue;
      double startPosition = Math.max(from, position[i]);
      double startPrice = priceOnSegment(i, startPosition);
      if (startPrice >= level) return startPosition;
      if (price[i + 1] >= level) return startPosition + (level - startPrice);
    }
    return Double.NaN;
  }

  /** First position at or after {@code from} where the path trades at or below {@code level}; NaN if it never does. */
  double firstAtOrBelow(double level, double from) {
    for (int i = 0; i < 3; i++) {
      if (position[i + 1] < from) continue;
      double startPosition = Math.max(from, position[i]);
      double startPrice = priceOnSegment(i, startPosition);
      if (startPrice <= level) return startPosition;
      if (price[i + 1] <= level) return startPosition + (startPrice - level);
    }
    return Double.NaN;
  }

  private double priceOnSegment(int segment, double at) {
    double from = price[segment];
    double to = price[segment + 1];
    if (to == from) return from;
    return from + Math.signum(to - from) * (at - position[segment]);
  }
}
