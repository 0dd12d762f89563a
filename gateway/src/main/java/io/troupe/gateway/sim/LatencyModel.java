package io.troupe.gateway.sim;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a message to the simulated exchange (an order, a cancel, a modify) takes to reach the matching engine, in
 * event-time milliseconds. A random model draws the latency of the n-th message sent from its seed and n alone, so a
 * rerun (or a resume from a checkpoint, which keeps n) draws the same latencies. Written as a spec:
 *
 * <ul>
 *   <li>{@code 0}, {@code 250ms}, {@code 2s}, {@code 1m}: {@link Fixed};
 *   <li>{@code uniform:100ms,500ms}: {@link Uniform}, every whole millisecond from 100 to 500 equally likely;
 *   <li>{@code exponential:250ms}: {@link Exponential} with that mean.
 * </ul>
 */
public sealed interface LatencyModel {

  /** No latency: messages reach the engine when they are sent, as without a latency model. */
  LatencyModel NONE = new Fixed(0);

  /** The latency of the message with this sequence number (0 for the first message sent), in milliseconds. */
  long latencyMillis(long sequence);

  /** Whether every message arrives when sent: the engine then matches exactly as it does without a latency model. */
  default boolean isZero() {
    return false;
  }

  /** The spec this model is written as (see the class doc), without the seed. */
  String spec();

  /** The same latency for every message. */
  record Fixed(long millis) implements LatencyModel {
    public Fixed {
      if (millis < 0) throw new IllegalArgumentException("latency must be >= 0, got " + millis + "ms");
    }

    @Override
    public long latencyMillis(long sequence) {
      return millis;
    }

    @Override
    public boolean isZero() {
      return millis == 0;
    }

    @Override
    public String spec() {
      return millis == 0 ? "0" : millis + "ms";
    }
  }

  /** Whole milliseconds from {@code minMillis} to {@code maxMillis}, both included, equally likely. */
  record Uniform(long minMillis, long maxMillis, long seed) implements LatencyModel {
    public Uniform {
      if (minMillis < 0 || maxMillis < minMillis) {
        throw new IllegalArgumentException("uniform latency needs 0 <= min <= max, got " + minMillis + "ms," + maxMillis + "ms");
      }
    }

    @Override
    public long latencyMillis(long sequence) {
      return minMillis + (long) Math.floor(unit(seed, sequence) * (maxMillis - minMillis + 1));
    }

    @Override
    public String spec() {
      return "uniform:" + minMillis + "ms," + maxMillis + "ms";
    }
  }

  /** Exponentially distributed with mean {@code meanMillis}, rounded to the millisecond. */
  record Exponential(long meanMillis, long seed) implements LatencyModel {
    public Exponential {
      if (meanMillis <= 0) throw new IllegalArgumentException("exponential latency needs a mean > 0, got " + meanMillis + "ms");
    }

    @Override
    public long latencyMillis(long sequence) {
      return Math.round(-meanMillis * Math.log1p(-unit(seed, sequence)));
    }

    @Override
    public String spec() {
      return "exponential:" + meanMillis + "ms";
    }
  }

  /**
   * Reads a spec (see the class doc); random models use {@code seed}. Throws {@link IllegalArgumentException} with a
   * message saying what is wrong, for the caller to prefix with the option or key it came from.
   */
  static LatencyModel parse(String spec, long seed) {
    String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    int colon = s.indexOf(':');
    if (colon < 0) return new Fixed(duration(s, spec));
    String kind = s.substring(0, colon);
    String args = s.substring(colon + 1);
    switch (kind) {
      case "fixed" -> {
        return new Fixed(duration(args, spec));
      }
      case "uniform" -> {
        String[] parts = args.split(",", -1);
        if (parts.length != 2) throw new IllegalArgumentException("'" + spec + "': uniform needs two durations, e.g. uniform:100ms,500ms");
        return new Uniform(duration(parts[0], spec), duration(parts[1], spec), seed);
      }
      case "exponential", "exp" -> {
        return new Exponential(duration(args, spec), seed);
      }
      default -> throw new IllegalArgumentException("'" + spec + "' is not a latency: use a duration (250ms, 2s), uniform:MIN,MAX or exponential:MEAN");
    }
  }

  /** A duration in whole milliseconds: a number with ms, s, m or h; a bare number is milliseconds. */
  private static long duration(String text, String spec) {
    Matcher m = Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|m|h)?").matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + spec + "' is not a latency: use a duration (250ms, 2s), uniform:MIN,MAX or exponential:MEAN");
    }
    double value = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    double scale = switch (unit) {
      case "s" -> 1_000;
      case "m" -> 60_000;
      case "h" -> 3_600_000;
      default -> 1;
    };
    double millis = value * scale;
    if (millis < 0) throw new IllegalArgumentException("'" + spec + "': a latency must be >= 0");
    if (millis != Math.rint(millis) || millis > Long.MAX_VALUE / 4) {
      throw new IllegalArgumentException("'" + spec + "': a latency must be a whole number of milliseconds");
    }
    return (long) millis;
  }

  /** A uniform number in [0, 1) from the seed and the sequence number alone (SplitMix64's finalizer). */
  private static double unit(long seed, long sequence) {
    long z = seed + (sequence + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }
}
