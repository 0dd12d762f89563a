package io.troupe.app.montecarlo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Monte Carlo over a finished run, without rerunning it: the order of its trades shuffled, and its equity returns
 * resampled in blocks. Each iteration is one path and its {@link PathStats}; a few points of every path are kept for
 * the fan chart. Deterministic: the same inputs and seed give the same paths ({@link SplittableRandom}, whose
 * sequence for a seed is fixed by its specification).
 */
public final class Resampling {

  /** How blocks of returns are drawn. */
  public enum Blocks {
    /**
     * Circular block bootstrap (Politis and Romano, 1992, "A circular block-resampling procedure for stationary
     * data"): blocks of exactly B consecutive returns, each starting at a uniformly drawn index, wrapping past the end.
     */
    FIXED,
    /**
     * Stationary bootstrap (Politis and Romano, 1994, JASA 89: 1303-1313): each next return continues the current
     * block with probability 1 - 1/B and starts a new block at a uniformly drawn index with probability 1/B, so block
     * lengths are geometric with mean B and the resampled series is stationary.
     */
    STATIONARY
  }

  /**
   * The paths of one method.
   *
   * @param stats one per iteration, in iteration order
   * @param fanTimes the times of the kept points
   * @param fan equity at those points, {@code fan[point][iteration]}
   */
  public record Samples(List<PathStats> stats, long[] fanTimes, double[][] fan) {
    public Distribution finalReturn() {
      return new Distribution(stats.stream().mapToDouble(PathStats::finalReturn).toArray());
    }

    public Distribution maxDrawdown() {
      return new Distribution(stats.stream().mapToDouble(PathStats::maxDrawdown).toArray());
    }

    public Distribution longestDrawdown() {
      return new Distribution(stats.stream().mapToDouble(PathStats::longestDrawdownSeconds).toArray());
    }
  }

  /** Points kept per path for the fan chart. */
  static final int FAN_POINTS = 120;

  private Resampling() {}

  /**
   * The trades' P&L (net of fees) in a random order (Fisher-Yates), each shuffled path placing the i-th P&L at the
   * run's i-th exit time. The final return is the same for every order (a sum does not depend on it); the drawdowns are
   * what the order decides.
   *
   * @param pnl the trades' P&L in exit order
   * @param exitTimes their exit times, ascending
   * @param start the time of the starting cash
   */
  public static Samples shuffleTrades(double cash, double[] pnl, long[] exitTimes, long start, int iterations, long seed) {
    int n = pnl.length;
    if (n == 0) throw new IllegalArgumentException("no trades to shuffle");
    SplittableRandom random = new SplittableRandom(seed);
    int[] keep = fanIndexes(n);
    long[] fanTimes = new long[keep.length];
    for (int k = 0; k < keep.length; k++) fanTimes[k] = exitTimes[keep[k]];
    double[][] fan = new double[keep.length][iterations];
    List<PathStats> stats = new ArrayList<>(iterations);
    double[] order = pnl.clone();
    double[] equity = new double[n];
    for (int it = 0; it < iterations; it++) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        double t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      double e = cash;
      for (int i = 0; i < n; i++) {
        e += order[i];
        equity[i] = e;
      }
      stats.add(PathStats.of(cash, equity, exitTimes, start));
      for (int k = 0; k < keep.length; k++) fan[k][it] = equity[keep[k]];
    }
    return new Samples(stats, fanTimes, fan);
  }

  /**
   * Block bootstrap of the run's per-bar equity returns: each path is as many returns as the run had, drawn in blocks
   * ({@link Blocks}) of size (or mean size) {@code block}, compounded from the starting cash and placed at the run's
   * own bar times.
   *
   * @param returns per-bar returns, e[i] / e[i-1] - 1 with e[-1] the starting cash
   * @param times the run's equity times, one per return, ascending
   */
  public static Samples bootstrapReturns(double cash, double[] returns, long[] times, int iterations, long seed, int block, Blocks kind) {
    int n = returns.length;
    if (n == 0) throw new IllegalArgumentException("no returns to resample");
    if (block < 1) throw new IllegalArgumentException("block size must be >= 1, got " + block);
    SplittableRandom random = new SplittableRandom(seed);
    int[] keep = fanIndexes(n);
    long[] fanTimes = new long[keep.length];
    for (int k = 0; k < keep.length; k++) fanTimes[k] = times[keep[k]];
    double[][] fan = new double[keep.length][iterations];
    List<PathStats> stats = new ArrayList<>(iterations);
    double[] equity = new double[n];
    int[] drawn = new int[n];
    for (int it = 0; it < iterations; it++) {
      drawIndexes(drawn, n, block, kind, random);
      double e = cash;
      for (int i = 0; i < n; i++) {
        e *= 1 + returns[drawn[i]];
        equity[i] = e;
      }
      stats.add(PathStats.of(cash, equity, times, times[0]));
      for (int k = 0; k < keep.length; k++) fan[k][it] = equity[keep[k]];
    }
    return new Samples(stats, fanTimes, fan);
  }

  /**
   * The indexes of one resampled series of length {@code out.length} over a series of length {@code n}: blocks of
   * consecutive indexes, wrapping from n - 1 to 0, each starting at a uniformly drawn index.
   */
  static void drawIndexes(int[] out, int n, int block, Blocks kind, SplittableRandom random) {
    double restart = 1.0 / block;
    int index = random.nextInt(n);
    int left = block;
    out[0] = index;
    for (int i = 1; i < out.length; i++) {
      boolean fresh = kind == Blocks.FIXED ? --left == 0 : random.nextDouble() < restart;
      if (fresh) {
        index = random.nextInt(n);
        left = block;
      } else {
        index = index + 1 == n ? 0 : index + 1;
      }
      out[i] = index;
    }
  }

  /** The default block size: the cube root of the series' length, rounded up (Hall, Horowitz and Jing, 1995). */
  public static int defaultBlock(int n) {
    return Math.max(1, (int) Math.ceil(Math.cbrt(n)));
  }

  /** Up to {@link #FAN_POINTS} indexes spread evenly over 0..n-1, the last always included. */
  static int[] fanIndexes(int n) {
    int k = Math.min(n, FAN_POINTS);
    int[] out = new int[k];
    for (int i = 0; i < k; i++) out[i] = k == 1 ? n - 1 : (int) ((long) i * (n - 1) / (k - 1));
    return out;
  }
}
