package io.troupe.app.backtest;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.market.Bar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StepGroupingTest {

  private static List<Bar> sortedCopy(List<List<Bar>> series) {
    List<Bar> all = new ArrayList<>();
    for (List<Bar> l : series) all.addAll(l);
    all.sort(Comparator.comparingLong(Bar::time).thenComparing(Bar::symbol));
    return all;
  }

  /** Series in order are merged: the same bars, the same objects in the same order, as one stable sort of them all. */
  @Test
  void mergingSeriesInOrderGivesWhatOneStableSortGives() {
    SplittableRandom random = new SplittableRandom(3);
    for (int round = 0; round < 50; round++) {
      List<List<Bar>> series = new ArrayList<>();
      int k = 1 + random.nextInt(9);
      for (int s = 0; s < k; s++) {
        // Some series share a symbol and times, so equal bars of two series meet (the first series' comes first).
        String symbol = "S" + random.nextInt(4);
        List<Bar> l = new ArrayList<>();
        long t = random.nextInt(5) * 60_000L;
        for (int i = 0; i < random.nextInt(200); i++) {
          t += 60_000L * random.nextInt(3);
          l.add(new Bar(symbol, t, 1, 2, 0.5, 1.5, 10));
        }
        series.add(l);
      }
      List<Bar> expected = sortedCopy(series);
      List<Bar> got = StepGrouping.inOrder(series);
      assertEquals(expected.size(), got.size());
      for (int i = 0; i < got.size(); i++) assertSame(expected.get(i), got.get(i), "round " + round + ", bar " + i);
    }
  }

  @Test
  void aSeriesOutOfOrderIsSorted() {
    List<Bar> late = List.of(new Bar("A", 120_000, 1, 2, 0.5, 1.5, 10), new Bar("A", 60_000, 1, 2, 0.5, 1.5, 10));
    List<Bar> other = List.of(new Bar("B", 60_000, 1, 2, 0.5, 1.5, 10));
    List<List<Bar>> series = List.of(late, other);
    List<Bar> got = StepGrouping.inOrder(series);
    List<Bar> expected = sortedCopy(series);
    for (int i = 0; i < got.size(); i++) assertSame(expected.get(i), got.get(i));
  }

  /** A series holding two symbols (in time order) is merged by comparing symbols, not by a rank per series. */
  @Test
  void aSeriesOfTwoSymbolsIsMergedBySymbol() {
    List<Bar> mixed = List.of(new Bar("C", 60_000, 1, 2, 0.5, 1.5, 10), new Bar("A", 120_000, 1, 2, 0.5, 1.5, 10), new Bar("C", 120_000, 1, 2, 0.5, 1.5, 10));
    List<Bar> other = List.of(new Bar("B", 60_000, 1, 2, 0.5, 1.5, 10), new Bar("B", 120_000, 1, 2, 0.5, 1.5, 10));
    List<List<Bar>> series = List.of(mixed, other);
    List<Bar> got = StepGrouping.inOrder(series);
    List<Bar> expected = sortedCopy(series);
    assertEquals(expected.size(), got.size());
    for (int i = 0; i < got.size(); i++) assertSame(expected.get(i), got.get(i), "bar " + i);
  }

  /** The steps made one at a time are the steps made at once, and every pass over them starts from the first bar. */
  @Test
  void lazyStepsAreTheStepsAndStartAgainEachPass() {
    java.util.Map<String, List<Bar>> bars = new java.util.LinkedHashMap<>();
    bars.put("B", List.of(new Bar("B", 60_000, 1, 2, 0.5, 1.5, 10), new Bar("B", 180_000, 1, 2, 0.5, 1.5, 10)));
    bars.put("A", List.of(new Bar("A", 60_000, 1, 2, 0.5, 1.5, 10), new Bar("A", 120_000, 1, 2, 0.5, 1.5, 10)));
    List<List<Bar>> expected = List.of(List.of(bars.get("A").get(0), bars.get("B").get(0)), List.of(bars.get("A").get(1)), List.of(bars.get("B").get(1)));
    assertEquals(expected, StepGrouping.steps(bars));
    Iterable<List<Bar>> lazy = StepGrouping.lazySteps(bars);
    for (int pass = 0; pass < 2; pass++) {
      List<List<Bar>> got = new ArrayList<>();
      lazy.forEach(got::add);
      assertEquals(expected, got, "pass " + pass);
    }
    assertEquals(List.of(), StepGrouping.steps(java.util.Map.of()));
  }
}
