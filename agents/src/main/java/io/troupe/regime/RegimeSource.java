package io.troupe.regime;

import io.troupe.market.Bar;

/** Where a desk's meta-controller gets its confirmed regime from, one bar at a time. */
public interface RegimeSource {
  /** Takes the next bar; returns the confirmed change it causes, or null. */
  RegimeChange update(Bar bar);

  /** Takes the next bar and whether returns across symbols just spiked in correlation (a stress sign). */
  default RegimeChange update(Bar bar, boolean correlationSpike) {
    return update(bar);
  }

  /** The confirmed regime, null before the first confirmation. */
  Regime confirmed();
}
