package io.troupe.strategy;

import io.troupe.model.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The built-in strategies by the names used on the command line and in config, with their parameters and defaults.
 * Unknown names and bad parameters are input errors that list what is available.
 */
public final class StrategyCatalog {

  /** One strategy's name, its parameters with defaults (in order), and how to build it from resolved parameters. */
  public record Entry(String name, Map<String, Double> defaults, Function<Map<String, Double>, Strategy> factory) {
    public String signature() {
      StringBuilder b = new StringBuilder(name).append('(');
      int i = 0;
      for (var e : defaults.entrySet()) {
        if (i++ > 0) b.append(", ");
        b.append(e.getKey()).append('=').append(format(e.getValue()));
      }
      return b.append(')').toString();
    }
  }

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    add("sma-cross", List.of("period"), List.of(30.0), p -> new SmaCross(intParam(p, "period")));
    add("ema-cross", List.of("fast", "slow"), List.of(12.0, 26.0), p -> {
      int fast = intParam(p, "fast");
      int slow = intParam(p, "slow");
      if (fast >= slow) throw new InvalidInputException("ema-cross: fast (" + fast + ") must be below slow (" + slow + ")");
      return new EmaCross(fast, slow);
    });
    add("breakout", List.of("lookback", "volume_mult"), List.of(20.0, 1.5),
        p -> new Breakout(intParam(p, "lookback"), positive(p, "volume_mult")));
    add("bb-rsi", List.of("period", "std", "rsi_threshold"), List.of(20.0, 2.0, 30.0),
        p -> new BollingerRsiReversion(intParam(p, "period"), positive(p, "std"), positive(p, "rsi_threshold")));
    // max_half_life 0 turns the AR(1) half-life gate off.
    add("ou-zscore", List.of("lookback", "entry_z", "exit_z", "max_half_life"), List.of(20.0, 2.0, 0.5, 0.0), p -> {
      int lookback = intParam(p, "lookback");
      if (lookback < 3) throw new InvalidInputException("ou-zscore: lookback must be >= 3, got " + lookback);
      double entry = positive(p, "entry_z");
      double exit = nonNegative(p, "exit_z");
      if (exit >= entry) throw new InvalidInputException("ou-zscore: exit_z (" + format(exit) + ") must be below entry_z (" + format(entry) + ")");
      return new OuZScore(lookback, entry, exit, nonNegative(p, "max_half_life"));
    });
    add("flow-imbalance", List.of("lookback", "threshold"), List.of(20.0, 0.3), p -> {
      double threshold = positive(p, "threshold");
      if (threshold >= 1) throw new InvalidInputException("flow-imbalance: threshold must be below 1, got " + format(threshold));
      return new FlowImbalance(intParam(p, "lookback"), threshold);
    });
    add("confirmed-breakout", List.of("lookback", "volume_mult", "min_agree"), List.of(20.0, 1.5, 2.0), p -> {
      int minAgree = intParam(p, "min_agree");
      if (minAgree > 4) throw new InvalidInputException("confirmed-breakout: min_agree must be 1..4, got " + minAgree);
      return new ConfirmationFilter(new Breakout(intParam(p, "lookback"), positive(p, "volume_mult")),
          ConfirmationFilter.Settings.defaults().withMinAgreeing(minAgree));
    });
  }

  private static void add(String name, List<String> keys, List<Double> defaults, Function<Map<String, Double>, Strategy> f) {
    Map<String, Double> d = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) d.put(keys.get(i), defaults.get(i));
    ENTRIES.put(name, new Entry(name, d, f));
  }

  private StrategyCatalog() {}

  /**
   * Adds a plugin's strategy under its own name; {@code origin} (its jar) names it in errors. The same provider class
   * registered again is ignored; another strategy under a taken name is refused.
   */
  public static synchronized void register(StrategyProvider provider, String origin) {
    String name = provider.name();
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new InvalidInputException(origin + ": strategy name '" + name + "' must be lower case letters, digits and '-'");
    }
    Entry known = ENTRIES.get(name);
    if (known != null) {
      if (provider.getClass().getName().equals(PLUGINS.get(name))) return;
      throw new InvalidInputException(origin + ": a strategy named '" + name + "' exists already" + (PLUGINS.containsKey(name) ? " (another plugin)" : " (built in)"));
    }
    Map<String, Double> defaults = new LinkedHashMap<>(provider.defaults());
    ENTRIES.put(name, new Entry(name, defaults, p -> {
      Strategy s;
      try {
        s = provider.create(p);
      } catch (InvalidInputException e) {
        throw new InvalidInputException("strategy " + name + " (" + origin + "): " + e.getMessage(), e);
      } catch (RuntimeException e) {
        throw new InvalidInputException("strategy " + name + " (" + origin + ") failed to start with " + p + ": " + e, e);
      }
      if (s == null) throw new InvalidInputException("strategy " + name + " (" + origin + ") gave no strategy for " + p);
      return s;
    }));
    PLUGINS.put(name, provider.getClass().getName());
  }

  /** Plugin strategies by name: their provider's class. */
  private static final Map<String, String> PLUGINS = new java.util.concurrent.ConcurrentHashMap<>();

  public static List<String> available() {
    return ENTRIES.values().stream().map(Entry::signature).toList();
  }

  /** Resolves the parameters (defaults overridden by {@code params}) or fails naming the bad one. */
  public static Map<String, Double> resolve(String name, Map<String, String> params) {
    Entry e = entry(name);
    Map<String, Double> resolved = new LinkedHashMap<>(e.defaults());
    for (var p : new TreeMap<>(params).entrySet()) {
      if (!resolved.containsKey(p.getKey())) {
        throw new InvalidInputException("strategy " + name + " has no parameter '" + p.getKey() + "'; it takes " + e.signature());
      }
      try {
        double v = Double.parseDouble(p.getValue().trim());
        if (!Double.isFinite(v)) throw new NumberFormatException();
        resolved.put(p.getKey(), v);
      } catch (NumberFormatException ex) {
        throw new InvalidInputException("strategy " + name + ": parameter '" + p.getKey() + "' is not a number: " + p.getValue());
      }
    }
    e.factory().apply(resolved); // validates now, not on the first bar
    return resolved;
  }

  /** A factory of fresh instances, so each symbol and each restart gets its own state. */
  public static Supplier<Strategy> factory(String name, Map<String, Double> resolved) {
    Entry e = entry(name);
    return () -> e.factory().apply(resolved);
  }

  private static Entry entry(String name) {
    Entry e = ENTRIES.get(name);
    if (e == null) {
      throw new InvalidInputException("unknown strategy '" + name + "'; available: " + String.join(", ", available()));
    }
    return e;
  }

  private static int intParam(Map<String, Double> p, String key) {
    double v = p.get(key);
    if (v != Math.rint(v) || v < 1) throw new InvalidInputException("parameter '" + key + "' must be a whole number >= 1, got " + format(v));
    return (int) v;
  }

  private static double positive(Map<String, Double> p, String key) {
    double v = p.get(key);
    if (!(v > 0)) throw new InvalidInputException("parameter '" + key + "' must be > 0, got " + format(v));
    return v;
  }

  private static double nonNegative(Map<String, Double> p, String key) {
    double v = p.get(key);
    if (!(v >= 0)) throw new InvalidInputException("parameter '" + key + "' must be >= 0, got " + format(v));
    return v;
  }

  static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
