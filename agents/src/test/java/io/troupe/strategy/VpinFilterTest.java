package io.troupe.strategy;

import static io.troupe.strategy.Bars.flat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VpinFilterTest {

  @Test
  void normalCdfMatchesKnownValues() {
    assertEquals(0.5, VpinFilter.normalCdf(0, 1), 1e-7);
    assertEquals(0.8413447, VpinFilter.normalCdf(1, 1), 1e-6);
    assertEquals(0.0227501, VpinFilter.normalCdf(-4, 2), 1e-6);
  }

  @Test
  void oneSidedFlowAfterABalancedTapeIsToxicAndBlocksEntriesOnly() {
    VpinFilter f = new VpinFilter(10, 5, 20, 100, 0.9);
    Random rnd = new Random(42);
    double price = 100;
    int i = 0;
    int toxicBars = 0;
    int judged = 0;
    for (; i < 400; i++) {
      price += rnd.nextGaussian();
      f.update(flat(i, price, 10));
      if (!Double.isNaN(f.threshold())) {
        judged++;
        if (f.isToxic()) toxicBars++;
      }
    }
    assertTrue(judged > 200, "judged " + judged);
    assertTrue(toxicBars < 0.2 * judged, "a random tape is seldom toxic: " + toxicBars + " of " + judged);
    double calmVpin = f.vpin();
    for (int k = 0; k < 8; k++, i++) {
      price += 3; // everybody buying
      f.update(flat(i, price, 10));
    }
    assertTrue(f.vpin() > calmVpin && f.vpin() > f.threshold(), "vpin " + f.vpin() + " threshold " + f.threshold());
    assertTrue(f.isToxic());
    Signal entry = Signal.of("X", i, Direction.LONG, "s");
    Signal exit = Signal.of("X", i, Direction.FLAT, "s");
    assertNull(f.filter(entry));
    assertSame(exit, f.filter(exit));
  }

  @Test
  void automaticBucketSizeIsTheMeanEarlyBarVolume() {
    VpinFilter f = new VpinFilter(0, 2, 4, 4, 0.9);
    for (int i = 0; i < 5; i++) f.update(flat(i, 100 + i, 10 + 2 * i));
    // Volumes of the 4 bars after the first: 12, 14, 16, 18.
    assertEquals(15.0, f.bucketVolume(), 1e-12);
    assertFalse(f.isToxic());
  }
}
