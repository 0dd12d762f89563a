package io.troupe.app.paper;

import io.troupe.market.Bar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Steps from a live feed's bars, as a backtest groups a recording: every bar starting at one instant, sorted by symbol.
 * A step is released once every symbol has a bar at or after its time, or once the feed has moved two bars past it
 * (a symbol silent that long is missing from the step). A bar at or before the last released step is late: it is
 * left out (and not recorded), so the recording always regroups into the steps that ran. Bars at or after {@code end}
 * are beyond the session.
 */
final class LiveSteps {
  /** Told of each bar left out because its step had already run. */
  interface Late {
    void late(Bar bar, long lastStepTime);
  }

  private final Set<String> symbols;
  private final long length;
  private final long end;
  private final Late late;
  private long released;
  private final TreeMap<Long, TreeMap<String, Bar>> waiting = new TreeMap<>();
  private final Map<String, Long> newest = new HashMap<>();
  private long newestOfAll = Long.MIN_VALUE;

  /** {@code lastStepTime}: the time of the last step already run ({@link Long#MIN_VALUE}: none); {@code end} exclusive. */
  LiveSteps(Collection<String> symbols, long barLengthMillis, long lastStepTime, long end, Late late) {
    this.symbols = Set.copyOf(symbols);
    this.length = barLengthMillis;
    this.released = lastStepTime;
    this.end = end;
    this.late = late;
  }

  /** Adds a bar; the steps it completes, oldest first. */
  List<List<Bar>> add(Bar bar) {
    if (bar.time() >= end || !symbols.contains(bar.symbol())) return List.of();
    if (bar.time() <= released) {
      late.late(bar, released);
      return List.of();
    }
    waiting.computeIfAbsent(bar.time(), t -> new TreeMap<>()).putIfAbsent(bar.symbol(), bar);
    newest.merge(bar.symbol(), bar.time(), Math::max);
    newestOfAll = Math.max(newestOfAll, bar.time());
    List<List<Bar>> out = new ArrayList<>();
    while (!waiting.isEmpty()) {
      long time = waiting.firstKey();
      if (!complete(time) && newestOfAll < time + 2 * length) break;
      out.add(new ArrayList<>(waiting.pollFirstEntry().getValue().values()));
      released = time;
    }
    return out;
  }

  private boolean complete(long time) {
    for (String s : symbols) {
      Long t = newest.get(s);
      if (t == null || t < time) return false;
    }
    return true;
  }

  /** The time of the last step released (or run before). */
  long lastStepTime() {
    return released;
  }
}
