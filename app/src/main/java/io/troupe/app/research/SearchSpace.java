package io.troupe.app.research;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.troupe.model.InvalidInputException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A search space file ({@code --space FILE}, HOCON or JSON): every entry maps a key to the values to search.
 * <pre>
 * fast = [8, 12, 16]                                    # a strategy parameter: a list of choices
 * slow { min = 20, max = 80, step = 5 }                 # a stepped range (both ends included)
 * troupe.risk.max-position-pct { min = 2, max = 9 }     # a configuration key: whole numbers 2..9
 * genome.trending-default.min_adx { min = 20, max = 30, count = 5 }   # a genome field: 5 points
 * troupe.exits.stop-pct { min = 0.25, max = 4, scale = log }         # log-uniform (random, genetic)
 * </pre>
 * This class reads the file's shape (each entry a list or a range with known fields, numbers where numbers go); what
 * the keys mean and whether the values are allowed is checked by {@link CandidateSettings#check}, against the
 * strategy, the configuration and the genome ranges. Every message starts with the file and line.
 */
public final class SearchSpace {

  static final Set<String> RANGE_FIELDS = Set.of("min", "max", "step", "count", "scale", "values");

  private SearchSpace() {}

  public static List<Dimension> read(Path file) {
    if (Files.isDirectory(file)) throw new InvalidInputException("--space " + file + ": is a folder, not a file");
    if (!Files.isRegularFile(file)) throw new InvalidInputException("--space " + file + ": no such file");
    Config c;
    try {
      c = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
    } catch (ConfigException e) {
      String m = e.getMessage();
      throw new InvalidInputException("--space " + file + ": not valid HOCON or JSON: " + m.replace(file.toString() + ": ", ""), e);
    }
    List<Dimension> out = new ArrayList<>();
    walk(file, "", c.root(), out);
    if (out.isEmpty()) throw new InvalidInputException("--space " + file + ": no dimensions; map a key to a list [a, b] or a range {min, max, step}");
    return out;
  }

  private static void walk(Path file, String prefix, ConfigObject o, List<Dimension> out) {
    // In the file's order (a configuration object keeps none): by line, then by key.
    List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(o.entrySet());
    entries.sort(java.util.Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> e.getValue().origin().lineNumber())
        .thenComparing(Map.Entry::getKey));
    for (Map.Entry<String, ConfigValue> e : entries) {
      String key = prefix.isEmpty() ? ConfigUtil.joinPath(e.getKey()) : prefix + "." + ConfigUtil.joinPath(e.getKey());
      key = key.replace("\"", "");
      ConfigValue v = e.getValue();
      String where = file + ":" + v.origin().lineNumber();
      if (v.valueType() == ConfigValueType.LIST) {
        out.add(Dimension.choices(key, target(key), choices(where, key, (ConfigList) v), where));
      } else if (v.valueType() == ConfigValueType.OBJECT) {
        ConfigObject obj = (ConfigObject) v;
        if (obj.containsKey("min") || obj.containsKey("max") || obj.containsKey("values")) out.add(range(where, key, obj));
        else if (obj.isEmpty()) throw new InvalidInputException(where + ": " + key + ": empty; give a list [a, b] or a range {min, max, step}");
        else walk(file, key, obj, out);
      } else {
        throw new InvalidInputException(where + ": " + key + ": give a list of choices [a, b] or a range {min, max[, step | count][, scale = log]}, got "
            + v.render());
      }
    }
  }

  static Dimension.Target target(String key) {
    if (key.startsWith("troupe.")) return Dimension.Target.CONFIG;
    if (key.startsWith("genome.")) return Dimension.Target.GENOME;
    return Dimension.Target.STRATEGY_PARAM;
  }

  private static List<String> choices(String where, String key, ConfigList list) {
    if (list.isEmpty()) throw new InvalidInputException(where + ": " + key + ": an empty list of choices");
    List<String> values = new ArrayList<>();
    for (ConfigValue item : list) {
      switch (item.valueType()) {
        case NUMBER -> values.add(Dimension.plain(new BigDecimal(item.unwrapped().toString())));
        case STRING, BOOLEAN -> values.add(String.valueOf(item.unwrapped()));
        default -> throw new InvalidInputException(where + ": " + key + ": a choice must be a number, a word or true/false, got " + item.render());
      }
    }
    if (values.stream().distinct().count() != values.size()) throw new InvalidInputException(where + ": " + key + ": a choice is listed twice: " + values);
    return values;
  }

  private static Dimension range(String where, String key, ConfigObject obj) {
    for (String f : obj.keySet()) {
      if (!RANGE_FIELDS.contains(f)) {
        throw new InvalidInputException(where + ": " + key + ": unknown field '" + f + "'; a range has min, max, step, count, scale (or values = [...])");
      }
    }
    if (obj.containsKey("values")) {
      if (obj.size() != 1) throw new InvalidInputException(where + ": " + key + ": values = [...] is a list of choices; give it alone, without min or max");
      ConfigValue v = obj.get("values");
      if (v.valueType() != ConfigValueType.LIST) throw new InvalidInputException(where + ": " + key + ".values: a list [a, b, ...], got " + v.render());
      return Dimension.choices(key, target(key), choices(where, key, (ConfigList) v), where);
    }
    Double min = number(where, key, obj, "min");
    Double max = number(where, key, obj, "max");
    if (min == null || max == null) throw new InvalidInputException(where + ": " + key + ": a range needs both min and max");
    if (!(min < max)) throw new InvalidInputException(where + ": " + key + ": min = " + fmt(min) + " must be below max = " + fmt(max));
    Double step = number(where, key, obj, "step");
    Double countValue = number(where, key, obj, "count");
    boolean log = false;
    if (obj.containsKey("scale")) {
      String scale = String.valueOf(obj.get("scale").unwrapped());
      if (!scale.equals("log") && !scale.equals("linear")) throw new InvalidInputException(where + ": " + key + ".scale: linear or log, got " + scale);
      log = scale.equals("log");
    }
    if (step != null && countValue != null) throw new InvalidInputException(where + ": " + key + ": give step or count, not both");
    if (step != null && !(step > 0)) throw new InvalidInputException(where + ": " + key + ".step must be > 0, got " + fmt(step));
    if (step != null && log) throw new InvalidInputException(where + ": " + key + ": a log scale takes count (points spread evenly in the logarithm), not step");
    if (log && !(min > 0)) throw new InvalidInputException(where + ": " + key + ": a log scale needs min > 0, got " + fmt(min));
    Integer count = null;
    if (countValue != null) {
      if (countValue != Math.rint(countValue) || countValue < 2) {
        throw new InvalidInputException(where + ": " + key + ".count must be a whole number >= 2, got " + fmt(countValue));
      }
      count = countValue.intValue();
    }
    boolean whole = min == Math.rint(min) && max == Math.rint(max);
    boolean integer = !log && whole && (step == null ? count == null : step == Math.rint(step));
    if (step != null && (max - min) / step > 1_000_000) throw new InvalidInputException(where + ": " + key + ": more than a million steps; take a bigger step");
    return new Dimension(key, target(key), null, min, max, step, count, log, integer, where);
  }

  private static Double number(String where, String key, ConfigObject obj, String field) {
    ConfigValue v = obj.get(field);
    if (v == null) return null;
    if (v.valueType() != ConfigValueType.NUMBER) throw new InvalidInputException(where + ": " + key + "." + field + " must be a number, got " + v.render());
    double d = ((Number) v.unwrapped()).doubleValue();
    if (!Double.isFinite(d)) throw new InvalidInputException(where + ": " + key + "." + field + " must be finite");
    return d;
  }

  /** The {@code --grid k=v1,v2} dimensions: each a list of choices, in the order given. */
  public static List<Dimension> fromGrid(Map<String, List<String>> grid) {
    List<Dimension> out = new ArrayList<>();
    for (var e : new LinkedHashMap<>(grid).entrySet()) {
      out.add(Dimension.choices(e.getKey(), target(e.getKey()), e.getValue(), "--grid " + e.getKey()));
    }
    return out;
  }

  static String fmt(double v) {
    return Dimension.plain(BigDecimal.valueOf(v));
  }
}
