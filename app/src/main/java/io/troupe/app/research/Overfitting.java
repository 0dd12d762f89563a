package io.troupe.app.research;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The overfitting guards every search reports.
 *
 * <p><b>Deflated Sharpe ratio</b>: D. H. Bailey and M. López de Prado, "The Deflated Sharpe Ratio: Correcting for
 * Selection Bias, Backtest Overfitting and Non-Normality", Journal of Portfolio Management 40(5), 2014, pp. 94-107.
 * With N trials whose Sharpe ratios have variance V, the Sharpe ratio the best of N would show by luck alone is
 * (their equation 2, after the False Strategy theorem)
 * <pre>  SR0 = sqrt(V) * ((1 - g) * Z^-1(1 - 1/N) + g * Z^-1(1 - 1/(N e)))</pre>
 * with g the Euler-Mascheroni constant and Z the standard normal distribution; and the DSR is the probabilistic
 * Sharpe ratio of the selected strategy's SR against SR0 (their equation 3)
 * <pre>  DSR = Z( (SR - SR0) * sqrt(T - 1) / sqrt(1 - skew * SR + (kurtosis - 1) / 4 * SR^2) )</pre>
 * over its T returns, skewness and (not excess) kurtosis. All Sharpe ratios are per period, not annualised. The same
 * formulas, term for term, are in vectorbt ({@code approx_exp_max_sharpe}, {@code deflated_sharpe_ratio},
 * vectorbt/returns/metrics.py), pypbo ({@code expected_max}, {@code psr}, {@code dsr}, pypbo/pbo.py) and quantstrat
 * ({@code .deflatedSharpe}, R/deflated.Sharpe.R, which takes annualised figures); {@code OverfittingTest} checks the
 * paper's numerical example and one matrix of returns against them.
 *
 * <p><b>Probability of backtest overfitting</b>: D. H. Bailey, J. M. Borwein, M. López de Prado and Q. J. Zhu, "The
 * Probability of Backtest Overfitting", Journal of Computational Finance 20(4), 2017 (SSRN 2326253, 2015), by
 * combinatorially symmetric cross-validation (CSCV): the T x N matrix of the trials' returns is cut into S blocks of
 * rows of equal size; for each of the C(S, S/2) ways to take half the blocks as in-sample (the rest out-of-sample)
 * the trial best in-sample is found (the first of equals), its rank among the trials out-of-sample (1 the worst, ties
 * sharing the mean of their ranks) made a relative rank w = rank / (N + 1) and a logit l = ln(w / (1 - w)); PBO is the
 * share of the combinations with l <= 0, where the in-sample best does no better than the median out-of-sample. The
 * performance of a set of blocks is the Sharpe ratio of their returns together. pypbo's {@code pbo} (pypbo/pbo.py)
 * does the same (scipy's average ranks, argmax, rank / (N + 1)), and gives the same PBO and logits on the test's
 * matrix; the R package pbo (github.com/mrbcuda/pbo, R/pbo.R) takes w = rank / N instead.
 */
public final class Overfitting {

  static final double EULER_MASCHERONI = 0.5772156649015329;
  private static final NormalDistribution Z = new NormalDistribution(null, 0, 1);

  private Overfitting() {}

  /** SR0: the Sharpe ratio the best of {@code trials} independent trials reaches by luck; 0 for one trial. */
  public static double expectedMaxSharpe(int trials, double sharpeVariance) {
    if (trials < 2 || !(sharpeVariance > 0)) return 0;
    double n = trials;
    return Math.sqrt(sharpeVariance) * ((1 - EULER_MASCHERONI) * Z.inverseCumulativeProbability(1 - 1 / n)
        + EULER_MASCHERONI * Z.inverseCumulativeProbability(1 - 1 / (n * Math.E)));
  }

  /** The probabilistic Sharpe ratio of {@code sharpe} against {@code benchmark}: the probability the true SR exceeds it. */
  public static double probabilisticSharpe(double sharpe, double benchmark, long observations, double skew, double kurtosis) {
    double denominator = 1 - skew * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
    if (observations < 2 || !(denominator > 0)) return Double.NaN;
    return Z.cumulativeProbability((sharpe - benchmark) * Math.sqrt(observations - 1) / Math.sqrt(denominator));
  }

  /** The deflated Sharpe ratio and what went into it. */
  public record Deflated(double sharpe, double expectedMax, int trials, double sharpeVariance, long observations, double skew, double kurtosis,
      double dsr) {}

  public static Deflated deflatedSharpe(double sharpe, int trials, double sharpeVariance, long observations, double skew, double kurtosis) {
    double sr0 = expectedMaxSharpe(trials, sharpeVariance);
    return new Deflated(sharpe, sr0, trials, sharpeVariance, observations, skew, kurtosis,
        probabilisticSharpe(sharpe, sr0, observations, skew, kurtosis));
  }

  /** The sample variance of the trials' Sharpe ratios (undefined ones left out); 0 under two. */
  public static double variance(List<Double> sharpes) {
    List<Double> s = sharpes.stream().filter(v -> v != null && Double.isFinite(v)).toList();
    if (s.size() < 2) return 0;
    double mean = s.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double sum = 0;
    for (double v : s) sum += (v - mean) * (v - mean);
    return sum / (s.size() - 1);
  }

  /** PBO with the logits of every combination, and how many combinations there were. */
  public record Pbo(double pbo, int combinations, int trials, int blocks, double[] logits) {}

  /**
   * PBO by CSCV over per-trial block sums: {@code blocks[n][s]} holds trial n's returns in block s as (count, sum,
   * sum of squares), so the Sharpe ratio of any set of blocks follows without the returns themselves (the blocks of
   * {@link Evaluation.ReturnStats} are equal). Needs at least two trials and an even number of blocks.
   */
  public static Pbo pbo(double[][][] blocks) {
    int n = blocks.length;
    int s = n == 0 ? 0 : blocks[0].length;
    if (n < 2 || s < 2 || s % 2 != 0) return new Pbo(Double.NaN, 0, n, s, new double[0]);
    List<int[]> halves = new ArrayList<>();
    choose(s, s / 2, 0, new int[s / 2], 0, halves);
    double[] logits = new double[halves.size()];
    int overfit = 0;
    for (int c = 0; c < halves.size(); c++) {
      boolean[] in = new boolean[s];
      for (int b : halves.get(c)) in[b] = true;
      int best = -1;
      double bestIn = Double.NEGATIVE_INFINITY;
      double[] out = new double[n];
      for (int t = 0; t < n; t++) {
        double is = sharpe(blocks[t], in, true);
        out[t] = sharpe(blocks[t], in, false);
        if (is > bestIn || best < 0 && !Double.isNaN(is)) {
          if (!Double.isNaN(is)) {
            bestIn = is;
            best = t;
          }
        }
      }
      if (best < 0) best = 0;
      // Rank 1 is the worst out-of-sample, N the best; ties share the mean of their ranks; NaN ranks lowest.
      double below = 0;
      double equal = 0;
      double mine = out[best];
      for (int t = 0; t < n; t++) {
        if (t == best) continue;
        if (cmp(out[t], mine) < 0) below++;
        else if (cmp(out[t], mine) == 0) equal++;
      }
      double rank = below + 1 + equal / 2;
      double w = rank / (n + 1);
      logits[c] = Math.log(w / (1 - w));
      if (logits[c] <= 0) overfit++;
    }
    return new Pbo(overfit / (double) halves.size(), halves.size(), n, s, logits);
  }

  private static int cmp(double a, double b) {
    if (Double.isNaN(a)) return Double.isNaN(b) ? 0 : -1;
    if (Double.isNaN(b)) return 1;
    return Double.compare(a, b);
  }

  /** The Sharpe ratio (per step, sample deviation) of the blocks in or out of the half. */
  static double sharpe(double[][] trial, boolean[] in, boolean inside) {
    double count = 0;
    double sum = 0;
    double sumSq = 0;
    for (int b = 0; b < trial.length; b++) {
      if (in[b] != inside) continue;
      count += trial[b][0];
      sum += trial[b][1];
      sumSq += trial[b][2];
    }
    if (count < 2) return Double.NaN;
    double mean = sum / count;
    double var = (sumSq - count * mean * mean) / (count - 1);
    return var > 0 ? mean / Math.sqrt(var) : Double.NaN;
  }

  private static void choose(int s, int k, int from, int[] pick, int depth, List<int[]> out) {
    if (depth == k) {
      out.add(pick.clone());
      return;
    }
    for (int i = from; i <= s - (k - depth); i++) {
      pick[depth] = i;
      choose(s, k, i + 1, pick, depth + 1, out);
    }
  }
}
