package io.troupe.app.research;

import io.troupe.model.EquityPoint;
import java.util.List;
import java.util.Map;

/**
 * One candidate's result: its values, every metric of {@link io.troupe.app.report.BacktestMetrics} (by their
 * summary.json keys), and what the overfitting statistics need of its per-step returns: their moments (the deflated
 * Sharpe ratio) and their sums over equal blocks of steps (the cross-validation of the probability of overfitting).
 * {@code error} is set, and the rest empty, when the candidate could not run.
 */
public record Evaluation(int index, Map<String, String> values, Map<String, Object> metrics, ReturnStats returns, String error) {

  /**
   * Per-step returns of the equity curve: how many, the Sharpe ratio per step (not annualised), skewness and kurtosis
   * (the sample's moments, kurtosis not excess: 3 for a normal), and for each of the equal blocks the count, sum and
   * sum of squares.
   */
  public record ReturnStats(long count, double sharpe, double skew, double kurtosis, double[][] blocks) {

    public static ReturnStats of(List<EquityPoint> equity, int blockCount) {
      int n = Math.max(0, equity.size() - 1);
      double[] r = new double[n];
      for (int i = 1; i < equity.size(); i++) r[i - 1] = equity.get(i).equity() / equity.get(i - 1).equity() - 1;
      return of(r, blockCount);
    }

    public static ReturnStats of(double[] r, int blockCount) {
      int n = r.length;
      double mean = 0;
      for (double x : r) mean += x;
      mean = n == 0 ? 0 : mean / n;
      double m2 = 0;
      double m3 = 0;
      double m4 = 0;
      for (double x : r) {
        double d = x - mean;
        m2 += d * d;
        m3 += d * d * d;
        m4 += d * d * d * d;
      }
      double sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
      double sharpe = sd > 0 ? mean / sd : Double.NaN;
      double pm2 = n == 0 ? 0 : m2 / n;
      double skew = pm2 > 0 ? (m3 / n) / Math.pow(pm2, 1.5) : Double.NaN;
      double kurt = pm2 > 0 ? (m4 / n) / (pm2 * pm2) : Double.NaN;
      // Equal blocks, as CSCV partitions the returns ("S disjoint submatrices of equal dimensions"): the first n mod S
      // returns are left out of them, as pypbo does (pypbo/pbo.py); the moments above use every return.
      double[][] blocks = new double[blockCount][3];
      int size = blockCount == 0 ? 0 : n / blockCount;
      int first = blockCount == 0 ? 0 : n % blockCount;
      for (int b = 0; b < blockCount; b++) {
        int lo = first + b * size;
        int hi = lo + size;
        for (int i = lo; i < hi; i++) {
          blocks[b][0]++;
          blocks[b][1] += r[i];
          blocks[b][2] += r[i] * r[i];
        }
      }
      return new ReturnStats(n, sharpe, skew, kurt, blocks);
    }
  }

  public boolean ok() {
    return error == null;
  }

  /** A metric as a number; null when undefined or when the candidate failed. */
  public Double metric(String key) {
    if (metrics == null) return null;
    Object v = metrics.get(key);
    return v instanceof Number n ? n.doubleValue() : null;
  }
}
