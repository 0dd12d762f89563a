package io.troupe.sizing;

import io.troupe.performance.SpecialistStats;

/**
 * Kelly from measured results, scaled and capped: f* = W - (1 - W) / R with W the win rate and R the payoff (average
 * win over average loss); the notional fraction is min(cap, scale x f*), and 0 when the edge is not positive or fewer
 * than {@code minTrades} trades were measured (Kelly on a handful of trades is noise).
 */
public record CappedKellySizer(double winRate, double payoff, int trades, double scale, double cap, int minTrades) implements PositionSizer {

  /** From a specialist's statistics: payoff = (gross win / wins) / (gross loss / losses). */
  public static CappedKellySizer from(SpecialistStats stats, double scale, double cap, int minTrades) {
    int losses = stats.trades() - stats.wins();
    double avgWin = stats.wins() == 0 ? 0 : stats.grossWin() / stats.wins();
    double avgLoss = losses == 0 ? 0 : stats.grossLoss() / losses;
    double payoff = avgLoss > 0 ? avgWin / avgLoss : (avgWin > 0 ? Double.POSITIVE_INFINITY : 0);
    return new CappedKellySizer(stats.winRate(), payoff, stats.trades(), scale, cap, minTrades);
  }

  /** The uncapped Kelly fraction; W when every measured trade won. */
  public static double kelly(double winRate, double payoff) {
    if (!(payoff > 0)) return winRate >= 1 ? 1 : -1;
    if (Double.isInfinite(payoff)) return winRate;
    return winRate - (1 - winRate) / payoff;
  }

  public double fraction() {
    if (trades < minTrades) return 0;
    double f = kelly(winRate, payoff);
    return f > 0 ? Math.min(cap, scale * f) : 0;
  }

  @Override
  public double quantity(SizingInput in) {
    return new FixedFractionSizer(fraction()).quantity(in);
  }
}
