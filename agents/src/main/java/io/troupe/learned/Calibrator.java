package io.troupe.learned;

import java.util.Arrays;

/**
 * Maps a model's raw probability to a calibrated one, fitted on held-out predictions and their outcomes: Platt
 * scaling (a logistic curve on the raw probability's log-odds) or isotonic regression (a non-decreasing step function,
 * by pool-adjacent-violators, interpolated between its steps). Immutable; written in checkpoints with the model.
 */
public sealed interface Calibrator permits Calibrator.Platt, Calibrator.Isotonic {

  double apply(double raw);

  static Calibrator fit(LearnedSpec.Calibration kind, double[] raw, int[] outcome) {
    return kind == LearnedSpec.Calibration.PLATT ? Platt.fit(raw, outcome) : Isotonic.fit(raw, outcome);
  }

  /** {@code 1 / (1 + exp(-(a * logit(raw) + b)))}. */
  record Platt(double a, double b) implements Calibrator {
    @Override
    public double apply(double raw) {
      return sigmoid(a * logit(raw) + b);
    }

    /**
     * Newton's method on the log loss, with Platt's smoothed targets ({@code (n+ + 1) / (n+ + 2)} and
     * {@code 1 / (n- + 2)}) so that separable data does not send the slope to infinity.
     */
    static Platt fit(double[] raw, int[] y) {
      int pos = 0;
      for (int v : y) pos += v;
      int neg = y.length - pos;
      double hi = (pos + 1.0) / (pos + 2.0);
      double lo = 1.0 / (neg + 2.0);
      double a = 1, b = 0;
      double loss = loss(raw, y, hi, lo, a, b);
      for (int iter = 0; iter < 100; iter++) {
        double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
        for (int i = 0; i < raw.length; i++) {
          double x = logit(raw[i]);
          double p = sigmoid(a * x + b);
          double d = p - (y[i] == 1 ? hi : lo);
          double w = p * (1 - p);
          ga += d * x;
          gb += d;
          haa += w * x * x;
          hab += w * x;
          hbb += w;
        }
        double det = haa * hbb - hab * hab;
        if (!(Math.abs(det) > 1e-18)) break;
        double da = (hbb * ga - hab * gb) / det;
        double db = (haa * gb - hab * ga) / det;
        // Newton's step, halved until the loss falls (a full step can overshoot far from the optimum).
        double step = 1;
        double next = loss(raw, y, hi, lo, a - da, b - db);
        while (next > loss && step > 1e-6) {
          step /= 2;
          next = loss(raw, y, hi, lo, a - step * da, b - step * db);
        }
        if (next > loss) break;
        a -= step * da;
        b -= step * db;
        boolean done = loss - next < 1e-12;
        loss = next;
        if (done) break;
      }
      return new Platt(a, b);
    }
  }

  private static double loss(double[] raw, int[] y, double hi, double lo, double a, double b) {
    double l = 0;
    for (int i = 0; i < raw.length; i++) {
      double p = Math.min(1 - 1e-15, Math.max(1e-15, sigmoid(a * logit(raw[i]) + b)));
      double t = y[i] == 1 ? hi : lo;
      l -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
    }
    return l;
  }

  /** Steps: at raw probability {@code x[k]} the calibrated value {@code y[k]}; linear between steps, flat beyond. */
  record Isotonic(double[] x, double[] y) implements Calibrator {
    @Override
    public double apply(double raw) {
      if (x.length == 0) return raw;
      if (raw <= x[0]) return y[0];
      if (raw >= x[x.length - 1]) return y[y.length - 1];
      int k = Arrays.binarySearch(x, raw);
      if (k >= 0) return y[k];
      int hi = -k - 1;
      int lo = hi - 1;
      double f = (raw - x[lo]) / (x[hi] - x[lo]);
      return y[lo] + f * (y[hi] - y[lo]);
    }

    /** Pool-adjacent-violators on the outcomes sorted by raw probability (ties pooled first). */
    static Isotonic fit(double[] raw, int[] outcome) {
      Integer[] order = new Integer[raw.length];
      for (int i = 0; i < order.length; i++) order[i] = i;
      Arrays.sort(order, (p, q) -> Double.compare(raw[p], raw[q]));
      double[] bx = new double[raw.length];
      double[] by = new double[raw.length];
      double[] bw = new double[raw.length];
      int blocks = 0;
      for (int k = 0; k < order.length; k++) {
        double xv = raw[order[k]];
        double yv = outcome[order[k]];
        if (blocks > 0 && bx[blocks - 1] == xv) {
          by[blocks - 1] = (by[blocks - 1] * bw[blocks - 1] + yv) / (bw[blocks - 1] + 1);
          bw[blocks - 1] += 1;
        } else {
          bx[blocks] = xv;
          by[blocks] = yv;
          bw[blocks] = 1;
          blocks++;
        }
        // Merge backwards while the steps decrease; a merged block sits at its weighted mean raw value.
        while (blocks > 1 && by[blocks - 2] > by[blocks - 1]) {
          double w = bw[blocks - 2] + bw[blocks - 1];
          by[blocks - 2] = (by[blocks - 2] * bw[blocks - 2] + by[blocks - 1] * bw[blocks - 1]) / w;
          bx[blocks - 2] = (bx[blocks - 2] * bw[blocks - 2] + bx[blocks - 1] * bw[blocks - 1]) / w;
          bw[blocks - 2] = w;
          blocks--;
        }
      }
      double[] xs = Arrays.copyOf(bx, blocks);
      double[] ys = new double[blocks];
      // Each step shrunk towards 1/2 by one pseudo-observation, (sum + 1/2) / (count + 1), kept non-decreasing: a small
      // step of all 0s or all 1s would otherwise claim certainty, which a log loss punishes without limit.
      for (int k = 0; k < blocks; k++) {
        ys[k] = (by[k] * bw[k] + 0.5) / (bw[k] + 1);
        if (k > 0) ys[k] = Math.max(ys[k], ys[k - 1]);
      }
      return new Isotonic(xs, ys);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Isotonic i && Arrays.equals(x, i.x) && Arrays.equals(y, i.y);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
      return "Isotonic" + Arrays.toString(x) + "->" + Arrays.toString(y);
    }
  }

  static double logit(double p) {
    double q = Math.min(1 - 1e-7, Math.max(1e-7, p));
    return Math.log(q / (1 - q));
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
