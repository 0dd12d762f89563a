package io.troupe.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

  @Test
  void alignedRowsWithHumanValues() {
    BacktestMetrics m = BacktestMetrics.compute(BacktestMetricsTest.EQUITY, BacktestMetricsTest.TRADES, 100, 7.5);
    String table = SummaryTable.render(m);
    List<String> lines = table.lines().toList();
    int width = lines.get(0).length();
    lines.forEach(l -> assertEquals(width, l.length(), "aligned: " + l));
    assertTrue(table.contains("Total return"));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("Total return") && l.endsWith("21.00%")));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("Max drawdown ") && l.endsWith("20.00%")));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("Profit factor") && l.endsWith("1.67")));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("Avg holding time") && l.endsWith("3h 00m")));
  }

  @Test
  void undefinedMetricsPrintAsNotAvailable() {
    String table = SummaryTable.render(BacktestMetrics.compute(List.of(), List.of(), 100, 0));
    assertTrue(table.lines().anyMatch(l -> l.startsWith("Sharpe") && l.endsWith("n/a")), table);
    assertTrue(table.lines().anyMatch(l -> l.startsWith("Win rate") && l.endsWith("n/a")), table);
  }
}
