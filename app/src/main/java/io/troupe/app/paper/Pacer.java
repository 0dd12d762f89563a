package io.troupe.app.paper;

/**
 * When each step is due on the wall clock: event time scaled by the speed, from the first live step. A speed of
 * {@code +Infinity} ({@code --speed max}) makes every step due at once.
 */
final class Pacer {
  private final double speed;
  private long anchorEventMillis;
  private long anchorNanos;
  private boolean anchored;

  Pacer(double speed) {
    if (!(speed > 0)) throw new IllegalArgumentException("speed must be > 0, got " + speed);
    this.speed = speed;
  }

  double speed() {
    return speed;
  }

  boolean unpaced() {
    return Double.isInfinite(speed);
  }

  /** Nanoseconds to wait before the step at {@code eventMillis} (0 when due); the first call anchors the clock. */
  long waitNanos(long eventMillis, long nowNanos) {
    if (unpaced()) return 0;
    if (!anchored) {
      anchored = true;
      anchorEventMillis = eventMillis;
      anchorNanos = nowNanos;
      return 0;
    }
    long due = anchorNanos + (long) ((eventMillis - anchorEventMillis) * 1e6 / speed);
    return Math.max(0, due - nowNanos);
  }
}
