package io.troupe.app.backtest;

import io.troupe.market.Bar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Steps from bars in memory: every bar of one time is one step, in symbol order. */
public final class StepGrouping {
  private StepGrouping() {}

  public static List<List<Bar>> steps(Map<String, List<Bar>> bars) {
    List<Bar> all = new ArrayList<>();
    for (List<Bar> l : bars.values()) all.addAll(l);
    all.sort(Comparator.comparingLong(Bar::time).thenComparing(Bar::symbol));
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
