package io.troupe.market;

import io.troupe.model.InvalidInputException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bar length such as {@code 5m}, {@code 1h}, {@code 1d}, {@code 1w}. Buckets are aligned to UTC epoch boundaries
 * (so {@code 1h} buckets start on the hour, {@code 1d} at midnight UTC), except weeks, which start on Monday 00:00
 * UTC as exchanges' weekly candles do (the epoch itself fell on a Thursday).
 */
public record Timeframe(String label, long millis) {
  private static final Pattern FORM = Pattern.compile("(\\d{1,4})([mhdw])");
  private static final long MINUTE = 60_000L;
  private static final long DAY = 86_400_000L;
  private static final long WEEK = 7 * DAY;
  /** 1970-01-05, the first Monday after the epoch. */
  private static final long FIRST_MONDAY = 4 * DAY;

  public Timeframe {
    if (millis <= 0) {
      throw new IllegalArgumentException("timeframe must be positive: " + millis);
    }
  }

  /** Parses {@code <n>m}, {@code <n>h}, {@code <n>d} or {@code <n>w}, e.g. 5m, 15m, 1h, 4h, 1d, 1w. */
  public static Timeframe parse(String text) {
    Matcher m = text == null ? null : FORM.matcher(text.trim());
    if (m == null || !m.matches() || Integer.parseInt(m.group(1)) == 0) {
      throw new InvalidInputException(
          "bad timeframe '" + text + "': use a count and a unit m, h, d or w, e.g. 1m, 5m, 15m, 1h, 4h, 1d, 1w");
    }
    long n = Long.parseLong(m.group(1));
    long unit =
        switch (m.group(2)) {
          case "m" -> MINUTE;
          case "h" -> 60 * MINUTE;
          case "d" -> DAY;
          default -> WEEK;
        };
    return new Timeframe(n + m.group(2), n * unit);
  }

  public Duration duration() {
    return Duration.ofMillis(millis);
  }

  /** The start of the bucket holding {@code time} (epoch ms). */
  public long bucketStart(long time) {
    long origin = millis % WEEK == 0 ? FIRST_MONDAY : 0;
    return Math.floorDiv(time - origin, millis) * millis + origin;
  }

  /** A step as short text: {@code 5m}, {@code 4h}, {@code 1d}, {@code 1w}, {@code 90s}, {@code 250ms}. */
  public static String describe(Duration step) {
    long ms = step.toMillis();
    if (ms > 0 && ms % WEEK == 0) return ms / WEEK + "w";
    if (ms > 0 && ms % DAY == 0) return ms / DAY + "d";
    if (ms > 0 && ms % (60 * MINUTE) == 0) return ms / (60 * MINUTE) + "h";
    if (ms > 0 && ms % MINUTE == 0) return ms / MINUTE + "m";
    if (ms > 0 && ms % 1000 == 0) return ms / 1000 + "s";
    return ms + "ms";
  }

  @Override
  public String toString() {
    return label;
  }
}
