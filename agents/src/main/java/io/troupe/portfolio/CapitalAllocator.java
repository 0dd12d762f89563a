package io.troupe.portfolio;

import io.troupe.performance.SpecialistStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Allocates equity to specialists and keeps the allocation near its targets. Rebalancing only when a share has
 * drifted beyond the threshold, not every bar, keeps capital from churning with every tick of equity.
 */
public final class CapitalAllocator {

  /** The capital per name after a check; {@code drifted} names the allocations that were beyond the threshold. */
  public record Rebalance(boolean rebalanced, Map<String, Double> capital, List<String> drifted) {
    public Rebalance {
      capital = Collections.unmodifiableMap(new TreeMap<>(capital));
      drifted = List.copyOf(drifted);
    }
  }

  private final AllocationSettings settings;

  public CapitalAllocator(AllocationSettings settings) {
    this.settings = settings;
  }

  /** Target capital: weight x equity for each name. */
  public Map<String, Double> targets(double equity, Map<String, Double> weights) {
    TreeMap<String, Double> out = new TreeMap<>();
    weights.forEach((k, w) -> out.put(k, w * equity));
    return out;
  }

  /**
   * Compares the current capital per name with the targets at {@code equity}; when any name is missing or drifted more
   * than the threshold (|current - target| / target), every name is set to its target. {@code stats} feeds the
   * performance weighting when it is on (pass an empty map otherwise).
   */
  public Rebalance rebalance(Map<String, Double> current, double equity, Map<String, SpecialistStats> stats) {
    Map<String, Double> weights = weights(stats);
    Map<String, Double> target = targets(equity, weights);
    List<String> drifted = new ArrayList<>();
    for (Map.Entry<String, Double> e : target.entrySet()) {
      Double cur = current.get(e.getKey());
      double t = e.getValue();
      if (cur == null || (t > 0 ? Math.abs(cur - t) / t > settings.driftPct() : cur > 0)) drifted.add(e.getKey());
    }
    if (drifted.isEmpty()) return new Rebalance(false, new TreeMap<>(current), drifted);
    return new Rebalance(true, target, drifted);
  }

  /**
   * The weights in use: the targets, blended towards performance when {@code performanceBlend} > 0. A name's
   * performance score is its profit factor clipped to [0, 3] (1 with no trades yet: neutral); the performance weights
   * are the targets times the scores, rescaled to the targets' total, so blending never allocates more in total.
   */
  public Map<String, Double> weights(Map<String, SpecialistStats> stats) {
    Map<String, Double> base = settings.targetWeights();
    double blend = settings.performanceBlend();
    if (blend == 0) return base;
    TreeMap<String, Double> scored = new TreeMap<>();
    double total = 0;
    double scoredTotal = 0;
    for (Map.Entry<String, Double> e : base.entrySet()) {
      SpecialistStats s = stats.get(e.getKey());
      double score = s == null || s.trades() == 0 ? 1 : Math.max(0, Math.min(3, s.profitFactor()));
      scored.put(e.getKey(), e.getValue() * score);
      total += e.getValue();
      scoredTotal += e.getValue() * score;
    }
    TreeMap<String, Double> out = new TreeMap<>();
    for (Map.Entry<String, Double> e : base.entrySet()) {
      double perf = scoredTotal > 0 ? scored.get(e.getKey()) * total / scoredTotal : e.getValue();
      out.put(e.getKey(), (1 - blend) * e.getValue() + blend * perf);
    }
    return out;
  }
}
