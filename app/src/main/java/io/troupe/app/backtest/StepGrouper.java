package io.troupe.app.backtest;

import io.troupe.market.Bar;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups a time-ordered stream of bars (of several symbols) into steps: all bars that start at the same instant.
 * Within a step bars are sorted by symbol, so the order is the same on every run.
 */
final class StepGrouper {
  private List<Bar> pending = new ArrayList<>(8);
  private long time = Long.MIN_VALUE;

  /** Adds a bar; returns the completed previous step when this bar starts a new one, else an empty list. */
  List<Bar> add(Bar bar) {
    if (bar.time() < time) throw new IllegalStateException("bars out of time order at " + bar);
    if (bar.time() == time || pending.isEmpty()) {
      time = bar.time();
      insertSorted(bar);
      return List.of();
    }
    List<Bar> done = pending;
    pending = new ArrayList<>(Math.max(8, done.size()));
    time = bar.time();
    pending.add(bar);
    return done;
  }

  /** The last step, at the end of the stream. */
  List<Bar> flush() {
    List<Bar> done = pending;
    pending = new ArrayList<>();
    return done;
  }

  private void insertSorted(Bar bar) {
    int i = pending.size();
    while (i > 0 && pending.get(i - 1).symbol().compareTo(bar.symbol()) > 0) i--;
    if (i > 0 && pending.get(i - 1).symbol().equals(bar.symbol())) {
      throw new IllegalStateException("two bars of " + bar.symbol() + " at " + bar.start());
    }
    pending.add(i, bar);
  }
}
