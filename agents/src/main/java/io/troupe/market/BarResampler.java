package io.troupe.market;

import java.time.Instant;

/**
 * Folds bars of one symbol into coarser bars, incrementally: open of the first, highest high, lowest low, close of
 * the last, summed volume (NaN when no source bar has volume). A bucket is finished when a bar of a later bucket
 * arrives, or by {@link #flush()} at the end of the data. The output bar's time is its bucket's start.
 */
public final class BarResampler {
  private final Timeframe timeframe;
  private boolean open;
  private String symbol;
  private long bucket;
  private double first;
  private double high;
  private double low;
  private double last;
  private double volume;

  public BarResampler(Timeframe timeframe) {
    this.timeframe = timeframe;
  }

  /**
   * Adds a bar.
   *
   * @return the bucket this bar finished, or null when it went into the current one
   * @throws IllegalArgumentException when the bar belongs to an earlier bucket than the current one
   */
  public Bar add(Bar bar) {
    long start = timeframe.bucketStart(bar.time());
    if (!open) {
      begin(bar, start);
      return null;
    }
    if (start == bucket) {
      high = Math.max(high, bar.high());
      low = Math.min(low, bar.low());
      last = bar.close();
      if (bar.hasVolume()) {
        volume = Double.isNaN(volume) ? bar.volume() : volume + bar.volume();
      }
      return null;
    }
    if (start < bucket) {
      throw new IllegalArgumentException(
          "bar at " + bar.start() + " is older than the current " + timeframe + " bucket " + Instant.ofEpochMilli(bucket));
    }
    Bar done = current();
    begin(bar, start);
    return done;
  }

  /** The unfinished bucket, or null when there is none; the resampler is empty afterwards. */
  public Bar flush() {
    if (!open) {
      return null;
    }
    open = false;
    return current();
  }

  private void begin(Bar bar, long start) {
    open = true;
    symbol = bar.symbol();
    bucket = start;
    first = bar.open();
    high = bar.high();
    low = bar.low();
    last = bar.close();
    volume = bar.volume();
  }

  private Bar current() {
    return new Bar(symbol, bucket, first, high, low, last, volume);
  }
}
