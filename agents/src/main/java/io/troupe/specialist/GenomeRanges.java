package io.troupe.specialist;

import io.troupe.model.InvalidInputException;
import io.troupe.regime.Regime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of each kind of specialist genome, in order, with their allowed ranges (inclusive). Percentages are
 * percent (5 = 5%); a flag is 0 (no) or 1 (yes); an integer parameter takes whole numbers only.
 */
public final class GenomeRanges {

  /** One parameter: its key, range, whether it is whole-numbered or a yes/no flag, and what it means. */
  public record ParamRange(String key, double min, double max, boolean integer, boolean flag, String meaning) {
    static ParamRange real(String key, double min, double max, String meaning) {
      return new ParamRange(key, min, max, false, false, meaning);
    }

    static ParamRange whole(String key, double min, double max, String meaning) {
      return new ParamRange(key, min, max, true, false, meaning);
    }

    static ParamRange yesNo(String key, String meaning) {
      return new ParamRange(key, 0, 1, true, true, meaning);
    }

    /** Null when {@code v} is allowed, else why not. */
    public String problem(double v) {
      if (!Double.isFinite(v)) return "is not a finite number";
      if (integer && v != Math.rint(v)) return "must be a whole number, got " + v;
      if (v < min || v > max) return "= " + v + " is out of range [" + fmt(min) + ", " + fmt(max) + "]";
      return null;
    }
  }

  private static final Map<Regime, List<ParamRange>> RANGES = new EnumMap<>(Regime.class);

  static {
    RANGES.put(Regime.VOLATILE, List.of(
        ParamRange.real("entry_threshold", 0, 5, "z-score of the bar's return (vs the last 20) needed to enter a breakout"),
        ParamRange.real("position_pct", 1, 10, "position size, percent of equity"),
        ParamRange.real("stop_pct", 1, 5, "stop distance from entry, percent of price"),
        ParamRange.real("target_pct", 2, 10, "target distance from entry, percent of price"),
        ParamRange.real("max_holding_hours", 1, 48, "exit after this long"),
        ParamRange.real("volatility_filter", 0.5, 2.0, "enter only while ATR(14) / SMA14(ATR) is at least this"),
        ParamRange.whole("max_trades_per_day", 1, 10, "entries per UTC day at most")));
    RANGES.put(Regime.TRENDING, List.of(
        ParamRange.real("min_adx", 20, 30, "ADX(14) needed to call a trend"),
        ParamRange.real("position_pct", 3, 10, "position size, percent of equity"),
        ParamRange.real("stop_atr", 1, 3, "stop distance from entry in ATR(14)"),
        ParamRange.real("reward_risk", 2, 5, "target distance as a multiple of the stop distance"),
        ParamRange.real("max_holding_days", 1, 10, "exit after this long"),
        ParamRange.real("trailing_stop_pct", 5, 20, "exit when the close gives back this percent from the best close"),
        ParamRange.yesNo("pullback_entry", "enter on a pullback to EMA(12) within the trend (yes) or as the trend starts (no)")));
    RANGES.put(Regime.RANGING, List.of(
        ParamRange.real("range_sensitivity", 0.5, 2.0, "range edges at this many standard deviations around the mean"),
        ParamRange.real("position_pct", 3, 8, "position size, percent of equity"),
        ParamRange.real("entry_from_edge_pct", 1, 5, "enter within this percent of the range width from an edge"),
        ParamRange.real("stop_beyond_range_pct", 2, 5, "stop this percent of price beyond the edge"),
        ParamRange.real("target_pct_of_range", 80, 95, "target this percent of the way to the opposite edge"),
        ParamRange.whole("mean_reversion_lookback", 10, 50, "bars of the range's mean and deviation"),
        ParamRange.real("max_holding_days", 1, 7, "exit after this long")));
    RANGES.put(Regime.CRISIS, List.of(
        ParamRange.real("position_pct", 0.5, 2, "position size, percent of equity"),
        ParamRange.real("stop_pct", 0.5, 2, "stop distance from entry, percent of price"),
        ParamRange.real("target_pct", 1, 3, "target distance from entry, percent of price"),
        ParamRange.real("max_exposure_pct", 10, 30, "gross exposure of the account at most, percent of equity"),
        ParamRange.real("cash_floor_pct", 50, 90, "cash kept at least, percent of equity"),
        ParamRange.real("max_holding_hours", 0.5, 6, "exit after this long")));
  }

