package io.troupe.strategy;

import io.troupe.market.Bar;

/**
 * Ornstein-Uhlenbeck style mean reversion on the z-score of the close against its rolling mean over {@code lookback}
 * bars (population deviation, the current close included): LONG when z falls below {@code -entryZ}, SHORT when it
 * rises above {@code +entryZ}, FLAT once |z| is back under {@code exitZ}. The target is the rolling mean.
 *
 * <p>Half-life gate (optional, {@code maxHalfLife} > 0): an AR(1) fit over the same window, close[t] - close[t-1] =
 * a + b * close[t-1] by least squares over the {@code lookback} closes before the current bar (so a
 * sudden jump, which is what triggers the entry, cannot make the window look mean-reverting), estimates how fast deviations decay: the half-life is -ln 2 / ln(1 + b) bars
 * when -1 < b < 0, 0 when b <= -1 (deviations overshoot within a bar), and infinite when b >= 0 (no mean reversion in
 * the window). Entries are taken only when the half-life
 * is at most {@code maxHalfLife} bars, so the strategy stays out of windows that are drifting rather than reverting.
 * Exits are never gated.
 */
public final class OuZScore implements Strategy {
  private final int lookback;
  private final double entryZ;
  private final double exitZ;
  private final double maxHalfLife;
  private final double[] closes;
  private int next;
  private int count;
  private Direction position = Direction.FLAT;

  public OuZScore(int lookback, double entryZ, double exitZ, double maxHalfLife) {
    if (lookback < 3) throw new IllegalArgumentException("ou-zscore lookback must be >= 3, got " + lookback);
    if (!(exitZ >= 0 && exitZ < entryZ)) throw new IllegalArgumentException("ou-zscore needs 0 <= exit_z < entry_z");
    this.lookback = lookback;
    this.entryZ = entryZ;
    this.exitZ = exitZ;
    this.maxHalfLife = maxHalfLife;
    this.closes = new double[lookback + 1];
  }

  @Override
  public String name() {
    return "ou-zscore(" + lookback + "," + entryZ + "," + exitZ + "," + maxHalfLife + ")";
  }

  @Override
  public int warmUpBars() {
    return lookback;
  }

  @Override
  public Signal onBar(Bar bar) {
    closes[next] = bar.close();
    next = (next + 1) % closes.length;
    if (count < closes.length) count++;
    if (count < lookback) return null;
    double mean = 0;
    for (int i = 1; i <= lookback; i++) mean += newest(i);
    mean /= lookback;
    double var = 0;
    for (int i = 1; i <= lookback; i++) var += (newest(i) - mean) * (newest(i) - mean);
    double sd = Math.sqrt(var / lookback);
    double z = sd > 0 ? (bar.close() - mean) / sd : 0;
    if (position != Direction.FLAT && Math.abs(z) < exitZ) {
      position = Direction.FLAT;
      return Signal.of(bar.symbol(), bar.time(), Direction.FLAT, name());
    }
    Direction wanted = z < -entryZ ? Direction.LONG : z > entryZ ? Direction.SHORT : null;
    if (wanted == null || wanted == position) return null;
    if (maxHalfLife > 0 && !(halfLife() <= maxHalfLife)) return null;
    position = wanted;
    double strength = Math.min(1, Math.abs(z) / (2 * entryZ));
    return new Signal(bar.symbol(), bar.time(), wanted, strength, 1, Double.NaN, mean, name());
  }

  /** The {@code k}-th newest close kept (1 = the current bar's). */
  private double newest(int k) {
    return closes[Math.floorMod(next - k, closes.length)];
  }

  /**
   * Half-life in bars of the AR(1) fit over the {@code lookback} closes before the current bar (see the class comment);
   * NaN until there are that many.
   */
  public double halfLife() {
    if (count < closes.length) return Double.NaN;
    int n = lookback - 1;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (int i = 0; i < n; i++) {
      double x = newest(lookback + 1 - i);
      double y = newest(lookback - i) - x;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double den = n * sxx - sx * sx;
    if (den <= 0) return Double.POSITIVE_INFINITY;
    double b = (n * sxy - sx * sy) / den;
    if (b >= 0) return Double.POSITIVE_INFINITY;
    return b <= -1 ? 0 : -Math.log(2) / Math.log(1 + b);
  }
}
