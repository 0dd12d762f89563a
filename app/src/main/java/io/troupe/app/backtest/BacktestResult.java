package io.troupe.app.backtest;

import io.troupe.market.Bar;
import io.troupe.market.ReadReport;
import io.troupe.order.OrderManagerCommand.OrderList;
import io.troupe.performance.PerformanceCommand.Stats;
import io.troupe.position.PositionCommand.PositionResults;
import io.troupe.risk.RiskCommand.RiskReport;
import java.util.List;
import java.util.Map;

/** What a run produced, gathered from the agents after the last step. */
public record BacktestResult(
    BacktestSettings settings,
    List<ReadReport> reads,
    Map<String, List<Bar>> barsBySymbol,
    long bars,
    long steps,
    PositionResults positions,
    OrderList orders,
    RiskReport risk,
    List<String> ordersWithoutOwner,
    Stats performance,
    java.time.Instant startedAt,
    double wallClockSeconds,
    io.troupe.adviser.AdviserCommand.Report advice) {

  /** A run without the adviser. */
  public BacktestResult(BacktestSettings settings, List<ReadReport> reads, Map<String, List<Bar>> barsBySymbol, long bars, long steps,
      PositionResults positions, OrderList orders, RiskReport risk, List<String> ordersWithoutOwner, Stats performance, java.time.Instant startedAt,
      double wallClockSeconds) {
    this(settings, reads, barsBySymbol, bars, steps, positions, orders, risk, ordersWithoutOwner, performance, startedAt, wallClockSeconds, null);
  }
}
