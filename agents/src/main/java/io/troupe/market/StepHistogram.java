package io.troupe.market;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the steps between consecutive bar times, so the usual step (the mode) and the gaps beyond it can be told
 * apart only once the whole file is seen. Memory grows with the number of distinct steps, not with the rows.
 */
final class StepHistogram {
  private final Map<Long, long[]> counts = new HashMap<>();
  private long lastStep = -1;
  private long[] lastCount;

  void add(long stepMillis) {
    // Consecutive steps are nearly always equal: skip the map lookup for them.
    if (stepMillis == lastStep) {
      lastCount[0]++;
      return;
    }
    lastCount = counts.computeIfAbsent(stepMillis, k -> new long[1]);
    lastCount[0]++;
    lastStep = stepMillis;
  }

  /** The most common step; ties go to the smaller step. Zero when no step was seen. */
  Duration usualStep() {
    return Duration.ofMillis(usualStepMillis());
  }

  private long usualStepMillis() {
    long best = 0;
    long bestCount = 0;
    for (Map.Entry<Long, long[]> e : counts.entrySet()) {
      long c = e.getValue()[0];
      if (c > bestCount || (c == bestCount && e.getKey() < best)) {
        best = e.getKey();
        bestCount = c;
      }
    }
    return best;
  }

  long gaps() {
    long usual = usualStepMillis();
    long gaps = 0;
    for (Map.Entry<Long, long[]> e : counts.entrySet()) {
      if (e.getKey() > usual) {
        gaps += e.getValue()[0];
      }
    }
    return gaps;
  }

  Duration largestGap() {
    long usual = usualStepMillis();
    long largest = 0;
    for (long step : counts.keySet()) {
      if (step > usual && step > largest) {
        largest = step;
      }
    }
    return Duration.ofMillis(largest);
  }
}
