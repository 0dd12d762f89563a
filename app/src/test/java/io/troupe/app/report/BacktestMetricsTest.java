package io.troupe.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.EquityPoint;
import io.troupe.model.RoundTrip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestMetricsTest {

  static final long DAY = 86_400_000L;
  static final long HOUR = 3_600_000L;
  static final double EPS = 1e-12;

  static EquityPoint point(long day, double equity, double exposure) {
    return new EquityPoint(day * DAY, equity, equity * (1 - exposure), 0, exposure);
  }

  static RoundTrip trade(double pnl, long entry, long holdHours) {
    return new RoundTrip("BTCUSDT", "long", entry, 100, entry + holdHours * HOUR, 101, 1, 0.5, pnl, "target", "s");
  }

  // Daily equity 100, 110, 88, 110, 121 from a capital of 100; exposures 0, .5, .5, 0, 1.
  static final List<EquityPoint> EQUITY = List.of(
      point(0, 100, 0), point(1, 110, 0.5), point(2, 88, 0.5), point(3, 110, 0), point(4, 121, 1));
  // pnl +30 (1h), -10 (2h), +20 (3h), -20 (6h)
  static final List<RoundTrip> TRADES = List.of(
      trade(30, 0, 1), trade(-10, DAY, 2), trade(20, 2 * DAY, 3), trade(-20, 3 * DAY, 6));

  @Test
  void handMadeSeries() {
    BacktestMetrics m = BacktestMetrics.compute(EQUITY, TRADES, 100, 7.5);

    assertEquals(121, m.finalValue(), EPS);
    assertEquals(121 * (1 - 1.0), m.finalCash(), EPS); // last point fully exposed: cash = 121 * (1 - 1)
    assertEquals(0.21, m.totalReturn(), EPS); // 121 / 100 - 1
    // CAGR over the 4-day span with a 365-day year: 1.21^(365/4) - 1
    double cagr = Math.pow(1.21, 365.0 / 4) - 1;
    assertEquals(cagr, m.annualReturn(), cagr * 1e-12);

    // Returns: 110/100-1 = .1, 88/110-1 = -.2, 110/88-1 = .25, 121/110-1 = .1; mean = .25/4 = .0625
    // Deviations .0375, -.2625, .1875, .0375 -> squares sum .106875; sample variance .106875/3 = .035625
    // Median spacing 1 day -> 365 periods a year.
    double sharpe = 0.0625 / Math.sqrt(0.035625) * Math.sqrt(365);
    assertEquals(sharpe, m.sharpe(), 1e-9);
    // Downside over all 4 periods: min(r,0)^2 = .04 only -> sqrt(.04/4) = .1
    assertEquals(0.0625 / 0.1 * Math.sqrt(365), m.sortino(), 1e-9);

    // Peak 110 on day 1, trough 88 on day 2: 1 - 88/110 = .2; regained 110 on day 3 -> 2 days under water.
    assertEquals(0.2, m.maxDrawdown(), EPS);
    assertEquals(2 * 86_400, m.maxDrawdownDurationSeconds(), EPS);
    assertEquals("PT48H", m.maxDrawdownDurationIso());
    assertEquals(cagr / 0.2, m.calmar(), cagr * 1e-11);

    assertEquals(4, m.tradeCount());
    assertEquals(0.5, m.winRate(), EPS); // 2 of 4
    assertEquals(50.0 / 30.0, m.profitFactor(), EPS); // (30+20) / (10+20)
    assertEquals(5, m.expectancy(), EPS); // (30-10+20-20) / 4
    assertEquals(25, m.avgWin(), EPS); // 50 / 2
    assertEquals(-15, m.avgLoss(), EPS); // -30 / 2
    assertEquals(25.0 / 15.0, m.payoffRatio(), EPS);
    assertEquals(3 * 3600, m.avgHoldingTimeSeconds(), EPS); // (1+2+3+6)/4 = 3h
    assertEquals("PT3H", m.avgHoldingTimeIso());
    assertEquals(0.6, m.exposure(), EPS); // 3 of 5 bars with non-zero exposure
    assertEquals(7.5, m.fees(), EPS);
    assertEquals(5, m.steps());
  }

  @Test
  void drawdownNotRegainedRunsToTheEnd() {
    // Peak 120 on day 1, 90 on day 2 (-25%), 100 on day 3 still under water: 2 days to the end.
    List<EquityPoint> eq = List.of(point(0, 100, 0), point(1, 120, 0), point(2, 90, 0), point(3, 100, 0));
    BacktestMetrics m = BacktestMetrics.compute(eq, List.of(), 100, 0);
    assertEquals(0.25, m.maxDrawdown(), EPS);
    assertEquals(2 * 86_400, m.maxDrawdownDurationSeconds(), EPS);
  }

  @Test
  void startingCapitalIsTheFirstPeak() {
    // Capital 100, first mark 99 (fees), then 98, then 100: 1 - 98/100 = 2% and 2 days from day 0 to day 2.
    List<EquityPoint> eq = List.of(point(0, 99, 1), point(1, 98, 1), point(2, 100, 0));
    BacktestMetrics m = BacktestMetrics.compute(eq, List.of(), 100, 0);
    assertEquals(0.02, m.maxDrawdown(), EPS);
    assertEquals(2 * 86_400, m.maxDrawdownDurationSeconds(), EPS);
  }

  @Test
  void newHighsEveryBarAreNoDrawdown() {
    List<EquityPoint> eq = List.of(point(0, 100, 0), point(1, 101, 0), point(2, 102, 0));
    BacktestMetrics m = BacktestMetrics.compute(eq, List.of(), 100, 0);
    assertEquals(0, m.maxDrawdown());
    assertEquals(0, m.maxDrawdownDurationSeconds());
    assertNull(m.calmar());
    assertNull(m.sortino()); // no period below zero
  }

  @Test
  void noTrades() {
    BacktestMetrics m = BacktestMetrics.compute(EQUITY, List.of(), 100, 0);
    assertEquals(0, m.tradeCount());
    assertNull(m.winRate());
    assertNull(m.profitFactor());
    assertNull(m.expectancy());
    assertNull(m.avgWin());
    assertNull(m.avgLoss());
    assertNull(m.payoffRatio());
    assertNull(m.avgHoldingTimeSeconds());
    assertNull(m.avgHoldingTimeIso());
    assertNoNaNs(m);
  }

  @Test
  void noLossesGivesInfiniteProfitFactorWrittenAsNull() {
    BacktestMetrics m = BacktestMetrics.compute(EQUITY, List.of(trade(30, 0, 1), trade(10, DAY, 1)), 100, 0);
    assertEquals(Double.POSITIVE_INFINITY, m.profitFactor());
    assertEquals(1.0, m.winRate(), EPS);
    assertNull(m.avgLoss());
    assertNull(m.payoffRatio());
    assertTrue(m.toOrderedMap().containsKey("profit_factor"));
    assertNull(m.toOrderedMap().get("profit_factor"));
    assertEquals("inf", Formats.ratio(m.profitFactor()));
  }

  @Test
  void breakEvenTradeIsNeitherWinNorLoss() {
    BacktestMetrics m = BacktestMetrics.compute(EQUITY, List.of(trade(0, 0, 1), trade(-4, DAY, 1)), 100, 0);
    assertEquals(0.0, m.winRate(), EPS);
    assertEquals(0.0, m.profitFactor(), EPS); // 0 / 4
    assertEquals(-2, m.expectancy(), EPS);
  }

  @Test
  void flatEquity() {
    List<EquityPoint> eq = List.of(point(0, 100, 0), point(1, 100, 0), point(2, 100, 0));
    BacktestMetrics m = BacktestMetrics.compute(eq, List.of(), 100, 0);
    assertEquals(0, m.totalReturn());
    assertEquals(0.0, m.annualReturn(), EPS);
    assertNull(m.sharpe()); // zero volatility
    assertNull(m.sortino());
    assertNull(m.calmar());
    assertEquals(0, m.maxDrawdown());
    assertEquals(0, m.exposure());
    assertNoNaNs(m);
  }

  @Test
  void singlePoint() {
    BacktestMetrics m = BacktestMetrics.compute(List.of(point(0, 105, 0)), List.of(), 100, 0);
    assertEquals(105, m.finalValue());
    assertEquals(0.05, m.totalReturn(), EPS);
    assertNull(m.annualReturn()); // no span
    assertNull(m.sharpe());
    assertNull(m.sortino());
    assertNull(m.calmar());
    assertEquals(1, m.steps());
    assertNoNaNs(m);
  }

  @Test
  void noEquityAtAll() {
    BacktestMetrics m = BacktestMetrics.compute(List.of(), List.of(), 100, 0);
    assertEquals(100, m.finalValue());
    assertEquals(0, m.totalReturn());
    assertEquals(0, m.steps());
    assertEquals(0, m.exposure());
    assertNoNaNs(m);
  }

  @Test
  void sharpeUsesMedianSpacingForAnnualisation() {
    // Minute points with one 1-day gap: the median spacing is still 1 minute -> 525,600 periods a year.
    List<EquityPoint> eq = new ArrayList<>();
    double[] values = {100, 101, 100, 102, 101};
    long[] times = {0, 60_000, 120_000, 120_000 + DAY, 180_000 + DAY};
    for (int i = 0; i < values.length; i++) eq.add(new EquityPoint(times[i], values[i], values[i], 0, 0));
    assertEquals(365.0 * 24 * 60, BacktestMetrics.periodsPerYear(eq), 1e-9);
  }

  @Test
  void keysAreSnakeCaseInFixedOrder() {
    assertEquals(List.of("final_value", "final_cash", "total_return", "annual_return", "buy_and_hold_return", "sharpe", "sortino", "calmar",
        "max_drawdown", "max_drawdown_duration_seconds", "max_drawdown_duration", "win_rate", "profit_factor",
        "expectancy", "avg_win", "avg_loss", "payoff_ratio", "trade_count", "avg_holding_time_seconds",
        "avg_holding_time", "exposure", "fees", "steps"), BacktestMetrics.keys());
  }

  static void assertNoNaNs(BacktestMetrics m) {
    for (Map.Entry<String, Object> e : m.toOrderedMap().entrySet()) {
      if (e.getValue() instanceof Double d) {
        assertFalse(d.isNaN() || d.isInfinite(), e.getKey() + " = " + d);
      }
    }
  }
}
