package io.troupe.app.montecarlo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values one figure took over the iterations, sorted, with quantiles by linear interpolation between order
 * statistics (Hyndman and Fan's type 7, the default of R's {@code quantile} and NumPy's {@code percentile}).
 */
public final class Distribution {
  private final double[] sorted;

  public Distribution(double[] values) {
    if (values.length == 0) throw new IllegalArgumentException("no values");
    this.sorted = values.clone();
    Arrays.sort(sorted);
  }

  /** The p-quantile, 0 <= p <= 1: h = (n - 1) p, x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]). */
  public double quantile(double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) return sorted[sorted.length - 1];
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }

  public double mean() {
    double s = 0;
    for (double v : sorted) s += v;
    return s / sorted.length;
  }

  public double min() {
    return sorted[0];
  }

  public double max() {
    return sorted[sorted.length - 1];
  }

  /** The share of values at or below {@code x}. */
  public double shareAtOrBelow(double x) {
    int n = 0;
    for (double v : sorted) if (v <= x) n++;
    return (double) n / sorted.length;
  }

  public int size() {
    return sorted.length;
  }

  /** p5, p50, p95, mean, min, max, for monte-carlo.json. */
  public Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p5", quantile(0.05));
    m.put("p50", quantile(0.50));
    m.put("p95", quantile(0.95));
    m.put("mean", mean());
    m.put("min", min());
    m.put("max", max());
    return m;
  }

  /** A histogram: {@code bins} equal bins from min to max (one bin, from the value to itself, when all values are equal): edges and counts. */
  public Map<String, Object> histogram(int bins) {
    double lo = min();
    double hi = max();
    int b = hi > lo ? bins : 1;
    double width = (hi - lo) / b;
    long[] counts = new long[b];
    for (double v : sorted) counts[width > 0 ? Math.min(b - 1, (int) ((v - lo) / width)) : 0]++;
    double[] edges = new double[b + 1];
    for (int i = 0; i <= b; i++) edges[i] = lo + i * width;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("edges", edges);
    m.put("counts", counts);
    return m;
  }
}
