package io.troupe.desk;

import io.troupe.market.Bar;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Paper-follows every specialist's signals on one symbol, so a specialist that is not trading (replaced by its
 * alternative, or simply not the one the regime picked) still builds a trade record and can recover. A LONG or SHORT
 * opens at the signal bar's close; a FLAT or the opposite direction closes there; the signal's stop or target touched
 * by a later bar's low/high closes at that level (the stop first when a bar touches both). Each closed shadow trade is
 * recorded in the scorecard as its return in percent, less {@code roundTripFeePct}.
 */
public final class ShadowTrades {
  private record Open(Direction side, double price, double stop, double target) {}

  private final SpecialistScorecard scorecard;
  private final double roundTripFeePct;
  private final Map<String, Open> open = new TreeMap<>();

  public ShadowTrades(SpecialistScorecard scorecard, double roundTripFeePct) {
    this.scorecard = scorecard;
    this.roundTripFeePct = roundTripFeePct;
  }

  /** Closes shadow positions whose stop or target this bar touched. Call before the bar's signals. */
  public void onBar(Bar bar) {
    if (open.isEmpty()) return; // most bars: nothing open, no iterator
    for (var it = open.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      Open o = e.getValue();
      boolean isLong = o.side() == Direction.LONG;
      double exit = Double.NaN;
      if (!Double.isNaN(o.stop()) && (isLong ? bar.low() <= o.stop() : bar.high() >= o.stop())) exit = o.stop();
      else if (!Double.isNaN(o.target()) && (isLong ? bar.high() >= o.target() : bar.low() <= o.target())) exit = o.target();
      if (!Double.isNaN(exit)) {
        record(e.getKey(), o, exit);
        it.remove();
      }
    }
  }

  /** Applies one specialist's signal at {@code price} (the bar's close). */
  public void onSignal(String specialist, Signal s, double price) {
    if (s == null) return;
    Open o = open.get(specialist);
    if (o != null && s.direction() != o.side()) {
      record(specialist, o, price);
      open.remove(specialist);
      o = null;
    }
    if (o == null && s.direction() != Direction.FLAT) open.put(specialist, new Open(s.direction(), price, s.stop(), s.target()));
  }

  public boolean isOpen(String specialist) {
    return open.containsKey(specialist);
  }

  private void record(String specialist, Open o, double exit) {
    double sign = o.side() == Direction.LONG ? 1 : -1;
    scorecard.recordTrade(specialist, 100 * sign * (exit - o.price()) / o.price() - roundTripFeePct);
  }
}
