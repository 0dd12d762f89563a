package io.troupe.risk;

import io.troupe.model.OrderIntent;
import io.troupe.model.Instrument;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.Position;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.TreeMap;

/** Builders for risk tests: limits with some fields overridden by name, accounts from positions. */
final class RiskTestSupport {
  private RiskTestSupport() {}

  /** {@code base} with the named record components replaced, e.g. with(defaults(), "maxPositionPct", 0.5). */
  static RiskLimits with(RiskLimits base, Object... nameValue) {
    try {
      Map<String, Object> over = new TreeMap<>();
      for (int i = 0; i < nameValue.length; i += 2) over.put((String) nameValue[i], nameValue[i + 1]);
      RecordComponent[] comps = RiskLimits.class.getRecordComponents();
      Object[] args = new Object[comps.length];
      Class<?>[] types = new Class<?>[comps.length];
      for (int i = 0; i < comps.length; i++) {
        types[i] = comps[i].getType();
        Object v = over.containsKey(comps[i].getName()) ? over.remove(comps[i].getName()) : comps[i].getAccessor().invoke(base);
        if (types[i] == int.class) args[i] = Integer.valueOf(((Number) v).intValue()); // no ?: here: it would widen to double
        else args[i] = Double.valueOf(((Number) v).doubleValue());
      }
      if (!over.isEmpty()) throw new IllegalArgumentException("no such limits " + over.keySet());
      Constructor<RiskLimits> c = RiskLimits.class.getDeclaredConstructor(types);
      return c.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static Position pos(String symbol, double qty, double price) {
    return new Position(symbol, qty, price, 0, 0, 0, "s", price);
  }

  static AccountSnapshot account(double cash, double equity, Position... positions) {
    Map<String, Position> m = new TreeMap<>();
    for (Position p : positions) m.put(p.symbol(), p);
    return new AccountSnapshot(0, cash, equity, 0, 0, m);
  }

  static RiskContext ctx(AccountSnapshot account, Instrument... instruments) {
    Map<String, Instrument> m = new TreeMap<>();
    for (Instrument i : instruments) m.put(i.symbol(), i);
    return RiskContext.of(account, Map.of(), m);
  }

  static OrderIntent entry(String symbol, long time, double target, double price, double stop, String specialist) {
    return new OrderIntent(symbol, time, target, price, stop, Double.NaN, specialist, "signal", false);
  }
}
