package io.troupe.app.backtest;

import io.troupe.market.Bar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Steps from bars in memory: every bar of one time is one step, in symbol order. */
public final class StepGrouping {
  private StepGrouping() {}

  /** By time, then symbol. Written out rather than composed from key extractors, which box every time and cost a call per key. */
  private static final Comparator<Bar> ORDER = (a, b) -> a.time() != b.time() ? Long.compare(a.time(), b.time()) : a.symbol().compareTo(b.symbol());

  /** Above this many series a merge's scan of every series' next bar costs more than one sort of all the bars. */
  private static final int MERGE_MAX_SERIES = 32;

  public static List<List<Bar>> steps(Map<String, List<Bar>> bars) {
    List<List<Bar>> steps = new ArrayList<>();
    lazySteps(bars).forEach(steps::add);
    return steps;
  }

  /**
   * The same steps, each grouped when it is asked for: a backtest's feed merges them on its own thread while the node
   * runs the first ones, instead of the node waiting for all of them. Each iterator starts from the first bar (a
   * cluster's re-run passes again); the order check, and the sort where one is needed, are done once for all passes.
   */
  public static Iterable<List<Bar>> lazySteps(Map<String, List<Bar>> bars) {
    Merge merge = new Merge(new ArrayList<>(bars.values()));
    return () -> new java.util.Iterator<>() {
      private final Merge.Pass pass = merge.pass();
      private final StepGrouper grouper = new StepGrouper();
      private List<Bar> next = advance();

      private List<Bar> advance() {
        for (Bar b = pass.next(); b != null; b = pass.next()) {
          List<Bar> done = grouper.add(b);
          if (!done.isEmpty()) return done;
        }
        List<Bar> last = grouper.flush();
        return last.isEmpty() ? null : last;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public List<Bar> next() {
        if (next == null) throw new java.util.NoSuchElementException();
        List<Bar> step = next;
        next = advance();
        return step;
      }
    };
  }

  /** {@link Merge}'s bars in one list (for tests). */
  static List<Bar> inOrder(List<List<Bar>> series) {
    List<Bar> all = new ArrayList<>();
    Merge.Pass pass = new Merge(series).pass();
    for (Bar b = pass.next(); b != null; b = pass.next()) all.add(b);
    return all;
  }

  /**
   * Every bar by time, then symbol, a symbol's bars of one time in the order the series come (a stable sort of the
   * series laid end to end), one at a time. Each file's bars come in order already, so they are merged, which costs a
   * scan of the series' next bars per bar instead of a sort's many comparisons (this runs in every backtest); series
   * that are not in order are sorted.
   */
  private static final class Merge {
    private final List<List<Bar>> series;
    private final int[] rank;
    /** The bars sorted, when the series are not each in order (or too many to merge); null when merging. */
    private final List<Bar> sorted;

    Merge(List<List<Bar>> series) {
      boolean ordered = series.size() <= MERGE_MAX_SERIES;
      int total = 0;
      for (List<Bar> l : series) {
        total += l.size();
        for (int i = 1; ordered && i < l.size(); i++) if (ORDER.compare(l.get(i - 1), l.get(i)) > 0) ordered = false;
      }
      this.series = series;
      if (ordered) {
        this.rank = symbolRanks(series);
        this.sorted = null;
      } else {
        this.rank = null;
        List<Bar> all = new ArrayList<>(total);
        for (List<Bar> l : series) all.addAll(l);
        all.sort(ORDER);
        this.sorted = all;
      }
    }

    /** A pass over the bars from the first. */
    Pass pass() {
      return new Pass();
    }

    final class Pass {
      private final int[] at = new int[series.size()];
      private int sortedAt;

      /** The next bar, or null after the last. */
      Bar next() {
        if (sorted != null) return sortedAt < sorted.size() ? sorted.get(sortedAt++) : null;
        // The least next bar; among equal ones the first series' (what the stable sort keeps first).
        int best = -1;
        Bar min = null;
        for (int s = 0; s < at.length; s++) {
          if (at[s] == series.get(s).size()) continue;
          Bar b = series.get(s).get(at[s]);
          if (min == null || (rank != null ? b.time() < min.time() || (b.time() == min.time() && rank[s] < rank[best]) : ORDER.compare(b, min) < 0)) {
            min = b;
            best = s;
          }
        }
        if (min != null) at[best]++;
        return min;
      }
    }
  }

  /**
   * Each series' place in symbol order, when every series holds one symbol (a file's bars do): the merge then compares
   * two ints where the times are equal instead of two strings, with the same outcome (series of one symbol share a
   * rank, so the first still wins). Null when a series mixes symbols.
   */
  private static int[] symbolRanks(List<List<Bar>> series) {
    String[] symbols = new String[series.size()];
    for (int s = 0; s < symbols.length; s++) {
      List<Bar> l = series.get(s);
      if (l.isEmpty()) continue;
      String symbol = l.get(0).symbol();
      for (Bar b : l) if (b.symbol() != symbol && !b.symbol().equals(symbol)) return null;
      symbols[s] = symbol;
    }
    int[] rank = new int[symbols.length];
    for (int s = 0; s < symbols.length; s++) {
      if (symbols[s] == null) continue;
      for (String other : symbols) if (other != null && other.compareTo(symbols[s]) < 0) rank[s]++;
    }
    return rank;
  }
}
