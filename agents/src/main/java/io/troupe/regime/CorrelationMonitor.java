package io.troupe.regime;

import io.troupe.market.Bar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Average pairwise correlation of the symbols' log returns over the last {@code window} steps. In a market-wide sell-off
 * everything moves together, so the average correlation jumping to {@code spikeThreshold} or above is a stress signal:
 * {@link #spike()} is then true, and passing it to {@link RegimeDetector#update(Bar, boolean)} for every symbol of the
 * step lifts their raw readings one step toward CRISIS (see {@link RegimeDetector}).
 *
 * <p>A step counts only when every symbol has a bar in it (their returns must be over the same interval); steps where a
 * symbol is missing leave the reading as it was, and the next complete step's return for a symbol spans the gap. With
 * fewer than two symbols there is no pair: the average is NaN and there is never a spike.
 */
public final class CorrelationMonitor {

  /** The state after a step: the average pairwise correlation (NaN until the window is full) and the spike flag. */
  public record CorrelationReading(long time, double averageCorrelation, boolean spike) {}

  private final List<String> symbols;
  private final int window;
  private final double spikeThreshold;
  private final double[][] returns;
  private final double[] previousClose;
  // Scratch for one step and for the pairwise average: reused, so a step allocates nothing but its reading.
  private final double[] close;
  private final double[] sumSquares;
  private final double[][] deviations;
  /** Scratch of {@link #spikeAfter}: the sum over the series of each one's standardized return, per slot. */
  private final double[] unitSum;
  private final Map<String, Integer> index = new LinkedHashMap<>();
  private int next;
  /** The time of the last step that counted. */
  private long stepTime;
  private int count;
  private boolean started;
  private CorrelationReading last = new CorrelationReading(Long.MIN_VALUE, Double.NaN, false);

  public CorrelationMonitor(List<String> symbols, int window, double spikeThreshold) {
    if (window < 3) throw new IllegalArgumentException("correlation window must be >= 3, got " + window);
    this.symbols = List.copyOf(symbols);
    this.window = window;
    this.spikeThreshold = spikeThreshold;
    this.returns = new double[this.symbols.size()][window];
    this.previousClose = new double[this.symbols.size()];
    this.close = new double[this.symbols.size()];
    this.sumSquares = new double[this.symbols.size()];
    this.deviations = new double[this.symbols.size()][window];
    this.unitSum = new double[window];
    for (int i = 0; i < this.symbols.size(); i++) {
      if (index.put(this.symbols.get(i), i) != null) throw new IllegalArgumentException("duplicate symbol " + this.symbols.get(i));
    }
  }

  public static CorrelationMonitor of(List<String> symbols, RegimeSettings settings) {
    return new CorrelationMonitor(symbols, settings.correlationWindow(), settings.correlationSpike());
  }

  /** Feeds one step (the bars that start at the same instant, any order); returns the reading after it. */
  public CorrelationReading update(List<Bar> step) {
    if (!advance(step)) return last;
    // A monitor that can never spike (an infinite threshold: only pairs are asked for) skips the O(pairs x window) average.
    double average = count == window && Double.isFinite(spikeThreshold) ? averagePairwiseCorrelation() : Double.NaN;
    last = new CorrelationReading(stepTime, average, average >= spikeThreshold);
    return last;
  }

  /**
   * How far from the threshold the quick average must be for its side of the threshold to be the exact average's: its
   * rounding differs from the exact one's by far less (about 1e-13 for a few symbols over a window of tens).
   */
  private static final double QUICK_MARGIN = 1e-9;

  /**
   * Feeds one step as {@link #update} does and returns only its spike flag, the same as {@code update(step).spike()},
   * for less work: the average pairwise correlation is the squared length of the sum of the series' standardized
   * returns, less their number, over the number of ordered pairs, one pass per series instead of one per pair. Only
   * when that lands within {@link #QUICK_MARGIN} of the threshold is the exact average computed to decide. The reading
   * {@link #last()} then holds the quick average (the exact one near the threshold), so its last bits may differ from
   * {@link #update}'s.
   */
  public boolean spikeAfter(List<Bar> step) {
    if (!advance(step)) return last.spike();
    double average = Double.NaN;
    if (count == window && Double.isFinite(spikeThreshold)) {
      average = quickAverage();
      if (Double.isNaN(average) || Math.abs(average - spikeThreshold) <= QUICK_MARGIN) average = averagePairwiseCorrelation();
    }
    last = new CorrelationReading(stepTime, average, average >= spikeThreshold);
    return last.spike();
  }

  /**
   * The mean pairwise correlation by the sum of standardized returns: with u the deviations of a series over the
   * square root of its sum of squares, correlation(a, b) = u_a . u_b, and the sum over the pairs of the m series that
   * are not flat is (|sum u|^2 - m) / 2. Flat series are left out, as in {@link #averagePairwiseCorrelation}.
   */
  private double quickAverage() {
    int n = symbols.size();
    double[] sum = unitSum;
    java.util.Arrays.fill(sum, 0);
    centre();
    int live = 0;
    for (int a = 0; a < n; a++) {
      double sxx = sumSquares[a];
      if (sxx == 0) continue;
      double[] dx = deviations[a];
      double scale = 1 / Math.sqrt(sxx);
      for (int i = 0; i < window; i++) sum[i] += dx[i] * scale;
      live++;
    }
    if (live < 2) return Double.NaN;
    double length = 0;
    for (int i = 0; i < window; i++) length += sum[i] * sum[i];
    return (length - live) / ((double) live * (live - 1));
  }

  /** Takes the step's closes; false when a symbol has no bar in it (the step does not count). */
  private boolean advance(List<Bar> step) {
    double[] close = this.close;
    java.util.Arrays.fill(close, 0);
    int seen = 0;
    long time = Long.MIN_VALUE;
    for (Bar b : step) {
      Integer i = index.get(b.symbol());
      if (i == null) continue;
      if (close[i] == 0) seen++;
      close[i] = b.close();
      time = Math.max(time, b.time());
    }
    if (seen < symbols.size()) return false;
    stepTime = time;
    if (started) {
      for (int i = 0; i < close.length; i++) returns[i][next] = Math.log(close[i] / previousClose[i]);
      next = (next + 1) % window;
      if (count < window) count++;
    }
    started = true;
    System.arraycopy(close, 0, previousClose, 0, close.length);
    return true;
  }

  /**
   * The correlation of two symbols' returns over the window; NaN until the window is full, for an unknown symbol, or
   * when either series is flat. (A {@code CorrelationLookup} for the risk supervisor's correlation rule.)
   */
  public double correlation(String a, String b) {
    Integer i = index.get(a);
    Integer j = index.get(b);
    if (i == null || j == null || count < window) return Double.NaN;
    if (i.equals(j)) return 1;
    return correlation(returns[i], returns[j]);
  }

  /** True while the latest average correlation is at or above the threshold. */
  public boolean spike() {
    return last.spike();
  }

  public CorrelationReading last() {
    return last;
  }

  /** Each series' deviations from its mean over the window and their sum of squares, as both averages take them. */
  private void centre() {
    for (int a = 0; a < symbols.size(); a++) {
      double[] x = returns[a];
      double[] dx = deviations[a];
      double m = 0;
      for (int i = 0; i < window; i++) m += x[i];
      m /= window;
      double sxx = 0;
      for (int i = 0; i < window; i++) {
        double d = x[i] - m;
        dx[i] = d;
        sxx += d * d;
      }
      sumSquares[a] = sxx;
    }
  }

  /**
   * The mean of {@link #correlation(double[], double[])} over all pairs. Each series' mean, deviations and sum of
   * squares are the same in every pair it is part of, so they are computed once per series, with the very operations
   * (and order) that function uses: the result is the same double, with one pass per pair instead of three.
   */
  private double averagePairwiseCorrelation() {
    int n = symbols.size();
    if (n < 2) return Double.NaN;
    centre();
    double sum = 0;
    int pairs = 0;
    for (int a = 0; a < n; a++) {
      double[] dx = deviations[a];
      double sxx = sumSquares[a];
      for (int b = a + 1; b < n; b++) {
        double[] dy = deviations[b];
        double syy = sumSquares[b];
        double sxy = 0;
        for (int i = 0; i < window; i++) sxy += dx[i] * dy[i];
        double c = sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
        // A flat series has no defined correlation; it neither adds to nor dilutes the average.
        if (!Double.isNaN(c)) {
          sum += c;
          pairs++;
        }
      }
    }
    return pairs == 0 ? Double.NaN : sum / pairs;
  }

  /** Pearson correlation of two equally long samples; NaN when either is constant. */
  static double correlation(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  public List<String> symbols() {
    return new ArrayList<>(symbols);
  }
}
