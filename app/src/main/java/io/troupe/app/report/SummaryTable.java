package io.troupe.app.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The headline metrics as an aligned two-column text table for the terminal. */
public final class SummaryTable {

  private SummaryTable() {}

  public static String render(BacktestMetrics m) {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("Final value", money(m.finalValue()));
    rows.put("Total return", pct(m.totalReturn()));
    if (m.buyAndHoldReturn() != null) rows.put("Buy and hold return", pct(m.buyAndHoldReturn()));
    rows.put("Annual return (CAGR)", pct(m.annualReturn()));
    rows.put("Sharpe", ratio(m.sharpe()));
    rows.put("Sortino", ratio(m.sortino()));
    rows.put("Calmar", ratio(m.calmar()));
    rows.put("Max drawdown", pct(m.maxDrawdown()));
    rows.put("Max drawdown duration", Formats.duration(m.maxDrawdownDurationSeconds()));
    rows.put("Trades", Integer.toString(m.tradeCount()));
    rows.put("Win rate", pct(m.winRate()));
    rows.put("Profit factor", ratio(m.profitFactor()));
    rows.put("Expectancy", money(m.expectancy()));
    rows.put("Avg win / avg loss", money(m.avgWin()) + " / " + money(m.avgLoss()));
    rows.put("Payoff ratio", ratio(m.payoffRatio()));
    rows.put("Avg holding time",
        m.avgHoldingTimeSeconds() == null ? "n/a" : Formats.duration(m.avgHoldingTimeSeconds()));
    rows.put("Exposure", pct(m.exposure()));
    rows.put("Fees", money(m.fees()));
    rows.put("Steps", Integer.toString(m.steps()));

    int keyWidth = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
    int valueWidth = rows.values().stream().mapToInt(String::length).max().orElse(0);
    StringBuilder sb = new StringBuilder();
    String rule = "-".repeat(keyWidth + 2 + valueWidth) + "\n";
    sb.append(rule);
    rows.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-" + keyWidth + "s  %" + valueWidth + "s\n", k, v)));
    sb.append(rule);
    return sb.toString();
  }

  /** One line setting a bare twin's headline figures beside the run's: "final value 10,284.10 (this run 10,101.00), ...". */
  public static String comparison(BacktestMetrics bare, BacktestMetrics run) {
    return String.format(Locale.ROOT, "final value %s (this run %s), return %s (%s), max drawdown %s (%s), %d trades (%d)",
        money(bare.finalValue()), money(run.finalValue()), pct(bare.totalReturn()), pct(run.totalReturn()), pct(bare.maxDrawdown()),
        pct(run.maxDrawdown()), bare.tradeCount(), run.tradeCount());
  }

  private static String pct(Double v) {
    return Formats.percent(v);
  }

  private static String ratio(Double v) {
    return Formats.ratio(v);
  }

  private static String money(Double v) {
    return Formats.money(v);
  }
}
