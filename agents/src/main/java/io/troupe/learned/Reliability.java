package io.troupe.learned;

import java.util.ArrayList;
import java.util.List;

/**
 * Out-of-sample scores of probabilities against the outcomes that came true: accuracy (at 0.5), log loss, Brier
 * score, and the reliability table, ten bins of predicted probability with each bin's mean prediction and the
 * share of outcomes that were 1 (a calibrated model's two columns agree), with the expected calibration error, the
 * count-weighted mean gap between them. Fed one prediction at a time.
 */
public final class Reliability {
  public static final int BINS = 10;

  /** One bin: predictions in [{@code from}, {@code to}), how many, their mean, and the observed rate of 1. */
  public record Bin(double from, double to, long count, double meanPredicted, double observed) {}

  private final long[] count = new long[BINS];
  private final double[] predicted = new double[BINS];
  private final long[] positives = new long[BINS];
  private long n;
  private long correct;
  private double logLoss;
  private double brier;

  public void add(double p, int outcome) {
    int b = Math.min(BINS - 1, Math.max(0, (int) Math.floor(p * BINS)));
    count[b]++;
    predicted[b] += p;
    positives[b] += outcome;
    n++;
    if ((p >= 0.5 ? 1 : 0) == outcome) correct++;
    double q = Math.min(1 - 1e-15, Math.max(1e-15, p));
    logLoss -= outcome == 1 ? Math.log(q) : Math.log(1 - q);
    brier += (p - outcome) * (p - outcome);
  }

  public long count() {
    return n;
  }

  public double accuracy() {
    return n == 0 ? Double.NaN : (double) correct / n;
  }

  public double logLoss() {
    return n == 0 ? Double.NaN : logLoss / n;
  }

  public double brier() {
    return n == 0 ? Double.NaN : brier / n;
  }

  /** The share of outcomes that were 1. */
  public double baseRate() {
    long pos = 0;
    for (long p : positives) pos += p;
    return n == 0 ? Double.NaN : (double) pos / n;
  }

  public double expectedCalibrationError() {
    if (n == 0) return Double.NaN;
    double e = 0;
    for (Bin b : bins()) if (b.count() > 0) e += b.count() * Math.abs(b.meanPredicted() - b.observed());
    return e / n;
  }

  public List<Bin> bins() {
    List<Bin> out = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      double mean = count[b] == 0 ? Double.NaN : predicted[b] / count[b];
      double obs = count[b] == 0 ? Double.NaN : (double) positives[b] / count[b];
      out.add(new Bin((double) b / BINS, (double) (b + 1) / BINS, count[b], mean, obs));
    }
    return out;
  }
}
