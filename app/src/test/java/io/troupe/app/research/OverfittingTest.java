package io.troupe.app.research;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OverfittingTest {

  /**
   * The numerical example of Bailey and López de Prado (2014), "The Deflated Sharpe Ratio", section "A numerical
   * example": after N = 100 independent trials whose annualised Sharpe ratios have variance 1/2, the best shows an
   * annualised SR of 2.5 over five years of daily returns (T = 1,250, 250 a year), with skewness -3 and kurtosis 10.
   * The paper finds SR0 = 0.1132 per day (the best of 100 by luck) and DSR = 0.9004.
   */
  @Test
  void theDeflatedSharpeRatioOfThePapersNumericalExample() {
    double days = 250;
    double sr = 2.5 / Math.sqrt(days);
    double variance = 0.5 / days;
    Overfitting.Deflated d = Overfitting.deflatedSharpe(sr, 100, variance, 1250, -3, 10);
    assertEquals(0.1132, d.expectedMax(), 0.00005);
    assertEquals(0.9004, d.dsr(), 0.00005);
    // One trial: nothing to deflate, the DSR is the probabilistic Sharpe ratio against zero.
    assertEquals(Overfitting.probabilisticSharpe(sr, 0, 1250, -3, 10), Overfitting.deflatedSharpe(sr, 1, variance, 1250, -3, 10).dsr(), 0.0);
    // More trials, a higher bar: the same Sharpe ratio deflates further.
    assertTrue(Overfitting.deflatedSharpe(sr, 1000, variance, 1250, -3, 10).dsr() < d.dsr());
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
