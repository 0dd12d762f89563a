package io.troupe.strategy;

import io.troupe.market.Bar;

/**
 * Order-flow imbalance estimated from bars: each bar's volume is split by where the close sits in its range, buy volume
 * = volume * (close - low) / (high - low) and sell volume the rest (half and half when the bar has no range). The
 * imbalance over the last {@code lookback} bars is (buy - sell) / (buy + sell), in [-1, 1]. LONG when it rises above
 * {@code threshold}, SHORT when it falls below {@code -threshold}; a position is left (FLAT) when the imbalance crosses
 * back through zero. Bars without volume are ignored. Strength is |imbalance|.
 */
public final class FlowImbalance implements Strategy {
  private final int lookback;
  private final double threshold;
  private final double[] buys;
  private final double[] sells;
  private int next;
  private int count;
  private double buySum;
  private double sellSum;
  private Direction position = Direction.FLAT;

  public FlowImbalance(int lookback, double threshold) {
    if (lookback < 1) throw new IllegalArgumentException("flow-imbalance lookback must be >= 1");
    if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException("flow-imbalance threshold must be in (0, 1)");
    this.lookback = lookback;
    this.threshold = threshold;
    this.buys = new double[lookback];
    this.sells = new double[lookback];
  }

  /** The buy share of a bar's volume by the close-location proxy: (close - low) / (high - low), 0.5 for a flat bar. */
  public static double buyShare(Bar bar) {
    double range = bar.high() - bar.low();
    return range > 0 ? (bar.close() - bar.low()) / range : 0.5;
  }

  @Override
  public String name() {
    return "flow-imbalance(" + lookback + "," + threshold + ")";
  }

  @Override
  public int warmUpBars() {
    return lookback;
  }

  /** The current rolling imbalance, NaN until {@code lookback} bars with volume have been seen. */
  public double imbalance() {
    double total = buySum + sellSum;
    return count < lookback || total <= 0 ? Double.NaN : (buySum - sellSum) / total;
  }

  @Override
  public Signal onBar(Bar bar) {
    if (!bar.hasVolume()) return null;
    double buy = bar.volume() * buyShare(bar);
    double sell = bar.volume() - buy;
    if (count == lookback) {
      buySum -= buys[next];
      sellSum -= sells[next];
    } else {
      count++;
    }
    buys[next] = buy;
    sells[next] = sell;
    buySum += buy;
    sellSum += sell;
    next = (next + 1) % lookback;
    if (next == 0) resum(); // no drift over long runs
    double imbalance = imbalance();
    if (Double.isNaN(imbalance)) return null;
    if (position == Direction.LONG && imbalance < 0 || position == Direction.SHORT && imbalance > 0) {
      position = Direction.FLAT;
      return Signal.of(bar.symbol(), bar.time(), Direction.FLAT, name());
    }
    Direction wanted = imbalance > threshold ? Direction.LONG : imbalance < -threshold ? Direction.SHORT : null;
    if (wanted == null || wanted == position) return null;
    position = wanted;
    return new Signal(bar.symbol(), bar.time(), wanted, Math.abs(imbalance), 1, Double.NaN, Double.NaN, name());
  }

  private void resum() {
    double b = 0, s = 0;
    for (int i = 0; i < count; i++) {
      b += buys[i];
      s += sells[i];
    }
    buySum = b;
    sellSum = s;
  }
}
