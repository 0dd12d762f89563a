package io.troupe.market;

import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Flow;

/** Resampling as a stream stage; the logic is {@link BarResampler}. */
public final class Resample {
  private Resample() {}

  /**
   * Bars of one symbol in, bars of {@code timeframe} out (bucket start times aligned as {@link Timeframe} says). A
   * bucket is emitted when a bar of a later bucket arrives; the last one when the upstream completes.
   */
  public static Flow<Bar, Bar, NotUsed> flow(Timeframe timeframe) {
    return Flow.of(Bar.class)
        .<BarResampler, Optional<Bar>>statefulMap(
            () -> new BarResampler(timeframe),
            (resampler, bar) -> Pair.create(resampler, Optional.ofNullable(resampler.add(bar))),
            resampler -> Optional.of(Optional.ofNullable(resampler.flush())))
        .filter(Optional::isPresent)
        .map(Optional::get);
  }
}
