package io.troupe.performance;

import io.troupe.performance.PerformanceCommand.RegimePoint;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each symbol's confirmed regime changes in time order, for the regime a closed trade is counted under (its symbol's
 * regime at entry) and for the report's timelines. Under a history window only the latest {@code window} changes of
 * each symbol are kept: a trade entered before the oldest of them is counted under "UNKNOWN", as one entered before
 * the first change always was. With 10,000 kept (the paper default) that takes a trade held across 10,000 regime
 * changes, about seven months of 1m BTC bars, where the exit rules close a trade after an hour (troupe.exits.max-age).
 * Nothing a decision reads comes from here.
 */
public final class RegimeChanges {

  public static final String UNKNOWN = "UNKNOWN";

  private final Map<String, ArrayDeque<RegimePoint>> bySymbol = new TreeMap<>();
  private final int window;

  public RegimeChanges(int window) {
    this.window = window;
  }

  /** Rebuilt from a checkpoint's timelines, keeping the latest {@code window} of each. */
  public static RegimeChanges of(Map<String, List<RegimePoint>> saved, int window) {
    RegimeChanges r = new RegimeChanges(window);
    saved.forEach((symbol, points) -> points.forEach(p -> r.add(symbol, p)));
    return r;
  }

  public void add(String symbol, RegimePoint point) {
    ArrayDeque<RegimePoint> points = bySymbol.computeIfAbsent(symbol, s -> new ArrayDeque<>());
    points.addLast(point);
    if (points.size() > window) points.removeFirst();
  }

  /** The symbol's regime at {@code time}: the latest change at or before it; {@link #UNKNOWN} before the first kept. */
  public String at(String symbol, long time) {
    ArrayDeque<RegimePoint> points = bySymbol.get(symbol);
    if (points == null) return UNKNOWN;
    // Trades close soon after they open: the newest changes are the likely answer, so look from the end.
    var it = points.descendingIterator();
    while (it.hasNext()) {
      RegimePoint p = it.next();
      if (p.time() <= time) return p.regime().name();
    }
    return UNKNOWN;
  }

  /** Every symbol's kept changes, oldest first (copies). */
  public Map<String, List<RegimePoint>> timelines() {
    Map<String, List<RegimePoint>> out = new TreeMap<>();
    bySymbol.forEach((symbol, points) -> out.put(symbol, List.copyOf(points)));
    return out;
  }

  public int size(String symbol) {
    ArrayDeque<RegimePoint> points = bySymbol.get(symbol);
    return points == null ? 0 : points.size();
  }
}
