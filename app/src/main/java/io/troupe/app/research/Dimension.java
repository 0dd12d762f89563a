package io.troupe.app.research;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One axis of a search space: a key (a strategy parameter, a configuration key or a genome field) and the values it
 * may take, either a list of choices or a numeric range. A range is stepped ({@code step}), split into {@code count}
 * points (evenly, or evenly in the logarithm with {@code scale = log}), or continuous (random and genetic searches
 * draw from it; a range of whole numbers without step takes whole numbers). Values travel as text, as typed on a
 * command line ({@code --param fast=12}), so a candidate reads the same everywhere.
 *
 * @param where where the user wrote it ({@code space.conf:4}), for messages
 */
public record Dimension(String key, Target target, List<String> choices, double min, double max, Double step, Integer count, boolean log,
    boolean integer, String where) {

  /** What the key sets. */
  public enum Target { STRATEGY_PARAM, CONFIG, GENOME }

  public static Dimension choices(String key, Target target, List<String> values, String where) {
    return new Dimension(key, target, List.copyOf(values), Double.NaN, Double.NaN, null, null, false, false, where);
  }

  public boolean isChoices() {
    return choices != null;
  }

  /** Points a grid visits: the choices, the steps, the count; -1 when the range is continuous. */
  public int levels() {
    if (isChoices()) return choices.size();
    if (count != null) return count;
    if (step != null) return (int) Math.floor((max - min) / step + 1e-9) + 1;
    if (integer) return (int) Math.round(max - min) + 1;
    return -1;
  }

  /** The {@code i}-th grid point, {@code 0 <= i < levels()}. */
  public String valueAt(int i) {
    if (isChoices()) return choices.get(i);
    if (count != null) {
      double f = count == 1 ? 0 : i / (double) (count - 1);
      double v = log ? Math.exp(Math.log(min) + f * (Math.log(max) - Math.log(min))) : min + f * (max - min);
      if (i == count - 1) v = max;
      return text(integer ? Math.rint(v) : v);
    }
    if (step != null) {
      // In decimals, so 0.1 steps give 0.3, not 0.30000000000000004.
      BigDecimal v = new BigDecimal(Double.toString(min)).add(new BigDecimal(Double.toString(step)).multiply(BigDecimal.valueOf(i)));
      return plain(v);
    }
    return text(min + i);
  }

  /** Every grid point; refused for a continuous range. */
  public List<String> gridValues() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < levels(); i++) out.add(valueAt(i));
    return out;
  }

  /** A value drawn uniformly: a choice, a grid point, or a point of the continuous range (log-uniform under log). */
  public String sample(Random random) {
    int n = levels();
    if (n > 0) return valueAt(random.nextInt(n));
    double u = random.nextDouble();
    double v = log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
    return text(v);
  }

  /**
   * A nearby value: on a list of choices another choice; on an ordered grid a point one to three steps away; on a
   * continuous range a normal step of a tenth of the range (in the logarithm under log), kept inside it.
   */
  public String mutate(String current, Random random) {
    int n = levels();
    if (isChoices()) {
      if (n < 2) return current;
      int at = choices.indexOf(current);
      int next = random.nextInt(n - 1);
      return choices.get(next >= at ? next + 1 : next);
    }
    if (n > 0) {
      int at = indexOf(current);
      int move = 1 + random.nextInt(3);
      int next = Math.max(0, Math.min(n - 1, at + (random.nextBoolean() ? move : -move)));
      if (next == at) next = at == 0 ? Math.min(1, n - 1) : at - 1;
      return valueAt(next);
    }
    double v = Double.parseDouble(current);
    double lo = log ? Math.log(min) : min;
    double hi = log ? Math.log(max) : max;
    double x = (log ? Math.log(v) : v) + random.nextGaussian() * (hi - lo) / 10;
    x = Math.max(lo, Math.min(hi, x));
    return text(log ? Math.exp(x) : x);
  }

  private int indexOf(String value) {
    double v = Double.parseDouble(value);
    int best = 0;
    double bestGap = Double.POSITIVE_INFINITY;
    for (int i = 0; i < levels(); i++) {
      double gap = Math.abs(Double.parseDouble(valueAt(i)) - v);
      if (gap < bestGap) {
        bestGap = gap;
        best = i;
      }
    }
    return best;
  }

  /** A number as a search writes it: whole numbers without a point, others to 6 significant digits, never in exponent form. */
  String text(double v) {
    if (integer) return Long.toString(Math.round(v));
    return plain(new BigDecimal(v).round(new MathContext(6)));
  }

  static String plain(BigDecimal v) {
    if (v.signum() == 0) return "0";
    return v.stripTrailingZeros().toPlainString();
  }

  /** How the dimension reads in the summary: {@code fast in [5, 30] step 1}, {@code mode in {select, ensemble}}. */
  public String describe() {
    if (isChoices()) return key + " in {" + String.join(", ", choices) + "}";
    String range = key + " in [" + plain(BigDecimal.valueOf(min)) + ", " + plain(BigDecimal.valueOf(max)) + "]";
    if (step != null) return range + " step " + plain(BigDecimal.valueOf(step));
    if (count != null) return range + ", " + count + " points" + (log ? " (log)" : "");
    return range + (log ? " (log)" : "") + (integer ? " whole numbers" : "");
  }
}
