package io.troupe.app.montecarlo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fill settings of each jittered rerun of a run through the simulated exchange: the run's slippage plus an extra
 * drawn uniformly from [0, {@code extraSlippageBps}] (fills only get worse, never better than the run assumed), and,
 * when a latency spec is given, that latency model with a seed of its own per rerun (so each rerun draws other
 * delays). Deterministic under the seed.
 */
public final class FillJitter {

  /** One rerun's fill settings. */
  public record Draw(int run, double slippageBps, String latency, long latencySeed) {}

  private FillJitter() {}

  /**
   * @param baseSlippageBps the run's own slippage
   * @param latency the latency spec to jitter with, or null to keep the run's own latency
   * @param baseLatency the run's own latency spec and seed, used when {@code latency} is null
   */
  public static List<Draw> draws(int runs, double baseSlippageBps, double extraSlippageBps, String latency, String baseLatency,
      long baseLatencySeed, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Draw> out = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      double extra = extraSlippageBps > 0 ? random.nextDouble() * extraSlippageBps : 0;
      long latencySeed = 1 + random.nextInt(1_000_000_000); // a seed the configuration takes as a whole number
      out.add(latency == null
          ? new Draw(i + 1, baseSlippageBps + extra, baseLatency, baseLatencySeed)
          : new Draw(i + 1, baseSlippageBps + extra, latency, latencySeed));
    }
    return out;
  }
}
