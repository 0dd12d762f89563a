package io.troupe.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.market.Bar;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rvol and the cumulative VWAP against direct (two-pass, whole-history) computations. */
class RealizedVolatilityAndVwapTest {

  private static double naiveRvol(List<Bar> bars, int end, int n, double barsPerYear) {
    double[] r = new double[n];
    double mean = 0;
    for (int j = 0; j < n; j++) {
      int i = end - n + 1 + j;
      r[j] = Math.log(bars.get(i).close() / bars.get(i - 1).close());
      mean += r[j];
    }
    mean /= n;
    double ss = 0;
    for (double x : r) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / (n - 1)) * Math.sqrt(barsPerYear) * 100;
  }

  @Test
  void rvolAnnualisesOneMinuteBarsWith525600BarsPerYear() {
    List<Bar> bars = TestBars.btc();
    RealizedVolatility rvol = new RealizedVolatility(60);
    double[] ours = TestBars.run(rvol, bars, 0);
    assertEquals(365 * 24 * 60, rvol.barsPerYear(), 0.0);
    for (int i = 60; i < bars.size(); i += 97) {
      double expected = naiveRvol(bars, i, 60, 525_600);
      assertEquals(expected, ours[i], 1e-9 * expected, "rvol at " + i);
    }
  }

  @Test
  void rvolUsesDailySpacingOrTheGivenFactor() {
    List<Bar> bars = TestBars.talib();
    RealizedVolatility derived = new RealizedVolatility(20);
    RealizedVolatility given = new RealizedVolatility(20, 252);
    double[] a = TestBars.run(derived, bars, 0);
    double[] b = TestBars.run(given, bars, 0);
    assertEquals(365, derived.barsPerYear(), 0.0);
    assertEquals(252, given.barsPerYear(), 0.0);
    assertEquals(naiveRvol(bars, 251, 20, 365), a[251], 1e-9 * a[251]);
    assertEquals(naiveRvol(bars, 251, 20, 252), b[251], 1e-9 * b[251]);
  }

  @Test
  void rvolMedianStepIgnoresAMissingBar() {
    // 5-minute bars with one gap of 15 minutes during warm-up: the median step is still 5 minutes.
    RealizedVolatility rvol = new RealizedVolatility(5);
    long t = 0;
    double close = 100;
    for (int i = 0; i < 6; i++) {
      t += i == 3 ? 15 * 60_000 : 5 * 60_000;
      close *= i % 2 == 0 ? 1.001 : 0.999;
      rvol.update(new Bar("X", t, close, close, close, close, 1));
    }
    assertEquals(365 * 24 * 12, rvol.barsPerYear(), 0.0);
  }

  @Test
  void cumulativeVwapMatchesWholeHistorySums() {
    List<Bar> bars = TestBars.btc();
    double[] ours = TestBars.run(new Vwap(), bars, 0);
    double pv = 0;
    double v = 0;
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      pv += (b.high() + b.low() + b.close()) / 3 * b.volume();
      v += b.volume();
      if (v != 0) {
        assertEquals(pv / v, ours[i], 1e-9 * (pv / v), "vwap at " + i);
      }
    }
  }
}
