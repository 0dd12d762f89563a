package io.troupe.learned;

import io.troupe.market.Bar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Bars with some momentum in them (a model has something to learn) and small learned settings, for the tests. */
final class LearnedFixtures {
  private LearnedFixtures() {}

  static List<Bar> bars(int n, long seed) {
    Random r = new Random(seed);
    List<Bar> out = new ArrayList<>();
    double price = 100;
    double last = 0;
    for (int i = 0; i < n; i++) {
      double ret = 0.7 * last + 0.002 * r.nextGaussian();
      last = ret;
      double open = price;
      price = price * Math.exp(ret);
      double high = Math.max(open, price) * (1 + 0.0005 * r.nextDouble());
      double low = Math.min(open, price) * (1 - 0.0005 * r.nextDouble());
      out.add(new Bar("TEST", 1_600_000_000_000L + i * 60_000L, open, high, low, price, 10 + 5 * r.nextDouble()));
    }
    return out;
  }

  static LearnedSpec spec(LearnedSpec.Label label, LearnedSpec.Calibration calibration) {
    return new LearnedSpec(List.of("return(1)", "return(3)", "rsi(14)", "volume_z(20)", "range_pct", "regime.adx"), label, calibration);
  }

  static LearnedSettings settings(LearnedSpec spec) {
    return new LearnedSettings(spec, 5, 0.3, 0.3, 400, 200, 7, 2, 0.25, 20, 3, 0.3, 1, 1, 0.55, 0.5, true);
  }

  static LearnedSettings settings() {
    return settings(spec(LearnedSpec.Label.TRIPLE_BARRIER, LearnedSpec.Calibration.ISOTONIC));
  }

  static Map<String, Double> unused() {
    return Map.of();
  }
}
