package io.troupe.app.montecarlo;

/**
 * The three figures of one equity path, defined as the backtest's summary defines them ({@code BacktestMetrics}): the
 * final return against the starting cash; the maximum drawdown as the largest fall from a running peak, the first peak
 * being the starting cash; the longest drawdown as the longest time from a peak to the point the equity is back at it
 * (or to the path's end, still under water).
 *
 * @param finalReturn final equity / cash - 1
 * @param maxDrawdown a fraction of the peak, 0 when the path never falls
 * @param longestDrawdownSeconds seconds under water, the longest stretch
 */
public record PathStats(double finalReturn, double maxDrawdown, double longestDrawdownSeconds) {

  /**
   * @param cash the starting cash, the first peak
   * @param equity the path's points after the start
   * @param times their times in epoch ms, ascending; {@code start} is the time of the starting cash
   */
  public static PathStats of(double cash, double[] equity, long[] times, long start) {
    double peak = cash;
    long peakTime = start;
    boolean underwater = false;
    double maxDd = 0;
    long longest = 0;
    for (int i = 0; i < equity.length; i++) {
      double e = equity[i];
      if (e >= peak) {
        if (underwater) longest = Math.max(longest, times[i] - peakTime);
        peak = e;
        peakTime = times[i];
        underwater = false;
      } else {
        underwater = true;
        maxDd = Math.max(maxDd, 1 - e / peak);
      }
    }
    if (underwater && equity.length > 0) longest = Math.max(longest, times[equity.length - 1] - peakTime);
    double last = equity.length == 0 ? cash : equity[equity.length - 1];
    return new PathStats(last / cash - 1, maxDd, longest / 1000.0);
  }
}
