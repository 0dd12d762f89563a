package io.troupe.app.report;

import io.troupe.market.Bar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark a run is read against: the starting cash split equally over the traded symbols, each share bought at
 * its symbol's first close and held to the end, with no fees. Before a symbol's first bar its share is still cash.
 */
public final class BuyAndHold {

  private final List<List<Bar>> bars = new ArrayList<>();
  private final double initialCash;

  public BuyAndHold(Map<String, List<Bar>> barsBySymbol, double initialCash) {
    for (List<Bar> list : barsBySymbol.values()) if (!list.isEmpty()) bars.add(list);
    this.initialCash = initialCash;
  }

  public boolean isEmpty() {
    return bars.isEmpty();
  }

  /** The benchmark's value at each of {@code times} (ascending epoch ms): each symbol's last close at or before it. */
  public double[] valuesAt(long[] times) {
    double[] out = new double[times.length];
    if (bars.isEmpty()) {
      java.util.Arrays.fill(out, initialCash);
      return out;
    }
    double share = initialCash / bars.size();
    int[] next = new int[bars.size()];
    for (int i = 0; i < times.length; i++) {
      double value = 0;
      for (int s = 0; s < bars.size(); s++) {
        List<Bar> list = bars.get(s);
        while (next[s] < list.size() && list.get(next[s]).time() <= times[i]) next[s]++;
        value += next[s] == 0 ? share : share * list.get(next[s] - 1).close() / list.get(0).close();
      }
      out[i] = value;
    }
    return out;
  }

  /** The benchmark's return over the whole data: each symbol's last close over its first, averaged. Null without bars. */
  public Double totalReturn() {
    if (bars.isEmpty()) return null;
    double growth = 0;
    for (List<Bar> list : bars) growth += list.get(list.size() - 1).close() / list.get(0).close();
    return growth / bars.size() - 1;
  }

  /** The label of its line: "Buy and hold BTC-PERP" or "Buy and hold, equal weights: A, B". */
  public static String label(Iterable<String> symbols) {
    List<String> names = new ArrayList<>();
    symbols.forEach(names::add);
    return names.size() == 1 ? "Buy and hold " + names.get(0) : "Buy and hold, equal weights: " + String.join(", ", names);
  }
}
