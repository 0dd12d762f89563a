package io.troupe.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MinMaxDownsamplerTest {

  @Test
  void boundedOrderedAndKeepsTheExtremes() {
    Random rnd = new Random(1);
    MinMaxDownsampler<Bar> s = MinMaxDownsampler.forBars(2000);
    double price = 100;
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int i = 0; i < 45_000; i++) {
      price += rnd.nextGaussian();
      if (i == 31_337) price += 500; // a one-bar spike must survive
      min = Math.min(min, price);
      max = Math.max(max, price);
      s.add(new Bar("X", i * 60_000L, price, price, price, price, 1));
      if (i == 31_337) price -= 500;
    }
    List<Bar> out = s.samples();
    assertEquals(45_000, s.count());
    assertTrue(out.size() <= 2000 && out.size() > 1000, "size " + out.size());
    for (int i = 1; i < out.size(); i++) assertTrue(out.get(i).time() > out.get(i - 1).time(), "time order at " + i);
    final double lo = min;
    final double hi = max;
    assertTrue(out.stream().anyMatch(b -> b.close() == lo));
    assertTrue(out.stream().anyMatch(b -> b.close() == hi));
    assertTrue(out.stream().anyMatch(b -> b.time() == 31_337 * 60_000L));
  }

  @Test
  void shortSeriesIsKeptWhole() {
    List<Integer> values = new ArrayList<>(List.of(5, 3, 9, 1));
    assertSame(values, MinMaxDownsampler.sample(values, 10, v -> v));
    MinMaxDownsampler<Integer> s = new MinMaxDownsampler<>(10, v -> v);
    values.forEach(s::add);
    assertEquals(values, s.samples());
  }

  @Test
  void eachBucketKeepsMinAndMaxInArrivalOrderPlusFirstAndLatest() {
    // maxPoints 6 -> 2 buckets + first + latest. 8 items: the width doubles twice to 4 items per bucket.
    MinMaxDownsampler<Integer> s = new MinMaxDownsampler<>(6, v -> v);
    List.of(5, 9, 1, 6, 7, 2, 8, 3).forEach(s::add);
    // first 5; buckets [5,9,1,6] -> 9 then 1; [7,2,8,3] -> 2 then 8; latest 3
    assertEquals(List.of(5, 9, 1, 2, 8, 3), s.samples());
  }

  @Test
  void firstAndLatestNotRepeatedWhenTheyAreExtremes() {
    MinMaxDownsampler<Integer> s = new MinMaxDownsampler<>(6, v -> v);
    List.of(0, 5, 4, 6, 3, 2, 7, 9).forEach(s::add);
    // buckets [0,5,4,6] -> 0 then 6; [3,2,7,9] -> 2 then 9; 0 is first and 9 is latest already
    assertEquals(List.of(0, 6, 2, 9), s.samples());
  }
}
