package io.troupe.model;

/**
 * How much of a run's history the agents keep in memory for reports: the equity curve, the closed trades, the final
 * orders, the fill ids seen, the regime changes. A backtest is finite and its report needs all of it
 * ({@link #WHOLE_RUN}); a paper session may never end, so it keeps the latest {@code size} of each and reads the rest
 * back from its journal. Nothing a decision reads is trimmed: only what is kept for the report at the end.
 *
 * @param size the most items of each kind kept; {@link Integer#MAX_VALUE} for all
 */
public record HistoryWindow(int size) {

  public static final HistoryWindow WHOLE_RUN = new HistoryWindow(Integer.MAX_VALUE);

  public HistoryWindow {
    if (size < 1) throw new IllegalArgumentException("a history window keeps at least 1 item, got " + size);
  }

  public static HistoryWindow last(int size) {
    return new HistoryWindow(size);
  }

  public boolean keepsWholeRun() {
    return size == Integer.MAX_VALUE;
  }
}
