package io.troupe.app.paper;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How long a session tries to get its journal back after losing the connection to it, and how it spaces the tries:
 * doubling from {@code minBackoff} up to {@code maxBackoff}, until {@code maxTime} has passed since the loss
 * ({@code troupe.paper.journal-reconnect}). A zero {@code maxTime} gives up at once.
 */
public record ReconnectPolicy(Duration maxTime, Duration minBackoff, Duration maxBackoff) {

  public static final String KEY = "troupe.paper.journal-reconnect";

  public ReconnectPolicy {
    if (maxTime.isNegative() || minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("reconnect: max-time and min-backoff >= 0, max-backoff >= min-backoff; got " + maxTime + ", " + minBackoff
          + ", " + maxBackoff);
    }
  }

  public static ReconnectPolicy fromConfig(Config config) {
    Config c = config.getConfig(KEY);
    return new ReconnectPolicy(c.getDuration("max-time"), c.getDuration("min-backoff"), c.getDuration("max-backoff"));
  }

  /** The pause before try {@code attempt} (0 first). */
  public Duration backoff(int attempt) {
    Duration d = minBackoff;
    for (int i = 0; i < attempt && d.compareTo(maxBackoff) < 0; i++) d = d.multipliedBy(2);
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
