package io.troupe.performance;

import io.troupe.model.RoundTrip;
import java.util.List;

/**
 * The edge of a set of closed trades (one specialist, one regime, one symbol, or all), net of fees.
 *
 * @param trades number of trades
 * @param wins trades with pnl > 0 (a break-even trade is not a win)
 * @param winRate wins / trades
 * @param averageWin mean pnl of the wins (0 without wins)
 * @param averageLoss mean pnl of the other trades, zero or negative (0 without any)
 * @param rewardRisk averageWin / |averageLoss| (infinite with wins and no losses, NaN with neither)
 * @param edgePerTrade mean pnl per trade after fees: the expected value of one more trade in money
 * @param edgePerTradePct mean return per trade in percent of the entry notional, after fees
 * @param grossEdgePerTrade mean pnl per trade before fees, to see what fees take
 * @param expectancyR expected value in units of the average loss: winRate * rewardRisk - (1 - winRate)
 * @param profitFactor sum of wins / |sum of losses| (infinite with wins and no losses, 0 with neither)
 * @param tStat edgePerTrade / (sample deviation of pnl / sqrt(trades)); NaN under 2 trades
 * @param totalPnl sum of pnl after fees
 * @param totalFees sum of fees
 * @param verdict POSITIVE when the edge after fees is above zero over at least the minimum number of trades,
 *     NEGATIVE when it is zero or below, INSUFFICIENT with fewer trades
 */
public record EdgeStats(
    int trades,
    int wins,
    double winRate,
    double averageWin,
    double averageLoss,
    double rewardRisk,
    double edgePerTrade,
    double edgePerTradePct,
    double grossEdgePerTrade,
    double expectancyR,
    double profitFactor,
    double tStat,
    double totalPnl,
    double totalFees,
    Verdict verdict) {

  public enum Verdict {
    POSITIVE,
    NEGATIVE,
    INSUFFICIENT
  }

  public boolean positiveEdgeAfterFees() {
    return verdict == Verdict.POSITIVE;
  }

  public static EdgeStats of(List<RoundTrip> trips, int minTrades) {
    int n = trips.size();
    int wins = 0;
    double winSum = 0, lossSum = 0, pnl = 0, fees = 0, pctSum = 0, sq = 0;
    for (RoundTrip t : trips) {
      if (t.pnl() > 0) {
        wins++;
        winSum += t.pnl();
      } else {
        lossSum += t.pnl();
      }
      pnl += t.pnl();
      fees += t.fees();
      double notional = Math.abs(t.entryPrice() * t.quantity());
      pctSum += notional > 0 ? 100 * t.pnl() / notional : 0;
    }
    double mean = n == 0 ? 0 : pnl / n;
    for (RoundTrip t : trips) sq += (t.pnl() - mean) * (t.pnl() - mean);
    int losses = n - wins;
    double avgWin = wins == 0 ? 0 : winSum / wins;
    double avgLoss = losses == 0 ? 0 : lossSum / losses;
    double rewardRisk = avgLoss < 0 ? avgWin / -avgLoss : wins > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    double winRate = n == 0 ? 0 : (double) wins / n;
    double expectancyR = avgLoss < 0 ? winRate * rewardRisk - (1 - winRate) : Double.NaN;
    double profitFactor = lossSum < 0 ? winSum / -lossSum : wins > 0 ? Double.POSITIVE_INFINITY : 0;
    double sd = n > 1 ? Math.sqrt(sq / (n - 1)) : Double.NaN;
    double tStat = n > 1 && sd > 0 ? mean / (sd / Math.sqrt(n)) : Double.NaN;
    Verdict verdict = n < minTrades ? Verdict.INSUFFICIENT : mean > 0 ? Verdict.POSITIVE : Verdict.NEGATIVE;
    return new EdgeStats(n, wins, winRate, avgWin, avgLoss, rewardRisk, mean, n == 0 ? 0 : pctSum / n,
        n == 0 ? 0 : (pnl + fees) / n, expectancyR, profitFactor, tStat, pnl, fees, verdict);
  }
}
