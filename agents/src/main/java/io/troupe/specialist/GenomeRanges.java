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

  private GenomeRanges() {}

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
