package io.troupe.example;

import io.troupe.indicator.HighestHigh;
import io.troupe.indicator.LowestLow;
import io.troupe.market.Bar;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import io.troupe.strategy.Strategy;

/**
 * Donchian channel trend following: long when the close breaks above the highest high of the last {@code entry}
 * bars before it, flat when it falls below the lowest low of the last {@code exit} bars. Channels are of the bars
 * before this one, so a bar never breaks its own high.
 */
public final class DonchianTrend implements Strategy {
  private final int entry;
  private final int exit;
  private final HighestHigh upper;
  private final LowestLow lower;
  private boolean long_;

  public DonchianTrend(int entry, int exit) {
    this.entry = entry;
    this.exit = exit;
    this.upper = new HighestHigh(entry);
    this.lower = new LowestLow(exit);
  }

  @Override
  public String name() {
    return "donchian-trend(" + entry + "," + exit + ")";
  }

  /** The two channels, drawn over the price in the report. */
  @Override
  public java.util.List<String> indicators() {
    return java.util.List.of("highest(" + entry + ")", "lowest(" + exit + ")");
  }

  @Override
  public int warmUpBars() {
    return Math.max(entry, exit) + 1;
  }

  @Override
  public Signal onBar(Bar bar) {
    Signal signal = null;
    if (upper.isWarm() && lower.isWarm()) {
      if (!long_ && bar.close() > upper.value(0)) {
        long_ = true;
        signal = Signal.of(bar.symbol(), bar.time(), Direction.LONG, name());
      } else if (long_ && bar.close() < lower.value(0)) {
        long_ = false;
        signal = Signal.of(bar.symbol(), bar.time(), Direction.FLAT, name());
      }
    }
    upper.update(bar);
    lower.update(bar);
    return signal;
  }

  @Override
  public void onRejected(io.troupe.model.VenueRejection rejection) {
    long_ = false; // the entry never happened: the next breakout may try again
  }
}
