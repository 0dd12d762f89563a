package io.troupe.indicator;

import io.troupe.market.Bar;
import java.util.ArrayList;
import java.util.List;

/**
 * Several indicators updated together, bar by bar, with their current values as CSV cells: one column per output
 * line, in spec order, an empty cell where a line has no value yet.
 */
public final class IndicatorSet {
  private final List<IndicatorSpec> specs;
  private final Indicator[] indicators;
  private final List<String> columns;

  public IndicatorSet(List<IndicatorSpec> specs) {
    this.specs = List.copyOf(specs);
    this.indicators = new Indicator[specs.size()];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < indicators.length; i++) {
      indicators[i] = specs.get(i).create();
      names.addAll(specs.get(i).columnNames());
    }
    this.columns = List.copyOf(names);
  }

  /** Parses a spec list ({@link IndicatorSpec#parseList}) and creates the indicators. */
  public static IndicatorSet parse(String specList) {
    return new IndicatorSet(IndicatorSpec.parseList(specList));
  }

  public void update(Bar bar) {
    for (Indicator indicator : indicators) {
      indicator.update(bar);
    }
  }

  public List<IndicatorSpec> specs() {
    return specs;
  }

  /** The indicators, in spec order. */
  public List<Indicator> indicators() {
    return List.of(indicators);
  }

  /** Column names, one per output line, in the order of {@link #csvCells}. */
  public List<String> columnNames() {
    return columns;
  }

  public boolean allWarm() {
    for (Indicator indicator : indicators) {
      if (!indicator.isWarm()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The current value of every column as CSV cell text, into {@code cells} from {@code offset} on, in the order of
   * {@link #columnNames()}: {@link Double#toString(double)} (which round-trips), or an empty cell while that line has no
   * value yet. The caller writes the cells through a CSV writer.
   */
  public void csvCells(String[] cells, int offset) {
    int column = offset;
    for (Indicator indicator : indicators) {
      int lines = indicator.lines();
      for (int line = 0; line < lines; line++) {
        double v = indicator.value(line);
        cells[column++] = Double.isNaN(v) ? "" : Double.toString(v);
      }
    }
  }
}
