package io.troupe.strategy;

import io.troupe.market.Bar;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Hand-made bars and fixture paths for the strategy tests. */
final class Bars {
  private Bars() {}

  static Bar bar(long i, double open, double high, double low, double close, double volume) {
    return new Bar("X", i * 60_000L, open, high, low, close, volume);
  }

  static Bar flat(long i, double close, double volume) {
    return bar(i, close, close, close, close, volume);
  }

  static Path fixture(String name) {
    try {
      return Path.of(Bars.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
