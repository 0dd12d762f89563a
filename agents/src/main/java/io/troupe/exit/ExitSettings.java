package io.troupe.exit;

import com.typesafe.config.Config;
import io.troupe.model.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Exit rule parameters; percentages are fractions. 0 turns a rule off (no target, no trailing, no age limit, no max
 * loss). {@code stopMode} "percent" places the stop {@code stopPct} from entry; "atr" places it {@code atrMultiple}
 * ATRs away (falling back to percent when no ATR is known). A signal's own stop and target win over both.
 * {@code minHoldMillis} maps a strategy type to its minimum hold; unknown types hold {@code defaultMinHoldMillis}.
 */
public record ExitSettings(
    double stopPct,
    double targetPct,
    String stopMode,
    double atrMultiple,
    double trailingArmPct,
    double trailingGiveBackPct,
    List<PartialStep> partials,
    long maxAgeMillis,
    double maxLossPct,
    Map<String, Long> minHoldMillis,
    long defaultMinHoldMillis) {

  public static final String MEAN_REVERSION = "mean-reversion";
  public static final String REGIME = "regime";
  public static final String MICROSTRUCTURE = "microstructure";
  public static final String EVENT = "event";

  public ExitSettings {
    if (!(stopPct > 0)) throw new InvalidInputException("exits stop-pct must be > 0, got " + stopPct);
    if (!(targetPct >= 0 && atrMultiple >= 0 && trailingArmPct >= 0 && maxLossPct >= 0 && maxAgeMillis >= 0 && defaultMinHoldMillis >= 0)) {
      throw new InvalidInputException("exit settings must be >= 0");
    }
    if (!(trailingGiveBackPct >= 0 && trailingGiveBackPct <= 1)) throw new InvalidInputException("exits trailing give-back must be in [0, 100]%");
    if (!stopMode.equals("percent") && !stopMode.equals("atr")) throw new InvalidInputException("exits stop-mode must be percent or atr, got " + stopMode);
    List<PartialStep> sorted = new ArrayList<>(partials);
    sorted.sort((a, b) -> Double.compare(a.profitPct(), b.profitPct()));
    partials = List.copyOf(sorted);
    minHoldMillis = java.util.Collections.unmodifiableMap(new TreeMap<>(minHoldMillis));
  }

  public static ExitSettings defaults() {
    return new ExitSettings(0.005, 0.015, "percent", 2.0, 0.03, 0.40,
        List.of(new PartialStep(0.02, 0.33), new PartialStep(0.04, 0.33), new PartialStep(0.06, 1.0)),
        3_600_000L, 0.05,
        Map.of(MEAN_REVERSION, 30 * 60_000L, REGIME, 2 * 3_600_000L, MICROSTRUCTURE, 5 * 60_000L, EVENT, 10 * 60_000L), 0L);
  }

  public long minHoldFor(String strategyType) {
    return minHoldMillis.getOrDefault(strategyType, defaultMinHoldMillis);
  }

  /** Reads a {@code troupe.exits} section (percent keys in percent, durations as HOCON durations). */
  public static ExitSettings fromConfig(Config c) {
    try {
      List<PartialStep> steps = new ArrayList<>();
      for (Config p : c.getConfigList("partials")) steps.add(new PartialStep(p.getDouble("at-profit-pct") / 100, p.getDouble("fraction-pct") / 100));
      Map<String, Long> hold = new TreeMap<>();
      Config h = c.getConfig("min-hold");
      for (String key : new TreeMap<>(h.root()).keySet()) {
        if (!key.equals("default")) hold.put(key, h.getDuration(key, TimeUnit.MILLISECONDS));
      }
      return new ExitSettings(
          c.getDouble("stop-pct") / 100,
          c.getDouble("target-pct") / 100,
          c.getString("stop-mode"),
          c.getDouble("atr-multiple"),
          c.getDouble("trailing.arm-at-profit-pct") / 100,
          c.getDouble("trailing.give-back-pct") / 100,
          steps,
          c.getDuration("max-age", TimeUnit.MILLISECONDS),
          c.getDouble("max-loss-pct") / 100,
          hold,
          h.hasPath("default") ? h.getDuration("default", TimeUnit.MILLISECONDS) : 0L);
    } catch (com.typesafe.config.ConfigException e) {
      throw new InvalidInputException("troupe.exits: " + e.getMessage(), e);
    }
  }
}
