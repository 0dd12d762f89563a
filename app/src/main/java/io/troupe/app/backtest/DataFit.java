package io.troupe.app.backtest;

import io.troupe.market.ReadReport;
import io.troupe.market.Timeframe;
import io.troupe.model.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Whether the data can give a run what its options ask, checked so that a mismatch is refused (exit 2) rather than run
 * as a silent no-op: a {@code --timeframe} no finer than the data's own, and at least one bar between {@code --from}
 * and {@code --to}.
 */
public final class DataFit {
  private DataFit() {}

  /**
   * Resampling only merges bars into longer ones, so a timeframe finer than a file's own step would leave the bars as
   * they are while the run claims the finer one.
   */
  public static void requireTimeframe(List<ReadReport> reads, Timeframe timeframe) {
    if (timeframe == null) return;
    for (ReadReport r : reads) {
      if (!r.usualStep().isZero() && r.usualStep().compareTo(timeframe.duration()) > 0) {
        throw new InvalidInputException("--timeframe " + timeframe + " is finer than the data: " + r.file() + " has " + r.timeframe()
            + " bars, and resampling only makes bars coarser (give " + r.timeframe() + " or coarser, or leave --timeframe out)");
      }
    }
  }

  /** A run over no bar at all is refused, naming the data's span against the window that was asked for. */
  public static void requireBars(long bars, List<ReadReport> reads, Instant from, Instant to) {
    if (bars > 0) return;
    Instant first = reads.stream().map(ReadReport::first).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
    Instant last = reads.stream().map(ReadReport::last).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
    String files = String.join(", ", reads.stream().map(ReadReport::file).toList());
    if (first == null) throw new InvalidInputException("no bars to run: the data has none (" + files + ")");
    String span = "the data runs from " + first + " to " + last;
    if (from != null && from.isAfter(last)) {
      throw new InvalidInputException("no bars to run: --from " + from + " is past the end of the data (" + span + ")");
    }
    if (to != null && !to.isAfter(first)) {
      throw new InvalidInputException("no bars to run: --to " + to + " is not after the start of the data (" + span + ")");
    }
    throw new InvalidInputException("no bars to run between --from " + (from == null ? "the start" : from) + " and --to "
        + (to == null ? "the end" : to) + " (" + span + ")");
  }

  /**
   * A max age shorter than one bar would close every position at its first bar's close, whatever the strategy meant
   * (the global hour on daily data): refused, naming the key and the data's bars. A minimum hold shorter than a bar is
   * left alone: exits are judged at bar closes, so it waits for nothing, which is what it asked.
   */
  public static void requireMaxAgeOfABar(List<ReadReport> reads, Timeframe timeframe, io.troupe.exit.ExitSettings exits) {
    if (exits == null || exits.maxAgeMillis() <= 0) return;
    java.time.Duration maxAge = java.time.Duration.ofMillis(exits.maxAgeMillis());
    java.time.Duration bar = timeframe != null ? timeframe.duration() : java.time.Duration.ZERO;
    ReadReport widest = null;
    for (ReadReport r : reads) {
      if (r.usualStep().compareTo(bar) > 0) {
        bar = r.usualStep();
        widest = r;
      }
    }
    if (bar.isZero() || maxAge.compareTo(bar) >= 0) return;
    String bars = timeframe != null && widest == null ? "--timeframe " + timeframe : widest.file() + " has " + widest.timeframe() + " bars";
    throw new InvalidInputException("troupe.exits.max-age = " + Timeframe.describe(maxAge) + " is shorter than one bar (" + bars + "): every position would close at its first bar; set it to at least one bar, e.g. --set"
        + " troupe.exits.max-age=" + Timeframe.describe(bar) + ", or 0 to leave positions to their own limits");
  }
}
