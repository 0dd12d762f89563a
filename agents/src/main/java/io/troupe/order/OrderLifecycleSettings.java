package io.troupe.order;

import com.typesafe.config.Config;
import io.troupe.model.InvalidInputException;
import java.util.concurrent.TimeUnit;

/** Order lifecycle timings and distances (fractions and event-time milliseconds); 0 turns a rule off. */
public record OrderLifecycleSettings(long staleLimitMillis, double priceMovePct, double makerOffsetPct, boolean postOnly, long makerFallbackMillis) {

  public OrderLifecycleSettings {
    if (staleLimitMillis < 0 || makerFallbackMillis < 0 || !(priceMovePct >= 0) || !(makerOffsetPct >= 0)) {
      throw new InvalidInputException("order lifecycle settings must be >= 0");
    }
  }

  public static OrderLifecycleSettings defaults() {
    return new OrderLifecycleSettings(30_000, 0.002, 0.0002, true, 30_000);
  }

  /** Reads a {@code troupe.orders} section. */
  public static OrderLifecycleSettings fromConfig(Config c) {
    try {
      return new OrderLifecycleSettings(
          c.getDuration("stale-limit-after", TimeUnit.MILLISECONDS),
          c.getDouble("cancel-on-move-pct") / 100,
          c.getDouble("maker.offset-pct") / 100,
          c.getBoolean("maker.post-only"),
          c.getDuration("maker.market-fallback-after", TimeUnit.MILLISECONDS));
    } catch (com.typesafe.config.ConfigException e) {
      throw new InvalidInputException("troupe.orders: " + e.getMessage(), e);
    }
  }
}
