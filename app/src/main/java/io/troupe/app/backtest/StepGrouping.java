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
    StepGrouper g = new StepGrouper();
    List<List<Bar>> steps = new ArrayList<>();
    inOrder(new ArrayList<>(bars.values()), b -> {
      List<Bar> done = g.add(b);
      if (!done.isEmpty()) steps.add(done);
    });
    List<Bar> last = g.flush();
    if (!last.isEmpty()) steps.add(last);
    return steps;
  }

  /** {@link #inOrder(List, java.util.function.Consumer)} into one list (for tests). */
  static List<Bar> inOrder(List<List<Bar>> series) {
    List<Bar> all = new ArrayList<>();
    inOrder(series, all::add);
    return all;
  }

  /**
   * Every bar by time, then symbol, a symbol's bars of one time in the order the series come (a stable sort of the
   * series laid end to end). Each file's bars come in order already, so they are merged, which costs a scan of the
   * series' next bars per bar instead of a sort's many comparisons (this runs in every backtest); series that are
   * not in order are sorted.
   */
  static void inOrder(List<List<Bar>> series, java.util.function.Consumer<Bar> sink) {
    int total = 0;
    boolean ordered = series.size() <= MERGE_MAX_SERIES;
    for (List<Bar> l : series) {
      total += l.size();
      for (int i = 1; ordered && i < l.size(); i++) if (ORDER.compare(l.get(i - 1), l.get(i)) > 0) ordered = false;
    }
    if (!ordered) {
      List<Bar> all = new ArrayList<>(total);
      for (List<Bar> l : series) all.addAll(l);
      all.sort(ORDER);
      for (Bar b : all) sink.accept(b);
      return;
    }
    int k = series.size();
    int[] rank = symbolRanks(series);
    int[] at = new int[k];
    for (int n = 0; n < total; n++) {
      // The least next bar; among equal ones the first series' (what the stable sort keeps first).
      int best = -1;
      Bar min = null;
      for (int s = 0; s < k; s++) {
        if (at[s] == series.get(s).size()) continue;
        Bar b = series.get(s).get(at[s]);
        if (min == null || (rank != null ? b.time() < min.time() || (b.time() == min.time() && rank[s] < rank[best]) : ORDER.compare(b, min) < 0)) {
          min = b;
          best = s;
        }
      }
      sink.accept(min);
      at[best]++;
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
