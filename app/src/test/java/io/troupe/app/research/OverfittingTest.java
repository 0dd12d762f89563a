package io.troupe.app.research;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OverfittingTest {

  /**
   * The numerical example of Bailey and López de Prado (2014), "The Deflated Sharpe Ratio", section "A numerical
   * example": after N = 100 independent trials whose annualised Sharpe ratios have variance 1/2, the best shows an
   * annualised SR of 2.5 over five years of daily returns (T = 1,250, 250 a year), with skewness -3 and kurtosis 10.
   * The paper finds SR0 = 0.1132 per day (the best of 100 by luck) and DSR = 0.9004. Three reference implementations,
   * transcribed and run on these inputs, give SR0 = 0.1131720019 and DSR = 0.9003968344 to ten digits:
   * vectorbt's {@code deflated_sharpe_ratio} (github.com/polakowo/vectorbt, vectorbt/returns/metrics.py), pypbo's
   * {@code dsr} (github.com/esvhd/pypbo, pypbo/pbo.py) and quantstrat's {@code .deflatedSharpe(2.5, 100, 0.5, -3, 10,
   * 1250, 250)} (github.com/braverock/quantstrat, R/deflated.Sharpe.R), which takes the annualised figures.
   */
  @Test
  void theDeflatedSharpeRatioOfThePapersNumericalExample() {
    double days = 250;
    double sr = 2.5 / Math.sqrt(days);
    double variance = 0.5 / days;
    Overfitting.Deflated d = Overfitting.deflatedSharpe(sr, 100, variance, 1250, -3, 10);
    assertEquals(0.1132, d.expectedMax(), 0.00005);
    assertEquals(0.9004, d.dsr(), 0.00005);
    assertEquals(0.1131720019, d.expectedMax(), 1e-9);
    assertEquals(0.9003968344, d.dsr(), 1e-9);
    // One trial: nothing to deflate, the DSR is the probabilistic Sharpe ratio against zero.
    assertEquals(Overfitting.probabilisticSharpe(sr, 0, 1250, -3, 10), Overfitting.deflatedSharpe(sr, 1, variance, 1250, -3, 10).dsr(), 0.0);
    // More trials, a higher bar: the same Sharpe ratio deflates further.
    assertTrue(Overfitting.deflatedSharpe(sr, 1000, variance, 1250, -3, 10).dsr() < d.dsr());
  }

  /**
   * The returns of {@code trials} trials over {@code steps} steps, made by a formula rather than a random generator so
   * that the reference implementations compute on exactly these numbers: r(t, n) = 0.01 sin(0.37 t (n + 1) + n) +
   * 0.0004 (n - 2) cos(0.05 t) + 0.0002 ((7t + 3n) mod 11 - 5).
   */
  private static double[][] formulaReturns(int steps, int trials) {
    double[][] r = new double[trials][steps];
    for (int n = 0; n < trials; n++) {
      for (int t = 0; t < steps; t++) {
        r[n][t] = 0.01 * Math.sin(0.37 * t * (n + 1) + n) + 0.0004 * (n - 2) * Math.cos(0.05 * t) + 0.0002 * ((t * 7 + n * 3) % 11 - 5);
      }
    }
    return r;
  }

  /**
   * PBO and the DSR of the best trial on one matrix of returns, against pypbo (github.com/esvhd/pypbo, pypbo/pbo.py:
   * {@code pbo(M, S, metric_func=sharpe_iid)} with the per-step Sharpe ratio, sample deviation; {@code dsr}) and
   * vectorbt's {@code deflated_sharpe_ratio}, transcribed and run on the same matrix (skewness and kurtosis as
   * scipy.stats computes them by default: the moments of the sample, kurtosis not excess). pypbo drops the first
   * T mod S returns so that the S blocks are equal, as the paper's partition into "S disjoint submatrices of equal
   * dimensions" requires; the R package (github.com/mrbcuda/pbo) refuses a T that S does not divide. 1,603 steps in
   * 16 blocks leave 3 out. Reference values: PBO 0.7382284382 over 12,870 combinations, logits summing to
   * -12522.0871557738 from -2.4849066498 to 2.4849066498 (ln(1/12) and ln 12: ranks 1 and 12 of 12, over 13); 800
   * steps in 8 blocks (none left out): 0.9571428571, logits summing to -105.3263034805; 803 steps: 0.9714285714,
   * -102.0427011522. The best of the 12 trials by Sharpe ratio (trial 0: SR 0.005335800866 per step, the trials'
   * Sharpe ratios of variance 1.000003414873e-05, skewness -0.0056286732, kurtosis 1.5411059947) has DSR 0.5011368131.
   */
  @Test
  void theProbabilityOfOverfittingAndTheDeflatedSharpeRatioMatchTheReferenceImplementationsOnOneMatrix() {
    assertPbo(1603, 12, 16, 0.7382284382, 12870, -12522.0871557738, Math.log(1.0 / 12), Math.log(12));
    assertPbo(800, 7, 8, 0.9571428571, 70, -105.3263034805, Math.log(1.0 / 7), Math.log(3));
    assertPbo(803, 7, 8, 0.9714285714, 70, -102.0427011522, Math.log(1.0 / 7), Math.log(3));

    double[][] r = formulaReturns(1603, 12);
    List<Double> sharpes = new ArrayList<>();
    int best = 0;
    for (int n = 0; n < r.length; n++) {
      sharpes.add(Evaluation.ReturnStats.of(r[n], 16).sharpe());
      if (sharpes.get(n) > sharpes.get(best)) best = n;
    }
    Evaluation.ReturnStats b = Evaluation.ReturnStats.of(r[best], 16);
    assertEquals(0, best);
    assertEquals(0.005335800866, b.sharpe(), 1e-12);
    assertEquals(1.000003414873e-05, Overfitting.variance(sharpes), 1e-17);
    assertEquals(-0.0056286732, b.skew(), 1e-10);
    assertEquals(1.5411059947, b.kurtosis(), 1e-10);
    Overfitting.Deflated d = Overfitting.deflatedSharpe(b.sharpe(), r.length, Overfitting.variance(sharpes), b.count(), b.skew(), b.kurtosis());
    assertEquals(0.5011368131, d.dsr(), 1e-9);
  }

  private static void assertPbo(int steps, int trials, int blocks, double pbo, int combinations, double logitSum, double minLogit, double maxLogit) {
    double[][] r = formulaReturns(steps, trials);
    double[][][] m = new double[trials][][];
    for (int n = 0; n < trials; n++) m[n] = Evaluation.ReturnStats.of(r[n], blocks).blocks();
    Overfitting.Pbo p = Overfitting.pbo(m);
    String what = steps + " steps, " + trials + " trials, " + blocks + " blocks";
    assertEquals(combinations, p.combinations(), what);
    assertEquals(pbo, p.pbo(), 1e-10, what);
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double l : p.logits()) {
      sum += l;
      min = Math.min(min, l);
      max = Math.max(max, l);
    }
    assertEquals(logitSum, sum, 1e-7, what);
    assertEquals(minLogit, min, 1e-9, what);
    assertEquals(maxLogit, max, 1e-9, what);
  }

  /** Two observations per block around the block's mean, so a block's Sharpe ratio follows its mean. */
  private static double[][] trial(double... blockMeans) {
    double[][] b = new double[blockMeans.length][];
    for (int i = 0; i < blockMeans.length; i++) {
      double m = blockMeans[i];
      b[i] = new double[] {2, 2 * m, (m + 10) * (m + 10) + (m - 10) * (m - 10)};
    }
    return b;
  }

  /**
   * Worked by hand from the definition (CSCV, Bailey, Borwein, López de Prado and Zhu 2015). Two trials, two blocks:
   * each is best in one block and worst in the other, so whichever half is in-sample, the in-sample best ranks last
   * out-of-sample (rank 1 of 2, w = 1/3, logit ln(1/2) < 0): PBO = 1. One trial better in every block: it is chosen
   * in-sample and ranks first out-of-sample (rank 2, w = 2/3, logit ln 2): PBO = 0. The reference implementation in R
   * (github.com/mrbcuda/pbo, R/pbo.R: which.max in-sample, rank() with mean ranks for ties out-of-sample) takes
   * w = rank / N instead of the paper's rank / (N + 1); the two differ only for a rank at the median of an odd N, and
   * every case here counts the same under both.
   */
  @Test
  void theProbabilityOfOverfittingOfTwoHandWorkedCases() {
    Overfitting.Pbo flipped = Overfitting.pbo(new double[][][] {trial(1, 0), trial(0, 1)});
    assertEquals(2, flipped.combinations());
    assertEquals(1.0, flipped.pbo(), 0.0);
    for (double l : flipped.logits()) assertEquals(Math.log(0.5), l, 1e-12);

    Overfitting.Pbo steady = Overfitting.pbo(new double[][][] {trial(1, 1), trial(0, 0)});
    assertEquals(0.0, steady.pbo(), 0.0);
    for (double l : steady.logits()) assertEquals(Math.log(2), l, 1e-12);
  }

  /**
   * Three trials, four blocks, six combinations (C(4, 2)), by hand: A = [3, 3, 0, 0], B = [0, 0, 3, 3], C = [1, 1, 1, 1]
   * (block means). In-sample {1,2}: A is best (3 against 0 and 1), out-of-sample {3,4} it is worst: rank 1, w = 1/4,
   * overfit. {3,4}: B, worst out-of-sample, overfit. {1,3}, {1,4}, {2,3}, {2,4}: A and B tie in-sample at 1.5 above C;
   * the first listed (A) is taken, and out-of-sample A and B tie again at 1.5 above C: rank 2.5 (one below, one equal),
   * w = 2.5/4, logit ln(5/3) > 0. PBO = 2/6.
   */
  @Test
  void theProbabilityOfOverfittingOfAThreeTrialFourBlockCase() {
    Overfitting.Pbo p = Overfitting.pbo(new double[][][] {trial(3, 3, 0, 0), trial(0, 0, 3, 3), trial(1, 1, 1, 1)});
    assertEquals(6, p.combinations());
    assertEquals(2.0 / 6, p.pbo(), 1e-12);
    int low = 0;
    int high = 0;
    for (double l : p.logits()) {
      if (Math.abs(l - Math.log(1.0 / 3)) < 1e-9) low++;
      if (Math.abs(l - Math.log(5.0 / 3)) < 1e-9) high++;
    }
    assertEquals(2, low);
    assertEquals(4, high);
  }

  /**
   * Trials of pure noise: the in-sample best is a random draw out-of-sample, so PBO is one half on average (the
   * paper's null). One set of trials swings widely (its splits share their data); the mean over twenty does not.
   */
  @Test
  void noiseOverfitsHalfTheTimeOnAverage() {
    Random r = new Random(42);
    int n = 20;
    int blocks = 8;
    double sum = 0;
    int sets = 20;
    for (int set = 0; set < sets; set++) {
      double[][][] m = new double[n][blocks][3];
      for (int t = 0; t < n; t++) {
        for (int b = 0; b < blocks; b++) {
          for (int i = 0; i < 50; i++) {
            double x = r.nextGaussian() * 0.01;
            m[t][b][0]++;
            m[t][b][1] += x;
            m[t][b][2] += x * x;
          }
        }
      }
      Overfitting.Pbo p = Overfitting.pbo(m);
      assertEquals(70, p.combinations());
      sum += p.pbo();
    }
    double mean = sum / sets;
    assertTrue(mean > 0.4 && mean < 0.6, "mean PBO of noise: " + mean);
  }
}
