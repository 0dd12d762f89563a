package io.troupe.strategy;

import static io.troupe.strategy.Bars.flat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OuZScoreTest {

  private static List<Signal> run(OuZScore s, double... closes) {
    List<Signal> out = new ArrayList<>();
    for (int i = 0; i < closes.length; i++) {
      Signal sig = s.onBar(flat(i, closes[i], 1));
      if (sig != null) out.add(sig);
    }
    return out;
  }

  @Test
  void longBelowMinusEntryZFlatOnceRevertedShortAbove() {
    OuZScore s = new OuZScore(5, 1.5, 0.5, 0);
    // 100,101,100,101 then a drop to 95: z of 95 in {100,101,100,101,95} is about -1.96.
    List<Signal> sigs = run(s, 100, 101, 100, 101, 95, 96, 99, 100.5, 108);
    assertEquals(Direction.LONG, sigs.get(0).direction());
    assertEquals(4 * 60_000L, sigs.get(0).time());
    assertEquals((100 + 101 + 100 + 101 + 95) / 5.0, sigs.get(0).target(), 1e-9, "target is the mean");
    assertEquals(Direction.FLAT, sigs.get(1).direction());
    assertEquals(Direction.SHORT, sigs.get(sigs.size() - 1).direction());
  }

  @Test
  void halfLifeOfAStronglyRevertingSeriesIsShortAndOfADriftIsInfinite() {
    OuZScore reverting = new OuZScore(200, 2, 0.5, 0);
    java.util.Random rnd = new java.util.Random(3);
    double x = 0;
    for (int i = 0; i < 201; i++) {
      x = 0.5 * x + rnd.nextGaussian(); // AR(1) with phi = 0.5: b = -0.5, a half-life of one bar
      reverting.onBar(flat(i, 100 + x, 1));
    }
    assertEquals(1.0, reverting.halfLife(), 0.5);
    OuZScore drifting = new OuZScore(20, 2, 0.5, 0);
    for (int i = 0; i < 21; i++) drifting.onBar(flat(i, 100 * Math.pow(1.01, i), 1));
    assertEquals(Double.POSITIVE_INFINITY, drifting.halfLife());
  }

  @Test
  void theHalfLifeGateBlocksEntriesInADrift() {
    double[] closes = new double[30];
    for (int i = 0; i < 29; i++) closes[i] = 100 + i; // a steady climb: no mean reversion
    closes[29] = 60; // a crash far below the mean
    assertEquals(Direction.LONG, run(new OuZScore(10, 2, 0.5, 0), closes).get(0).direction());
    assertEquals(List.of(), run(new OuZScore(10, 2, 0.5, 5), closes));
  }

  @Test
  void noSignalBeforeWarm() {
    OuZScore s = new OuZScore(5, 1, 0.2, 0);
    for (int i = 0; i < 4; i++) assertNull(s.onBar(flat(i, i == 3 ? 50 : 100, 1)));
  }
}
