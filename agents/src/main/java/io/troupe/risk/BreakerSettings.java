package io.troupe.risk;

import com.typesafe.config.Config;
import io.troupe.model.InvalidInputException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Circuit-breaker thresholds. Loss percentages are fractions of the baseline equity; 0 turns a breaker off. A storm
 * of {@code stormCount} exits whose reason is in {@code stormReasons} within {@code stormWindowMillis} puts the account
 * in REDUCING (no new entries, exits pass) for {@code stormCooldownMillis}.
 */
public record BreakerSettings(
    double dailyLossPct,
    double weeklyLossPct,
    double drawdownPct,
    int stormCount,
    long stormWindowMillis,
    long stormCooldownMillis,
    List<String> stormReasons) {

  public BreakerSettings {
    if (!(dailyLossPct >= 0 && weeklyLossPct >= 0 && drawdownPct >= 0)) throw new InvalidInputException("breaker percentages must be >= 0");
    if (stormCount < 0 || stormWindowMillis < 0 || stormCooldownMillis < 0) throw new InvalidInputException("stop-storm settings must be >= 0");
    stormReasons = List.copyOf(stormReasons);
  }

  public static BreakerSettings defaults() {
    return new BreakerSettings(0.05, 0.10, 0.20, 3, 30 * RiskState.MINUTE, 60 * RiskState.MINUTE, List.of("stop_loss", "atr_stop", "max_loss"));
  }

  /** Every breaker off: no loss, drawdown or stop-storm ever changes the trading state (bare runs). */
  public static BreakerSettings off() {
    return new BreakerSettings(0, 0, 0, 0, 0, 0, List.of());
  }

  /** Reads the {@code breakers} part of a {@code troupe.risk} section. */
  public static BreakerSettings fromConfig(Config risk) {
    try {
      Config c = risk.getConfig("breakers");
      return new BreakerSettings(
          c.getDouble("daily-loss-pct") / 100,
          c.getDouble("weekly-loss-pct") / 100,
          c.getDouble("drawdown-pct") / 100,
          c.getInt("stop-storm.count"),
          c.getDuration("stop-storm.window", TimeUnit.MILLISECONDS),
          c.getDuration("stop-storm.cooldown", TimeUnit.MILLISECONDS),
          c.getStringList("stop-storm.reasons"));
    } catch (com.typesafe.config.ConfigException e) {
      throw new InvalidInputException("troupe.risk.breakers: " + e.getMessage(), e);
    }
  }
}
