package io.troupe.market;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What reading one bar file found.
 *
 * @param file the file as the caller named it
 * @param symbol the symbol given to the bars
 * @param rows bars delivered (valid rows)
 * @param skippedByReason rows dropped under {@link OnBadRow#SKIP}, by reason; empty when none
 * @param first start time of the first bar, null when {@code rows == 0}
 * @param last start time of the last bar, null when {@code rows == 0}
 * @param usualStep the most common step between consecutive bars (the file's timeframe); zero with fewer than 2 rows
 * @param gaps number of steps larger than {@code usualStep}
 * @param largestGap the largest such step; zero when {@code gaps == 0}
 */
public record ReadReport(
    String file,
    String symbol,
    long rows,
    Map<BadRowReason, Long> skippedByReason,
    Instant first,
    Instant last,
    Duration usualStep,
    long gaps,
    Duration largestGap) {

  public ReadReport {
    skippedByReason = Map.copyOf(skippedByReason);
  }

  public long skipped() {
    return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The detected timeframe as text, e.g. {@code 5m}, {@code 1d}; {@code ?} with fewer than 2 rows. */
  public String timeframe() {
    return usualStep.isZero() ? "?" : Timeframe.describe(usualStep);
  }
}
