package io.troupe.app.cli;

import java.io.PrintWriter;

/**
 * A progress bar on the terminal, by event time through the data's span. Drawn only for a terminal, and only once
 * a run has lasted a second, so short runs and piped output stay clean.
 */
final class Progress {
  private static final int WIDTH = 40;
  private final boolean enabled;
  private final PrintWriter err;
  private final long startedNanos = System.nanoTime();
  private long first;
  private long last;
  private long lastDrawNanos;
  private boolean drawn;

  private Progress(boolean enabled, PrintWriter err) {
    this.enabled = enabled;
    this.err = err;
  }

  static Progress forTerminal(boolean enabled, PrintWriter err) {
    return new Progress(enabled, err);
  }

  boolean enabled() {
    return enabled;
  }

  void span(long[] firstLast) {
    first = firstLast[0];
    last = firstLast[1];
  }

  void at(long eventTime) {
    if (!enabled) return;
    long now = System.nanoTime();
    if (now - startedNanos < 1_000_000_000L || now - lastDrawNanos < 100_000_000L) return;
    lastDrawNanos = now;
    double f = last > first ? Math.min(1, Math.max(0, (eventTime - first) / (double) (last - first))) : 0;
    int filled = (int) Math.round(f * WIDTH);
    err.printf("\r[%s%s] %5.1f%%  %s", "#".repeat(filled), ".".repeat(WIDTH - filled), f * 100, java.time.Instant.ofEpochMilli(eventTime));
    err.flush();
    drawn = true;
  }

  void done() {
    if (drawn) {
      err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
      err.flush();
    }
  }
}
