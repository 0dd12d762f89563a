package io.troupe.app.lookahead;

import io.troupe.indicator.Indicator;
import io.troupe.strategy.Strategy;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The indicators a strategy computes inside itself, found by walking its fields: every {@link Indicator} it holds,
 * directly or in a Troupe object it holds (a wrapped strategy, a regime detector, a specialist's strategy), each named
 * by its field path. Strategies expose only their signals and the price-scale indicators they declare; this reads the
 * rest as they fed them, without the strategy having to publish anything.
 */
final class StrategyProbe {

  /** One output line of one held indicator, e.g. {@code detector.adx: adx(14).plus_di}. */
  record Line(String name, Indicator indicator, int line) {
    double value() {
      return indicator.value(line);
    }
  }

  private StrategyProbe() {}

  /** The lines of every indicator {@code strategy} holds, in a stable order (field declaration order, depth first). */
  static List<Line> lines(Strategy strategy) {
    List<Line> out = new ArrayList<>();
    walk(strategy, "", out, new IdentityHashMap<>());
    return out;
  }

  private static void walk(Object o, String path, List<Line> out, Map<Object, Boolean> seen) {
    if (seen.put(o, Boolean.TRUE) != null) return;
    for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive() || f.getType().isArray()) continue;
        Object v;
        try {
          f.setAccessible(true);
          v = f.get(o);
        } catch (RuntimeException | IllegalAccessException e) {
          continue; // a field this JVM does not let us read is simply not probed
        }
        if (v == null) continue;
        String name = path.isEmpty() ? f.getName() : path + "." + f.getName();
        if (v instanceof Indicator ind) {
          for (int i = 0; i < ind.lines(); i++) {
            String line = ind.lines() == 1 ? ind.name() : ind.name() + "." + ind.lineName(i);
            out.add(new Line(name + ": " + line, ind, i));
          }
        } else if (isTroupeObject(v)) {
          walk(v, name, out, seen);
        }
      }
    }
  }

  /** Troupe's own stateful objects; values (records, enums) and library types hold no indicators. */
  private static boolean isTroupeObject(Object v) {
    Class<?> c = v.getClass();
    return c.getName().startsWith("io.troupe.") && !c.isEnum() && !c.isRecord();
  }
}
