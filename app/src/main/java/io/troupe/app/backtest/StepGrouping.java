package io.troupe.app.backtest;

import io.troupe.market.Bar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Steps from bars in memory: every bar of one time is one step, in symbol order. */
public final class StepGrouping {
  private StepGrouping() {}

  public static List<List<Bar>> steps(Map<String, List<Bar>> bars) {
    List<Bar> all = new ArrayList<>();
    for (List<Bar> l : bars.values()) all.addAll(l);
    // By time, then symbol (a stable sort: a symbol's bars of one time keep their order). Written out rather than
    // composed from key extractors, which box every time and cost a call per key: this sort runs in every backtest.
    all.sort((a, b) -> a.time() != b.time() ? Long.compare(a.time(), b.time()) : a.symbol().compareTo(b.symbol()));
    StepGrouper g = new StepGrouper();
    List<List<Bar>> steps = new ArrayList<>();
    for (Bar b : all) {
      List<Bar> done = g.add(b);
      if (!done.isEmpty()) steps.add(done);
    }
    List<Bar> last = g.flush();
    if (!last.isEmpty()) steps.add(last);
    return steps;
  }
}
