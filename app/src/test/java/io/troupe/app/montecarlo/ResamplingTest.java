package io.troupe.app.montecarlo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.troupe.app.report.BacktestMetrics;
import io.troupe.model.EquityPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResamplingTest {

  static final long HOUR = 3_600_000L;

  @Test
  void shuffledTradesGiveTheExactDrawdownsOfTheirOrders() {
    // Three trades on 1,000: +100, -50, -50. Three distinct orders, each with probability 1/3:
    //   +100 -50 -50: peak 1,100, down to 1,000: drawdown 100/1,100 = 9.0909%
    //   -50 +100 -50: 950 (5%), peak 1,050, 1,000 (4.76%): 5%
    //   -50 -50 +100: 950, 900 (10%), back to 1,000: 10%
    double[] pnl = {100, -50, -50};
    long[] exits = {HOUR, 2 * HOUR, 3 * HOUR};
    Resampling.Samples s = Resampling.shuffleTrades(1000, pnl, exits, 0, 30_000, 42);
    Distribution dd = s.maxDrawdown();
    assertEquals(0.05, dd.quantile(0.05), 1e-12);
    assertEquals(100.0 / 1100, dd.quantile(0.50), 1e-12);
    assertEquals(0.10, dd.quantile(0.95), 1e-12);
    // Each order a third of the time, within four standard errors (sqrt(1/3 * 2/3 / 30000) = 0.0027).
    assertEquals(1.0 / 3, s.stats().stream().filter(p -> Math.abs(p.maxDrawdown() - 0.10) < 1e-12).count() / 30_000.0, 0.011);
    assertEquals(1.0 / 3, s.stats().stream().filter(p -> Math.abs(p.maxDrawdown() - 0.05) < 1e-12).count() / 30_000.0, 0.011);
    // The sum does not depend on the order.
    assertEquals(0.0, s.finalReturn().min(), 1e-12);
    assertEquals(0.0, s.finalReturn().max(), 1e-12);
    // Longest drawdown: order 1 is under water from 1h to the end (3h): 2h; order 2 from 0 to 2h and 2h to 3h: 2h;
    // order 3 from 0 to 3h, where it is back at 1,000: 3h.
    assertEquals(2 * 3600, s.longestDrawdown().quantile(0.05), 1e-9);
    assertEquals(3 * 3600, s.longestDrawdown().quantile(0.95), 1e-9);
  }

  @Test
  void aBootstrapOfSingleReturnsMatchesItsEnumeration() {
    // Two returns, +10% and -10%, drawn one at a time (fixed blocks of 1): the four paths (+,+) 1.21, (+,-) and (-,+)
    // 0.99, (-,-) 0.81, with probabilities 1/4, 1/2, 1/4. Quantiles (type 7) of that law for a large sample: 5% -19%,
    // 50% -1%, 95% +21%; the probability of losing 10% or more is 1/4.
    double[] returns = {0.10, -0.10};
    long[] times = {HOUR, 2 * HOUR};
    Resampling.Samples s = Resampling.bootstrapReturns(100, returns, times, 40_000, 7, 1, Resampling.Blocks.FIXED);
    Distribution fr = s.finalReturn();
    assertEquals(-0.19, fr.quantile(0.05), 1e-12);
    assertEquals(-0.01, fr.quantile(0.50), 1e-12);
    assertEquals(0.21, fr.quantile(0.95), 1e-12);
    assertEquals(0.25, fr.shareAtOrBelow(-0.10), 0.01);
    assertEquals(0.25, fr.shareAtOrBelow(-0.15), 0.01);
    assertEquals(0.75, fr.shareAtOrBelow(0.0), 0.01);
  }

  @Test
  void blocksAsLongAsTheSeriesOnlyRotateItSoTheFinalReturnNeverChanges() {
    double[] returns = {0.02, -0.01, 0.03, -0.04, 0.01, 0.005, -0.02};
    long[] times = new long[returns.length];
    for (int i = 0; i < times.length; i++) times[i] = (i + 1) * HOUR;
    double product = 1;
    for (double r : returns) product *= 1 + r;
    Resampling.Samples s = Resampling.bootstrapReturns(1000, returns, times, 500, 3, returns.length, Resampling.Blocks.FIXED);
    assertEquals(product - 1, s.finalReturn().min(), 1e-12);
    assertEquals(product - 1, s.finalReturn().max(), 1e-12);
    // Drawdowns do change with the rotation.
    assertNotEquals(s.maxDrawdown().min(), s.maxDrawdown().max());
  }

  @Test
  void fixedBlocksHaveExactlyBReturnsAndStationaryBlocksBOnAverage() {
    int n = 1000;
    int[] out = new int[200_000];
    Resampling.drawIndexes(out, n, 25, Resampling.Blocks.STATIONARY, new java.util.SplittableRandom(11));
    // A block goes on where the next index is the previous plus one (wrapping); a fresh start at exactly that index
    // (probability 1/n) reads as going on, so the mean length is a little over B.
    int blocks = 1;
    for (int i = 1; i < out.length; i++) if (out[i] != (out[i - 1] + 1) % n) blocks++;
    assertEquals(25.0, (double) out.length / blocks, 25.0 * 0.05);
    Resampling.drawIndexes(out, n, 25, Resampling.Blocks.FIXED, new java.util.SplittableRandom(11));
    for (int start = 0; start + 25 <= out.length; start += 25) {
      for (int i = start + 1; i < start + 25; i++) assertEquals((out[i - 1] + 1) % n, out[i], "inside a block at " + i);
    }
    // Every start is drawn uniformly: each index is used about equally often.
    int[] uses = new int[n];
    for (int i : out) uses[i]++;
    for (int u : uses) assertEquals(200.0, u, 200.0 * 0.5);
  }

  @Test
  void theSameSeedGivesTheSamePathsAndAnotherSeedOthers() {
    double[] pnl = {120, -80, 45, -30, -60, 200, -10, 15, -95, 60};
    long[] exits = new long[pnl.length];
    for (int i = 0; i < exits.length; i++) exits[i] = (i + 1) * HOUR;
    var a = Resampling.shuffleTrades(10_000, pnl, exits, 0, 300, 5);
    var b = Resampling.shuffleTrades(10_000, pnl, exits, 0, 300, 5);
    var c = Resampling.shuffleTrades(10_000, pnl, exits, 0, 300, 6);
    assertEquals(a.stats(), b.stats());
    assertNotEquals(a.stats(), c.stats());
    double[] r = new double[500];
    long[] t = new long[500];
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.sin(i * 0.37) * 0.01;
      t[i] = (i + 1) * HOUR;
    }
    var x = Resampling.bootstrapReturns(10_000, r, t, 200, 9, 8, Resampling.Blocks.STATIONARY);
    var y = Resampling.bootstrapReturns(10_000, r, t, 200, 9, 8, Resampling.Blocks.STATIONARY);
    assertEquals(x.stats(), y.stats());
    for (int i = 0; i < x.fan().length; i++) assertArrayEquals(x.fan()[i], y.fan()[i]);
  }

  @Test
  void pathFiguresAreTheBacktestSummarysOwn() {
    double[] equity = {10_000, 9_900, 10_050, 9_700, 9_600, 9_800, 10_100, 10_000};
    List<EquityPoint> points = new ArrayList<>();
    long[] times = new long[equity.length];
    for (int i = 0; i < equity.length; i++) {
      times[i] = (i + 1) * HOUR;
      points.add(new EquityPoint(times[i], equity[i], equity[i], 0, 0));
    }
    BacktestMetrics m = BacktestMetrics.compute(points, List.of(), 10_000, 0);
    PathStats p = PathStats.of(10_000, equity, times, times[0]);
    assertEquals(m.totalReturn(), p.finalReturn(), 1e-15);
    assertEquals(m.maxDrawdown(), p.maxDrawdown(), 1e-15);
    assertEquals(m.maxDrawdownDurationSeconds(), p.longestDrawdownSeconds(), 1e-9);
  }

  @Test
  void quantilesInterpolateAsNumPyDoes() {
    // numpy.percentile([1, 2, 3, 4, 10], [5, 50, 95]) = [1.2, 3.0, 8.8]
    Distribution d = new Distribution(new double[] {10, 3, 1, 4, 2});
    assertEquals(1.2, d.quantile(0.05), 1e-12);
    assertEquals(3.0, d.quantile(0.50), 1e-12);
    assertEquals(8.8, d.quantile(0.95), 1e-12);
  }
}
