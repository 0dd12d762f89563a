package io.troupe.app.alerts;

/**
 * A data stall in a paced session: no new bar for {@code timeframes} bar intervals of wall time (event time over the
 * speed), and at least {@link #FLOOR_MILLIS}. Wall-clock based on purpose: a stall is the feed going quiet in real
 * time. It is measured from the runner's last sign of work (a step's end, a journal write), so the session's own
 * writes are not the feed's silence. The bar interval is the feed's timeframe where the session knows it (a live feed),
 * else the smallest step seen between two consecutive steps' event times, so it needs two live steps before it can say
 * anything. Once the session is live ({@link #armed}) the silence counts even before its first bar, so a feed dead
 * right after a resume is a stall too. Each stall is told once, named by the last step before it. Thread-safe: steps
 * come from the runner, checks from a timer.
 */
public final class DataStallWatch {

  /**
   * The least wall time that counts as a stall. At real-time speeds three bar intervals are minutes and this never
   * matters; in a session replayed hundreds of times faster they are a few hundred milliseconds, which a garbage
   * collection, a checkpoint or a busy machine can take without any feed going quiet.
   */
  public static final long FLOOR_MILLIS = 5_000;

  private final double timeframes;
  private final double speed;
  private long intervalMillis = Long.MAX_VALUE;
  private long lastStep = -1;
  private long lastTime = Long.MIN_VALUE;
  private long lastActiveNanos;
  private long toldFor = -1;

  /** {@code speed}: event time over wall time, finite (an unpaced session has no stalls); the bar interval learnt from the steps. */
  public DataStallWatch(double timeframes, double speed) {
    this(timeframes, speed, Long.MAX_VALUE);
  }

  /** As above, with the bar interval known ({@code barMillis}, event time; {@code Long.MAX_VALUE}: learnt from the steps). */
  public DataStallWatch(double timeframes, double speed, long barMillis) {
    if (!(speed > 0) || Double.isInfinite(speed)) throw new IllegalArgumentException("a stall needs a finite speed, got " + speed);
    if (!(timeframes > 0)) throw new IllegalArgumentException("timeframes must be > 0, got " + timeframes);
    if (barMillis <= 0) throw new IllegalArgumentException("the bar interval must be > 0 ms, got " + barMillis);
    this.timeframes = timeframes;
    this.speed = speed;
    this.intervalMillis = barMillis;
  }

  /**
   * The session went live at {@code nowNanos} with {@code completed} steps done, the last at event time
   * {@code lastTime} (Long.MIN_VALUE: none): the silence counts from now, before any bar comes.
   */
  public synchronized void armed(long completed, long lastTime, long nowNanos) {
    if (lastStep >= 0) return;
    lastStep = completed;
    this.lastTime = lastTime;
    lastActiveNanos = nowNanos;
  }

  /** Step {@code step}'s bars (at event time {@code time}) came in at {@code nowNanos}. */
  public synchronized void bar(long step, long time, long nowNanos) {
    if (lastTime != Long.MIN_VALUE && time > lastTime) intervalMillis = Math.min(intervalMillis, time - lastTime);
    lastStep = step;
    lastTime = time;
    lastActiveNanos = nowNanos;
  }

  /** The runner did something at {@code nowNanos} (a journal write): it was not waiting for the feed until then. */
  public synchronized void active(long nowNanos) {
    if (lastStep >= 0) lastActiveNanos = Math.max(lastActiveNanos, nowNanos);
  }

  /** Wall time without a bar beyond which the feed counts as stalled; {@code Long.MAX_VALUE} while the interval is unknown. */
  public synchronized long thresholdMillis() {
    return intervalMillis == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(FLOOR_MILLIS, (long) Math.ceil(timeframes * intervalMillis / speed));
  }

  /** A stall not told yet, as of {@code nowNanos}: the step it follows and how long it has lasted; else null. */
  public synchronized Stall check(long nowNanos) {
    long threshold = thresholdMillis();
    if (lastStep < 0 || threshold == Long.MAX_VALUE || toldFor == lastStep) return null;
    long waited = (nowNanos - lastActiveNanos) / 1_000_000;
    if (waited <= threshold) return null;
    toldFor = lastStep;
    return new Stall(lastStep, lastTime, waited, threshold);
  }

  /** How long the feed has been stalled as of {@code nowNanos} (ms of silence, told or not); -1 while bars come. */
  public synchronized long stalledMillis(long nowNanos) {
    long threshold = thresholdMillis();
    if (lastStep < 0 || threshold == Long.MAX_VALUE) return -1;
    long waited = (nowNanos - lastActiveNanos) / 1_000_000;
    return waited > threshold ? waited : -1;
  }

  public record Stall(long step, long time, long waitedMillis, long thresholdMillis) {}
}