  /** A strategy genome's own parameters, beside the strategy's: its size, and the stop and target its signals carry (0: none). */
  public static final List<ParamRange> STRATEGY_GENOME = List.of(
      ParamRange.real("position_pct", 0.1, 100, "position size, percent of equity"),
      ParamRange.real("stop_pct", 0, 50, "stop distance from entry, percent of price (0 or absent: none)"),
      ParamRange.real("target_pct", 0, 100, "target distance from entry, percent of price (0 or absent: none)"));

  /**
   * A learned genome's params ({@link io.troupe.learned.LearnedSettings}), each with its default: position and
   * exits, the label, the walk-forward schedule in bars, the trees, and the entry thresholds on the calibrated
   * probability.
   */
  public static final List<ParamRange> LEARNED_GENOME = List.of(
      ParamRange.real("position_pct", 0.1, 100, "position size, percent of equity"),
      ParamRange.real("stop_pct", 0, 50, "stop from the entry close, percent (0: none); the triple barrier's lower barrier"),
      ParamRange.real("target_pct", 0, 100, "target from the entry close, percent (0: none); the triple barrier's upper barrier"),
      ParamRange.whole("horizon", 1, 10_000, "bars the label looks ahead; a position's time barrier"),
      ParamRange.whole("train_bars", 200, 1_000_000, "M: each model trains on the last M bars whose labels are known"),
      ParamRange.whole("retrain_every", 2, 1_000_000, "N: a new model every N bars"),
      ParamRange.whole("activation_delay", 1, 1_000_000, "bars from a model's training cut to the bar it first decides (below retrain_every)"),
      ParamRange.whole("embargo", 0, 100_000, "bars dropped between the fitting rows (already purged of the horizon) and the held-out rows"),
      ParamRange.real("calibration_share", 0.05, 0.5, "share of the window held out (the latest rows) to calibrate on"),
      ParamRange.whole("trees", 1, 5_000, "boosting rounds"),
      ParamRange.whole("max_depth", 1, 12, "depth of each tree"),
      ParamRange.real("eta", 0.001, 1, "learning rate"),
      ParamRange.real("min_child_weight", 0, 1_000, "least hessian weight in a leaf"),
      ParamRange.whole("seed", 0, 2_147_483_647, "XGBoost's seed"),
      ParamRange.real("entry_probability", 0.5, 1, "enter long at a calibrated probability of at least this (short: at most 1 minus it)"),
      ParamRange.real("exit_probability", 0, 1, "leave a long below this (a short above 1 minus it); at most entry_probability"),
      ParamRange.yesNo("allow_short", "go short too"));

  private static final Map<String, Double> LEARNED_DEFAULTS = Map.ofEntries(
      Map.entry("stop_pct", 0.0), Map.entry("target_pct", 0.0), Map.entry("horizon", 30.0), Map.entry("train_bars", 10_080.0),
      Map.entry("retrain_every", 1_440.0), Map.entry("activation_delay", 1.0), Map.entry("embargo", 30.0),
      Map.entry("calibration_share", 0.25), Map.entry("trees", 100.0), Map.entry("max_depth", 3.0), Map.entry("eta", 0.1),
      Map.entry("min_child_weight", 1.0), Map.entry("seed", 1.0), Map.entry("entry_probability", 0.6),
      Map.entry("exit_probability", 0.5), Map.entry("allow_short", 0.0));

  private GenomeRanges() {}

