package io.troupe.app.research;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchMethodTest {

  static final List<Dimension> DIMS = List.of(
      new Dimension("fast", Dimension.Target.STRATEGY_PARAM, null, 4, 20, 2.0, null, false, true, "t:1"),
      new Dimension("stop", Dimension.Target.CONFIG, null, 0.5, 8, null, null, true, false, "t:2"),
      Dimension.choices("troupe.meta.mode", Dimension.Target.CONFIG, List.of("select", "ensemble"), "t:3"));

  /** A made-up score with a peak at fast = 12, stop = 2, so a genetic search has something to climb. */
  static double score(Map<String, String> c) {
    double fast = Double.parseDouble(c.get("fast"));
    double stop = Double.parseDouble(c.get("stop"));
    return -Math.abs(fast - 12) - Math.abs(Math.log(stop / 2)) + (c.get("troupe.meta.mode").equals("select") ? 0.5 : 0);
  }

  static List<Map<String, String>> all(SearchMethod m) {
    List<Map<String, String>> out = new ArrayList<>();
    for (List<Map<String, String>> b = m.next(SearchMethodTest::score); !b.isEmpty(); b = m.next(SearchMethodTest::score)) out.addAll(b);
    return out;
  }

  @Test
  void aGridIsEveryCombinationInOrder() {
    List<Dimension> dims = List.of(DIMS.get(0), DIMS.get(2));
    List<Map<String, String>> g = all(new SearchMethod.Grid(dims, 1000));
    assertEquals(9 * 2, g.size());
    assertEquals(Map.of("fast", "4", "troupe.meta.mode", "select"), g.get(0));
    assertEquals(Map.of("fast", "4", "troupe.meta.mode", "ensemble"), g.get(1));
    assertEquals(Map.of("fast", "20", "troupe.meta.mode", "ensemble"), g.get(17));
    assertEquals(g, all(new SearchMethod.Grid(dims, 1000)));
    InvalidInputException continuous = assertThrows(InvalidInputException.class, () -> new SearchMethod.Grid(DIMS, 1000));
    assertTrue(continuous.getMessage().startsWith("t:2: stop: a grid needs step or count"), continuous.getMessage());
  }

  @Test
  void aRandomSearchDrawsTheSameCandidatesUnderTheSameSeed() {
    List<Map<String, String>> a = all(new SearchMethod.RandomSearch(DIMS, 50, 7));
    assertEquals(50, a.size());
    assertEquals(a, all(new SearchMethod.RandomSearch(DIMS, 50, 7)));
    assertNotEquals(a, all(new SearchMethod.RandomSearch(DIMS, 50, 8)));
    for (Map<String, String> c : a) {
      double fast = Double.parseDouble(c.get("fast"));
      double stop = Double.parseDouble(c.get("stop"));
      assertTrue(fast >= 4 && fast <= 20 && fast % 2 == 0, c.toString());
      assertTrue(stop >= 0.5 && stop <= 8, c.toString());
    }
    assertEquals(50, a.stream().map(SearchMethod::key).distinct().count(), "distinct while the space has room");
  }

  @Test
  void aGeneticSearchBreedsTheSameGenerationsUnderTheSameSeedAndClimbs() {
    SearchMethod.Genetic.Settings s = new SearchMethod.Genetic.Settings(12, 8, 3, 0.9, 0.3, 2);
    List<Map<String, String>> a = all(new SearchMethod.Genetic(DIMS, s, 11));
    assertEquals(a, all(new SearchMethod.Genetic(DIMS, s, 11)));
    assertNotEquals(a, all(new SearchMethod.Genetic(DIMS, s, 12)));
    assertEquals(12 * 8, a.size());
    // The elite carry over: the best of each generation never gets worse, and the last beats the first at random.
    double firstBest = a.subList(0, 12).stream().mapToDouble(SearchMethodTest::score).max().orElseThrow();
    double lastBest = a.subList(84, 96).stream().mapToDouble(SearchMethodTest::score).max().orElseThrow();
    assertTrue(lastBest >= firstBest, firstBest + " then " + lastBest);
    double firstMean = a.subList(0, 12).stream().mapToDouble(SearchMethodTest::score).average().orElseThrow();
    double lastMean = a.subList(84, 96).stream().mapToDouble(SearchMethodTest::score).average().orElseThrow();
    assertTrue(lastMean > firstMean, "the population improves: " + firstMean + " then " + lastMean);
  }

  @Test
  void badGeneticSettingsAreRefusedByName() {
    assertTrue(assertThrows(InvalidInputException.class, () -> new SearchMethod.Genetic.Settings(1, 5, 1, 0.9, 0.2, 0)).getMessage().startsWith("--population"));
    assertTrue(assertThrows(InvalidInputException.class, () -> new SearchMethod.Genetic.Settings(10, 5, 3, 1.5, 0.2, 0)).getMessage().startsWith("--crossover"));
    assertTrue(assertThrows(InvalidInputException.class, () -> new SearchMethod.Genetic.Settings(10, 5, 3, 0.9, 0.2, 10)).getMessage().startsWith("--elite"));
  }
}
