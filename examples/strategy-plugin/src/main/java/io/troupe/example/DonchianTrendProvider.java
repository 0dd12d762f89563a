package io.troupe.example;

import io.troupe.model.InvalidInputException;
import io.troupe.strategy.Strategy;
import io.troupe.strategy.StrategyProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/** Makes {@link DonchianTrend} known to Troupe as {@code --strategy donchian-trend --param entry=55 --param exit=20}. */
public final class DonchianTrendProvider implements StrategyProvider {

  @Override
  public String name() {
    return "donchian-trend";
  }

  @Override
  public Map<String, Double> defaults() {
    Map<String, Double> d = new LinkedHashMap<>();
    d.put("entry", 55.0);
    d.put("exit", 20.0);
    return d;
  }

  @Override
  public Strategy create(Map<String, Double> params) {
    return new DonchianTrend(whole(params, "entry"), whole(params, "exit"));
  }

  private static int whole(Map<String, Double> params, String key) {
    double v = params.get(key);
    if (v != Math.rint(v) || v < 1) throw new InvalidInputException("parameter '" + key + "' must be a whole number >= 1, got " + v);
    return (int) v;
  }
}
