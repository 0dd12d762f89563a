package io.troupe.performance;

import io.troupe.persistence.CborSerializable;
import io.troupe.model.RoundTrip;

/** Running trade statistics of one specialist (or one symbol, or one regime): immutable, one trade at a time. */
public record SpecialistStats(int trades, int wins, double pnl, double grossWin, double grossLoss, double fees)
    implements CborSerializable {

  public static SpecialistStats empty() {
    return new SpecialistStats(0, 0, 0, 0, 0, 0);
  }

  public SpecialistStats add(RoundTrip t) {
    boolean win = t.pnl() > 0;
    return new SpecialistStats(
        trades + 1,
        wins + (win ? 1 : 0),
        pnl + t.pnl(),
        grossWin + (win ? t.pnl() : 0),
        grossLoss + (win ? 0 : -t.pnl()),
        fees + t.fees());
  }

  public double winRate() {
    return trades == 0 ? 0 : (double) wins / trades;
  }

  /** Net P&L per trade after fees: the edge the daily validation table asks about. */
  public double edgePerTrade() {
    return trades == 0 ? 0 : pnl / trades;
  }

  public double averageWin() {
    return wins == 0 ? 0 : grossWin / wins;
  }

  /** Average losing trade, as a positive amount. */
  public double averageLoss() {
    int losses = trades - wins;
    return losses == 0 ? 0 : grossLoss / losses;
  }

  /** Average win over average loss; NaN without both. */
  public double rewardRisk() {
    return wins == 0 || trades - wins == 0 ? Double.NaN : averageWin() / averageLoss();
  }

  public double profitFactor() {
    return grossLoss == 0 ? (grossWin > 0 ? Double.POSITIVE_INFINITY : 0) : grossWin / grossLoss;
  }
}
