package io.troupe.regime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegimeCorrelationTest {

  private static Bar bar(String s, long t, double close) {
    return new Bar(s, t, close, close, close, close, 1);
  }

  @Test
  void independentMovesGiveNoSpikeAndASharedShockDoes() {
    CorrelationMonitor m = new CorrelationMonitor(List.of("A", "B", "C"), 20, 0.8);
    Random rnd = new Random(7);
    double a = 100, b = 100, c = 100;
    long t = 0;
    CorrelationMonitor.CorrelationReading r = null;
    for (int i = 0; i < 60; i++) {
      a *= 1 + 0.001 * rnd.nextGaussian();
      b *= 1 + 0.001 * rnd.nextGaussian();
      c *= 1 + 0.001 * rnd.nextGaussian();
      r = m.update(List.of(bar("C", t, c), bar("A", t, a), bar("B", t, b)));
      t += 60_000;
    }
    assertTrue(Math.abs(r.averageCorrelation()) < 0.5, "independent: " + r.averageCorrelation());
    assertFalse(m.spike());
    for (int i = 0; i < 20; i++) {
      double common = 0.01 * rnd.nextGaussian();
      a *= 1 + common + 0.0005 * rnd.nextGaussian();
      b *= 1 + common + 0.0005 * rnd.nextGaussian();
      c *= 1 + common + 0.0005 * rnd.nextGaussian();
      r = m.update(List.of(bar("A", t, a), bar("B", t, b), bar("C", t, c)));
      t += 60_000;
    }
    assertTrue(r.averageCorrelation() > 0.9, "shared shock: " + r.averageCorrelation());
    assertTrue(m.spike());
  }

  @Test
  void incompleteStepsAreSkippedAndOneSymbolNeverSpikes() {
    CorrelationMonitor m = new CorrelationMonitor(List.of("A", "B"), 3, 0.8);
    var before = m.update(List.of(bar("A", 0, 1)));
    assertEquals(Double.NaN, before.averageCorrelation());
    CorrelationMonitor single = new CorrelationMonitor(List.of("A"), 3, 0.0);
    for (int i = 1; i < 10; i++) single.update(List.of(bar("A", i, i)));
    assertFalse(single.spike());
    assertEquals(Double.NaN, single.last().averageCorrelation());
  }

  @Test
  void perfectlyCoMovingSeriesHaveCorrelationOne() {
    assertEquals(1.0, CorrelationMonitor.correlation(new double[] {1, 2, 4}, new double[] {2, 4, 8}), 1e-12);
    assertEquals(-1.0, CorrelationMonitor.correlation(new double[] {1, 2, 4}, new double[] {-1, -2, -4}), 1e-12);
    assertEquals(Double.NaN, CorrelationMonitor.correlation(new double[] {1, 1, 1}, new double[] {1, 2, 3}));
  }

  @Test
  void theAverageIsBitForBitTheMeanOfThePairwiseCorrelations() {
    // The average shares each series' mean and deviations across its pairs; it must give the very double that
    // averaging correlation(a, b) over the pairs gives. One flat series checks that NaN pairs are left out.
    List<String> symbols = List.of("A", "B", "C", "D", "E", "FLAT");
    CorrelationMonitor m = new CorrelationMonitor(symbols, 20, 0.8);
    Random rnd = new Random(11);
    double[] price = {100, 50, 20, 7, 3000, 1};
    for (int step = 0; step < 200; step++) {
      double common = 0.004 * rnd.nextGaussian();
      java.util.ArrayList<Bar> bars = new java.util.ArrayList<>();
      for (int i = 0; i < symbols.size(); i++) {
        if (i < 5) price[i] *= 1 + common + 0.003 * rnd.nextGaussian();
        bars.add(bar(symbols.get(i), step * 60_000L, price[i]));
      }
      CorrelationMonitor.CorrelationReading r = m.update(bars);
      double sum = 0;
      int pairs = 0;
      for (int a = 0; a < symbols.size(); a++) {
        for (int b = a + 1; b < symbols.size(); b++) {
          double c = m.correlation(symbols.get(a), symbols.get(b));
          if (!Double.isNaN(c)) {
            sum += c;
            pairs++;
          }
        }
      }
      double expected = step < 20 ? Double.NaN : pairs == 0 ? Double.NaN : sum / pairs;
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(r.averageCorrelation()), "step " + step);
    }
  }

  /**
   * The spike flag from the quick average is update's at every step, thresholds right at an exact average included
   * (there the exact average decides), with a flat series and a missing bar now and then.
   */
  @Test
  void theQuickSpikeIsTheExactOnesAtEveryStep() {
    List<String> symbols = List.of("A", "B", "C", "D", "E", "F", "G", "FLAT");
    List<List<Bar>> steps = new java.util.ArrayList<>();
    Random rnd = new Random(5);
    double[] price = {100, 50, 20, 7, 3000, 1, 40, 9};
    for (int step = 0; step < 600; step++) {
      // Calm stretches and shared shocks, so the average crosses the thresholds both ways.
      double common = (step / 50) % 2 == 0 ? 0.0005 * rnd.nextGaussian() : 0.01 * rnd.nextGaussian();
      List<Bar> bars = new java.util.ArrayList<>();
      for (int i = 0; i < symbols.size(); i++) {
        if (i == 3 && step % 37 == 5) continue; // a missing bar: the step does not count
        if (i < 7) price[i] *= 1 + common + 0.003 * rnd.nextGaussian();
        bars.add(bar(symbols.get(i), step * 60_000L, price[i]));
      }
      steps.add(bars);
    }
    CorrelationMonitor probe = new CorrelationMonitor(symbols, 30, 0.8);
    List<Double> thresholds = new java.util.ArrayList<>(List.of(0.1, 0.3, 0.5, 0.8));
    for (List<Bar> step : steps) {
      double a = probe.update(step).averageCorrelation();
      if (!Double.isNaN(a) && thresholds.size() < 12 && rnd.nextInt(40) == 0) thresholds.add(a); // exactly on it
    }
    assertTrue(thresholds.size() > 6, "thresholds " + thresholds);
    int spikes = 0;
    for (double t : thresholds) {
      CorrelationMonitor exact = new CorrelationMonitor(symbols, 30, t);
      CorrelationMonitor quick = new CorrelationMonitor(symbols, 30, t);
      for (int k = 0; k < steps.size(); k++) {
        boolean want = exact.update(steps.get(k)).spike();
        assertEquals(want, quick.spikeAfter(steps.get(k)), "threshold " + t + ", step " + k);
        if (want) spikes++;
      }
    }
    assertTrue(spikes > 0, "some steps spike");
  }
}
