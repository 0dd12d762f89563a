package io.troupe.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.performance.SpecialistStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapitalAllocatorTest {

  private final AllocationSettings settings = new AllocationSettings(Map.of("trend", 0.5, "range", 0.3), 0.10, 0);

  @Test
  void allocationsAreRebalancedOnlyWhenOneDriftsMoreThanTenPercentFromTarget() {
    CapitalAllocator a = new CapitalAllocator(settings);
    CapitalAllocator.Rebalance keep = a.rebalance(Map.of("trend", 5_400.0, "range", 2_800.0), 10_000, Map.of());
    assertFalse(keep.rebalanced());
    assertEquals(5_400, keep.capital().get("trend"), 1e-9);
    CapitalAllocator.Rebalance move = a.rebalance(Map.of("trend", 5_600.0, "range", 3_000.0), 10_000, Map.of());
    assertTrue(move.rebalanced());
    assertEquals(List.of("trend"), move.drifted());
    assertEquals(Map.of("range", 3_000.0, "trend", 5_000.0), move.capital());
  }

  @Test
  void performanceWeightingMovesCapitalTowardsWhatWorksWithoutAllocatingMoreInTotal() {
    CapitalAllocator a = new CapitalAllocator(new AllocationSettings(Map.of("a", 0.4, "b", 0.4), 0.10, 1.0));
    Map<String, Double> w = a.weights(Map.of(
        "a", new SpecialistStats(10, 6, 100, 200, 100, 0),   // profit factor 2
        "b", new SpecialistStats(10, 3, -50, 50, 100, 0)));  // profit factor 0.5
    assertEquals(0.8, w.get("a") + w.get("b"), 1e-9);
    assertEquals(0.64, w.get("a"), 1e-9);
    assertEquals(0.16, w.get("b"), 1e-9);
  }

  @Test
  void weightsAboveOneHundredPercentAreRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(io.troupe.model.InvalidInputException.class,
        () -> new AllocationSettings(Map.of("a", 0.7, "b", 0.4), 0.1, 0));
  }
}
