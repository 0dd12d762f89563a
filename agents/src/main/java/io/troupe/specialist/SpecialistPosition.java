package io.troupe.specialist;

import io.troupe.market.Bar;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;

/**
 * The position a specialist believes it holds, from its own signals, and the exits every specialist shares: the stop
 * or the target touched within the bar (low/high), and a maximum holding time. A specialist emits its own FLAT on
 * these, so it behaves the same whether or not the position monitor also enforces the stop and target; if the monitor
 * closed the position first, the FLAT changes nothing (flat stays flat).
 */
final class SpecialistPosition {
  private final String source;
  private final long maxHoldingMillis;
  Direction side = Direction.FLAT;
  double entryPrice;
  long entryTime;
  double stop = Double.NaN;
  double target = Double.NaN;
  double bestClose;

  /** The longest this specialist holds a position, in event time. */
  long maxHoldingMillis() {
    return maxHoldingMillis;
  }

  SpecialistPosition(String source, long maxHoldingMillis) {
    this.source = source;
    this.maxHoldingMillis = maxHoldingMillis;
  }

  boolean isFlat() {
    return side == Direction.FLAT;
  }

  Signal enter(Bar bar, Direction d, double stopPrice, double targetPrice) {
    side = d;
    entryPrice = bar.close();
    entryTime = bar.time();
    stop = stopPrice;
    target = targetPrice;
    bestClose = bar.close();
    return new Signal(bar.symbol(), bar.time(), d, 1, 1, stopPrice, targetPrice, source);
  }

  /** FLAT when the bar touched the stop or the target, or the position is older than the maximum; else null. */
  Signal exitIfDue(Bar bar) {
    if (isFlat()) return null;
    boolean isLong = side == Direction.LONG;
    bestClose = isLong ? Math.max(bestClose, bar.close()) : Math.min(bestClose, bar.close());
    boolean stopped = isLong ? bar.low() <= stop : bar.high() >= stop;
    boolean targetHit = isLong ? bar.high() >= target : bar.low() <= target;
    boolean tooOld = bar.time() - entryTime >= maxHoldingMillis;
    return stopped || targetHit || tooOld ? exit(bar) : null;
  }

  Signal exit(Bar bar) {
    side = Direction.FLAT;
    return Signal.of(bar.symbol(), bar.time(), Direction.FLAT, source);
  }

  static long hours(double h) {
    return Math.round(h * 3_600_000L);
  }

  static long days(double d) {
    return Math.round(d * 86_400_000L);
  }
}
