package io.troupe.desk;

import io.troupe.model.InvalidInputException;
import java.util.Comparator;
import java.util.List;

/**
 * How desks take hot-swapped specialists, and the swaps a run schedules in event time (a backtest's {@code --swap}).
 *
 * @param shadowCalls signals a newcomer must have given in shadow (after its warm-up) before it takes over
 * @param historyBars recent bars each desk keeps to warm a newcomer up (one whose warm-up needs more also warms on live bars)
 * @param scheduled swaps applied at the boundary before the first step at or after their time, in time order
 */
public record SwapPlan(int shadowCalls, int historyBars, List<Scheduled> scheduled) {

  /** A swap due at event time {@code time} (epoch ms). */
  public record Scheduled(long time, SpecialistSwap swap) {}

  public SwapPlan {
    if (shadowCalls < 0) throw new InvalidInputException("troupe.meta.swap.shadow-calls must be >= 0, got " + shadowCalls);
    if (historyBars < 0) throw new InvalidInputException("troupe.meta.swap.history-bars must be >= 0, got " + historyBars);
    // Stable: swaps at one time keep the order given.
    scheduled = scheduled.stream().sorted(Comparator.comparingLong(Scheduled::time)).toList();
  }

  public static SwapPlan defaults() {
    return new SwapPlan(5, 500, List.of());
  }

  public SwapPlan withScheduled(List<Scheduled> swaps) {
    return new SwapPlan(shadowCalls, historyBars, swaps);
  }
}
