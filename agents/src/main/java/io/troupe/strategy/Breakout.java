package io.troupe.strategy;

import io.troupe.indicator.HighestHigh;
import io.troupe.indicator.LowestLow;
import io.troupe.indicator.SimpleMovingAverage;
import io.troupe.market.Bar;

/**
 * Momentum breakout: long when the close breaks above the highest high of the previous {@code lookback} bars on
 * volume at least {@code volumeMult} times their average; flat when it breaks below their lowest low. The channel
 * is read before the current bar joins it, so a bar never breaks out of a range it defines itself.
 */
public final class Breakout implements Strategy {
  private final int lookback;
  private final double volumeMult;
  private final HighestHigh highest;
  private final LowestLow lowest;
  private final SimpleMovingAverage avgVolume;
  private boolean inPosition;

  public Breakout(int lookback, double volumeMult) {
    this.lookback = lookback;
    this.volumeMult = volumeMult;
    this.highest = new HighestHigh(lookback);
    this.lowest = new LowestLow(lookback);
    this.avgVolume = new SimpleMovingAverage(lookback);
  }

  @Override
  public java.util.List<String> indicators() {
    return java.util.List.of("highest(" + lookback + ")", "lowest(" + lookback + ")");
  }

  @Override
  public String name() {
    return "breakout(" + lookback + "," + volumeMult + ")";
  }

  @Override
  public int warmUpBars() {
    return lookback + 1;
  }

  @Override
  public Signal onBar(Bar bar) {
    Signal out = null;
    if (highest.isWarm() && lowest.isWarm()) {
      boolean volumeOk = !bar.hasVolume() || !avgVolume.isWarm() || bar.volume() >= volumeMult * avgVolume.value();
      if (!inPosition && bar.close() > highest.value() && volumeOk) {
        inPosition = true;
        out = new Signal(bar.symbol(), bar.time(), Direction.LONG, 1, 1, lowest.value(), Double.NaN, name());
      } else if (inPosition && bar.close() < lowest.value()) {
        inPosition = false;
        out = Signal.of(bar.symbol(), bar.time(), Direction.FLAT, name());
      }
    }
    highest.update(bar);
    lowest.update(bar);
    if (bar.hasVolume()) avgVolume.update(bar.volume());
    return out;
  }
}
