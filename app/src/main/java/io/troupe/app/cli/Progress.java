package io.troupe.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A progress bar on standard error, by bars read out of all the run's bars, with an estimate of the time left. Drawn
 * only when standard error is a terminal (whatever standard output is: it may be piped), and only once a run has
 * lasted a second, so short runs and logs stay clean.
 */
final class Progress {
  private static final int WIDTH = 30;
  private final boolean enabled;
  private final PrintWriter err;
  private final long startedNanos = System.nanoTime();
  private long total;
  private String unit = "bars";
  private long lastDrawNanos;
  private boolean drawn;

  private Progress(boolean enabled, PrintWriter err) {
    this.enabled = enabled;
    this.err = err;
  }

  /** A bar on {@code err} when {@code wanted} and standard error is a terminal. */
  static Progress forTerminal(boolean wanted, PrintWriter err) {
    return new Progress(wanted && stderrIsTerminal(), err);
  }

  /** Standard error is a terminal: on Linux, file descriptor 2 is a tty or pty; elsewhere, the JVM has a console. */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return System.console() != null;
    }
  }

  boolean enabled() {
    return enabled;
  }

  /** What the bar counts (bars unless told: a search counts candidates). */
  Progress unit(String unit) {
    this.unit = unit;
    return this;
  }

  /** The run reads this many bars in all. */
  void total(long bars) {
    total = bars;
  }

  /** {@code barsRead} of the total are read. */
  void at(long barsRead) {
    if (!enabled) return;
    long now = System.nanoTime();
    if (now - startedNanos < 1_000_000_000L || now - lastDrawNanos < 100_000_000L) return;
    lastDrawNanos = now;
    err.print("\r" + line(barsRead, total, now - startedNanos, unit));
    err.flush();
    drawn = true;
  }

  /** The bar's text: {@code [######........]  40.0%  18,012/45,031 bars, about 3 s left}. */
  static String line(long done, long total, long elapsedNanos) {
    return line(done, total, elapsedNanos, "bars");
  }

  static String line(long done, long total, long elapsedNanos, String unit) {
    double f = total > 0 ? Math.min(1, Math.max(0, done / (double) total)) : 0;
    int filled = (int) Math.round(f * WIDTH);
    String left = done <= 0 || done >= total ? "" : ", about " + seconds((long) (elapsedNanos / 1e9 * (total - done) / done)) + " left";
    return String.format("[%s%s] %5.1f%%  %,d/%,d %s%s   ", "#".repeat(filled), ".".repeat(WIDTH - filled), f * 100, done, total, unit, left);
  }

  private static String seconds(long s) {
    if (s < 60) return s + " s";
    if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
    return (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }

  void done() {
    if (drawn) {
      err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
      err.flush();
    }
  }
}
