package io.troupe.app.paper;

import io.troupe.model.AccountSnapshot;
import java.time.Duration;
import java.time.Instant;

/**
 * The progress line of a paper session: where it is, what the account holds, and how long the rest will take at its
 * speed. Lines come at the first live step (so one appears as soon as trading starts, at any speed), every
 * {@code every} steps, at least every {@link #AT_LEAST_EVERY} of wall time, and at the last step.
 */
final class SessionProgress {
  static final Duration AT_LEAST_EVERY = Duration.ofSeconds(10);
  /** The total of a session on a live feed, which has no last step. */
  static final long LIVE = -1;

  private final int every;
  private final double speed;
  private final double initialCash;
  private final long totalSteps;
  private final long lastEventTime;
  private long firstLiveStep = -1;
  private long firstLiveNanos;
  private long lastLineNanos;

  /**
   * @param every a line every this many steps; 0 for none at all
   * @param speed event time over wall time ({@code +Infinity} for --speed max)
   * @param lastEventTime the time of the session's last step
   */
  SessionProgress(int every, double speed, double initialCash, long totalSteps, long lastEventTime) {
    this.every = every;
    this.speed = speed;
    this.initialCash = initialCash;
    this.totalSteps = totalSteps;
    this.lastEventTime = lastEventTime;
  }

  /** The line after live step {@code step} at {@code time}, or null when none is due. */
  String after(long step, long time, AccountSnapshot account, long nowNanos) {
    if (every <= 0) return null;
    if (firstLiveStep < 0) {
      firstLiveStep = step;
      firstLiveNanos = nowNanos;
    } else if (step % every != 0 && step != totalSteps && nowNanos - lastLineNanos < AT_LEAST_EVERY.toNanos()) {
      return null;
    }
    lastLineNanos = nowNanos;
    return line(step, time, account, nowNanos);
  }

  String line(long step, long time, AccountSnapshot account, long nowNanos) {
    double pnl = account.equity() - initialCash;
    long open = account.positions().values().stream().filter(p -> p.quantity() != 0).count();
    return String.format("paper: step %d/%s %s equity %.2f, P&L %+.2f (%+.2f%%), %d open position%s; %s", step, totalSteps == LIVE ? "live" : Long.toString(totalSteps), Instant.ofEpochMilli(time),
        account.equity(), pnl, initialCash == 0 ? 0 : 100 * pnl / initialCash, open, open == 1 ? "" : "s", rest(step, time, nowNanos));
  }

  /** At a set speed the rest takes its event time over the speed; at max, its steps at the rate measured so far. */
  private String rest(long step, long time, long nowNanos) {
    if (totalSteps == LIVE) return "on the live feed";
    if (step >= totalSteps) return "done";
    Duration left;
    if (Double.isInfinite(speed)) {
      long stepsDone = step - firstLiveStep;
      if (stepsDone <= 0) return "the rest takes as long as the machine needs (--speed max)";
      double perStep = (nowNanos - firstLiveNanos) / (double) stepsDone;
      left = Duration.ofNanos((long) (perStep * (totalSteps - step)));
    } else {
      left = Duration.ofMillis((long) ((lastEventTime - time) / speed));
    }
    return "the rest takes about " + human(left) + " at " + (Double.isInfinite(speed) ? "--speed max" : "--speed " + plain(speed));
  }

  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) return s + " s";
    if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
    if (s < 86_400) return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    return (s / 86_400) + " d " + (s % 86_400 / 3600) + " h";
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
