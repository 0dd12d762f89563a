package io.troupe.portfolio;

import com.typesafe.config.Config;
import io.troupe.model.InvalidInputException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Capital per specialist (or strategy): {@code targetWeights} are shares of equity (their sum at most 1; the rest stays
 * unallocated); an allocation is rebalanced when any one drifts more than {@code driftPct} (relative) from its target;
 * {@code performanceBlend} in [0, 1] moves weights towards measured performance (0: off).
 */
public record AllocationSettings(Map<String, Double> targetWeights, double driftPct, double performanceBlend) {

  public AllocationSettings {
    TreeMap<String, Double> w = new TreeMap<>(targetWeights);
    double sum = 0;
    for (Map.Entry<String, Double> e : w.entrySet()) {
      if (!(e.getValue() >= 0)) throw new InvalidInputException("allocation weight of " + e.getKey() + " must be >= 0");
      sum += e.getValue();
    }
    if (sum > 1 + 1e-9) throw new InvalidInputException("allocation weights sum to " + sum + ", more than 100%");
    if (!(driftPct >= 0)) throw new InvalidInputException("allocation drift must be >= 0");
    if (!(performanceBlend >= 0 && performanceBlend <= 1)) throw new InvalidInputException("performance blend must be in [0, 1]");
    targetWeights = java.util.Collections.unmodifiableMap(w);
  }

  /** No allocation: every specialist sizes from the whole equity. */
  public static AllocationSettings none() {
    return new AllocationSettings(Map.of(), 0.10, 0);
  }

  /** Reads {@code troupe.risk.allocation}: {@code weights-pct { name = pct }}, {@code rebalance-drift-pct}, {@code performance-blend}. */
  public static AllocationSettings fromConfig(Config c) {
    try {
      Map<String, Double> w = new TreeMap<>();
      Config weights = c.getConfig("weights-pct");
      for (String k : new TreeMap<>(weights.root()).keySet()) w.put(k, weights.getDouble(k) / 100);
      return new AllocationSettings(w, c.getDouble("rebalance-drift-pct") / 100, c.getDouble("performance-blend"));
    } catch (com.typesafe.config.ConfigException e) {
      throw new InvalidInputException("troupe.risk.allocation: " + e.getMessage(), e);
    }
  }
}
