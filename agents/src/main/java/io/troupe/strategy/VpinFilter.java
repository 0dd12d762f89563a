package io.troupe.strategy;

import io.troupe.market.Bar;
import java.util.Arrays;

/**
 * A VPIN-style toxicity filter (volume-synchronised probability of informed trading, Easley, Lopez de Prado and O'Hara),
 * from bars:
 * <ul>
 *   <li>Bulk volume classification: a bar's buy share is Phi(dP / sigma), the standard normal CDF of its close-to-close
 *       change over the sample deviation of the last {@code sigmaWindow} changes (0.5 when sigma is 0).
 *   <li>Volume buckets: bar volume fills buckets of {@code bucketVolume} each (a bar may spill over several); a bucket's
 *       imbalance is |buy - sell| of the volume it holds. {@code bucketVolume <= 0} means automatic: the mean bar volume
 *       of the first {@code sigmaWindow} bars, so a bucket is about one ordinary bar.
 *   <li>VPIN = sum of the last {@code buckets} bucket imbalances / ({@code buckets} * bucketVolume), in [0, 1].
 *   <li>Threshold: the {@code percentile} (e.g. 0.9) of the VPIN values of the previous {@code historyBuckets} completed
 *       buckets, by nearest rank. The flow is toxic while VPIN is above it; toxicity is only judged once at least
 *       {@code buckets} VPIN values are in that history.
 * </ul>
 * {@link #filter(Signal)} drops entries (LONG/SHORT) while the flow is toxic; exits (FLAT) always pass.
 */
public final class VpinFilter {
  private final int buckets;
  private final int sigmaWindow;
  private final double percentile;
  private double bucketVolume;
  private final double[] changes;
  private int changeCount;
  private int changeNext;
  private double volumeSeen;
  private int barsSeen;
  private boolean started;
  private double previousClose;
  private double fillBuy;
  private double fillSell;
  private final double[] imbalances;
  private int imbalanceCount;
  private int imbalanceNext;
  private final double[] history;
  private int historyCount;
  private int historyNext;
  private double vpin = Double.NaN;
  private double threshold = Double.NaN;

  public VpinFilter(double bucketVolume, int buckets, int sigmaWindow, int historyBuckets, double percentile) {
    if (buckets < 1 || sigmaWindow < 2 || historyBuckets < buckets) {
      throw new IllegalArgumentException("vpin needs buckets >= 1, sigmaWindow >= 2, historyBuckets >= buckets");
    }
    if (!(percentile > 0 && percentile < 1)) throw new IllegalArgumentException("vpin percentile must be in (0, 1)");
    this.bucketVolume = bucketVolume;
    this.buckets = buckets;
    this.sigmaWindow = sigmaWindow;
    this.percentile = percentile;
    this.changes = new double[sigmaWindow];
    this.imbalances = new double[buckets];
    this.history = new double[historyBuckets];
  }

  /** 50 buckets of automatic size, sigma over 50 bars, 90th percentile of the last 500 VPIN values. */
  public static VpinFilter defaults() {
    return new VpinFilter(0, 50, 50, 500, 0.9);
  }

  public void update(Bar bar) {
    if (!bar.hasVolume()) return;
    if (!started) {
      started = true;
      previousClose = bar.close();
      return;
    }
    double change = bar.close() - previousClose;
    previousClose = bar.close();
    changes[changeNext] = change;
    changeNext = (changeNext + 1) % sigmaWindow;
    if (changeCount < sigmaWindow) changeCount++;
    if (!(bucketVolume > 0)) {
      volumeSeen += bar.volume();
      barsSeen++;
      if (barsSeen < sigmaWindow) return;
      bucketVolume = volumeSeen / barsSeen;
      if (!(bucketVolume > 0)) {
        bucketVolume = 0; // no volume yet: keep waiting
        return;
      }
    }
    if (changeCount < sigmaWindow) return;
    double buyShare = normalCdf(change, sigma());
    double remaining = bar.volume();
    while (remaining > 0) {
      double room = bucketVolume - fillBuy - fillSell;
      double take = Math.min(room, remaining);
      fillBuy += take * buyShare;
      fillSell += take * (1 - buyShare);
      remaining -= take;
      if (fillBuy + fillSell >= bucketVolume * (1 - 1e-12)) completeBucket();
    }
  }

  private void completeBucket() {
    imbalances[imbalanceNext] = Math.abs(fillBuy - fillSell);
    imbalanceNext = (imbalanceNext + 1) % buckets;
    if (imbalanceCount < buckets) imbalanceCount++;
    fillBuy = 0;
    fillSell = 0;
    if (imbalanceCount < buckets) return;
    double sum = 0;
    for (double x : imbalances) sum += x;
    vpin = sum / (buckets * bucketVolume);
    // The threshold is taken from earlier values, so a value is never compared with itself.
    threshold = historyCount >= buckets ? percentileOfHistory() : Double.NaN;
    history[historyNext] = vpin;
    historyNext = (historyNext + 1) % history.length;
    if (historyCount < history.length) historyCount++;
  }

  private double percentileOfHistory() {
    double[] sorted = Arrays.copyOf(history, historyCount);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile * historyCount);
    return sorted[Math.max(0, rank - 1)];
  }

  private double sigma() {
    double mean = 0;
    for (int i = 0; i < changeCount; i++) mean += changes[i];
    mean /= changeCount;
    double ss = 0;
    for (int i = 0; i < changeCount; i++) ss += (changes[i] - mean) * (changes[i] - mean);
    return Math.sqrt(ss / (changeCount - 1));
  }

  /** Phi(x / sigma); 0.5 when sigma is 0. */
  static double normalCdf(double x, double sigma) {
    if (!(sigma > 0)) return x > 0 ? 1 : x < 0 ? 0 : 0.5;
    return 0.5 * (1 + erf(x / (sigma * Math.sqrt(2))));
  }

  /** Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7: ample for a buy share. */
  static double erf(double x) {
    double sign = Math.signum(x);
    double a = Math.abs(x);
    double t = 1 / (1 + 0.3275911 * a);
    double y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
    return sign * y;
  }

  /** The latest VPIN, NaN until {@code buckets} buckets are complete. */
  public double vpin() {
    return vpin;
  }

  /** The percentile threshold the latest VPIN was compared with, NaN while the history is short. */
  public double threshold() {
    return threshold;
  }

  public double bucketVolume() {
    return bucketVolume;
  }

  public boolean isToxic() {
    return !Double.isNaN(threshold) && vpin > threshold;
  }

  /** The signal, or null when it is an entry and the flow is toxic. */
  public Signal filter(Signal s) {
    if (s == null || s.direction() == Direction.FLAT || !isToxic()) return s;
    return null;
  }
}