  /**
   * A learned genome's params: position_pct present, the others defaulted, every key known and in range, and the
   * settings coherent ({@link io.troupe.learned.LearnedSettings}). In the ranges' order.
   */
  static Map<String, Double> validateLearned(String genome, io.troupe.learned.LearnedSpec spec, Map<String, Double> params) {
    for (String key : params.keySet()) {
      if (LEARNED_GENOME.stream().noneMatch(r -> r.key().equals(key))) {
        throw new InvalidInputException("genome '" + genome + "': unknown field 'params." + key + "' for a learned genome; it takes "
            + LEARNED_GENOME.stream().map(ParamRange::key).toList());
      }
    }
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (ParamRange r : LEARNED_GENOME) {
      Double v = params.containsKey(r.key()) ? params.get(r.key()) : LEARNED_DEFAULTS.get(r.key());
      if (v == null) throw new InvalidInputException("genome '" + genome + "': missing field 'params." + r.key() + "' (" + r.meaning() + ")");
      String problem = r.problem(v);
      if (problem != null) throw new InvalidInputException("genome '" + genome + "': field 'params." + r.key() + "' " + problem);
      out.put(r.key(), v);
    }
    try {
      io.troupe.learned.LearnedSettings.of(spec, out);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("genome '" + genome + "': " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * A strategy genome's params: position_pct present, stop_pct and target_pct in range (0 when absent), and the rest
   * resolved by the strategy (its defaults for those left out; an unknown or bad one named). Genome's own first.
   */
  static Map<String, Double> validateStrategy(String genome, String strategy, Map<String, Double> params) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    Map<String, String> rest = new java.util.TreeMap<>();
    for (var e : params.entrySet()) {
      if (STRATEGY_GENOME.stream().noneMatch(r -> r.key().equals(e.getKey()))) rest.put(e.getKey(), String.valueOf(e.getValue()));
    }
    for (ParamRange r : STRATEGY_GENOME) {
      Double v = params.get(r.key());
      if (v == null && r.key().equals("position_pct")) {
        throw new InvalidInputException("genome '" + genome + "': missing field 'params.position_pct' (" + r.meaning() + ")");
      }
      double value = v == null ? 0 : v;
      String problem = r.problem(value);
      if (problem != null) throw new InvalidInputException("genome '" + genome + "': field 'params." + r.key() + "' " + problem);
      out.put(r.key(), value);
    }
    try {
      out.putAll(io.troupe.strategy.StrategyCatalog.resolve(strategy, rest));
    } catch (InvalidInputException e) {
      throw new InvalidInputException("genome '" + genome + "': field 'strategy' " + strategy + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** The parameters of a kind, in order. */
  public static List<ParamRange> of(Regime kind) {
    return RANGES.get(kind);
  }

  /** The range of a genome's field: a learned genome's, a kind's own; null for a strategy genome's (the strategy checks them). */
  public static ParamRange range(Genome g, String key) {
    if (g.learned() != null) return LEARNED_GENOME.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    return g.strategy() == null ? range(g.kind(), key) : null;
  }

  /** The fields of a genome that has ranges (a learned genome or a kind's own). */
  public static List<ParamRange> of(Genome g) {
    return g.learned() != null ? LEARNED_GENOME : of(g.kind());
  }

  public static ParamRange range(Regime kind, String key) {
    for (ParamRange r : of(kind)) if (r.key().equals(key)) return r;
    return null;
  }

  /** Checks a complete parameter vector: every key known, none missing, each in range. Names the genome and field. */
  static void validate(String genome, Regime kind, Map<String, Double> params) {
    for (String key : params.keySet()) {
      if (range(kind, key) == null) {
        throw new InvalidInputException("genome '" + genome + "': unknown field 'params." + key + "' for a " + kind
            + " genome; it takes " + keys(kind));
      }
    }
    for (ParamRange r : of(kind)) {
      Double v = params.get(r.key());
      if (v == null) throw new InvalidInputException("genome '" + genome + "': missing field 'params." + r.key() + "' (" + r.meaning() + ")");
      String problem = r.problem(v);
      if (problem != null) throw new InvalidInputException("genome '" + genome + "': field 'params." + r.key() + "' " + problem);
    }
  }

  static List<String> keys(Regime kind) {
    return of(kind).stream().map(ParamRange::key).toList();
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
