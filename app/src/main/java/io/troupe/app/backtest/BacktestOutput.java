package io.troupe.app.backtest;

import io.troupe.app.report.AtomicFiles;
import io.troupe.app.report.BacktestMetrics;
import io.troupe.app.report.BacktestReport;
import io.troupe.app.report.BacktestReportWriter;
import io.troupe.app.report.SummaryTable;
import io.troupe.gateway.sim.FillMode;
import io.troupe.market.ReadReport;
import io.troupe.performance.SpecialistStats;
import io.troupe.regime.RegimeTimeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a run's result into the output files and the terminal summary. */
public final class BacktestOutput {
  private BacktestOutput() {}

  /** The headline figures of a bare twin that summary.json's {@code bare_comparison} holds. */
  static final List<String> BARE_FIGURES =
      List.of("final_value", "total_return", "annual_return", "sharpe", "max_drawdown", "trade_count", "win_rate", "profit_factor", "exposure", "fees");

  /** Writes the six files into {@code out} (summary.json last) and returns the summary table for the terminal. */
  public static String write(Path out, BacktestResult r) throws IOException {
    return write(out, r, null);
  }

  /**
   * As {@link #write(Path, BacktestResult)}; {@code bareTwin}, when not null, is the same strategy run bare on the same
   * data: its equity goes beside the run's in the report and its headline figures into summary.json and the summary.
   */
  public static String write(Path out, BacktestResult r, BacktestResult bareTwin) throws IOException {
    return write(out, r, bareTwin, Map.of());
  }

  /** As above, with {@code sections} after the run's own (a learned specialist's scores and reliability). */
  public static String write(Path out, BacktestResult r, BacktestResult bareTwin, Map<String, Object> sections) throws IOException {
    BacktestSettings s = r.settings();
    List<Map<String, Object>> spans = new ArrayList<>();
    for (ReadReport read : r.reads()) {
      Map<String, Object> span = new LinkedHashMap<>();
      span.put("symbol", read.symbol());
      span.put("file", read.file());
      span.put("first", read.first() == null ? null : read.first().toString());
      span.put("last", read.last() == null ? null : read.last().toString());
      span.put("rows", read.rows());
      span.put("skipped", read.skipped());
      if (read.skipped() > 0) {
        Map<String, Long> byReason = new java.util.TreeMap<>();
        read.skippedByReason().forEach((reason, n) -> byReason.put(reason.description(), n));
        span.put("skipped_by_reason", byReason);
      }
      span.put("gaps", read.gaps());
      spans.add(span);
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("account", account(s, r));
    extra.put("vetoes_by_reason", r.risk().vetoesByReason());
    extra.put("exits_by_reason", exitsByReason(r));
    extra.put("venue_rejections_by_reason", r.risk().rejectionsByReason());
    extra.put("orders_still_working", r.orders().stillWorking());
    extra.put("orders_without_owner", r.ordersWithoutOwner().size());
    extra.put("trading_state", r.risk().state().name());
    extra.put("halts", halts(r));
    extra.put("specialists", specialists(r.performance().bySpecialist()));
    Map<String, RegimeTimeline> timelines = RegimeTimelines.of(r.performance().regimesBySymbol(), r.barsBySymbol());
    extra.put("regimes", RegimeTimelines.shares(timelines));
    extra.put("trades_by_regime", specialists(r.performance().byRegime()));
    String fillNote = s.exchange().fillMode() == FillMode.CLOSE
        ? "Market orders filled at the deciding bar's close (--fill close): optimistic, not achievable live."
        : "";
    BacktestMetrics twin = null;
    if (bareTwin != null) {
      twin = BacktestMetrics.compute(bareTwin.positions().equity(), bareTwin.positions().trades(), s.cash(), bareTwin.positions().fees());
      Map<String, Object> figures = new LinkedHashMap<>();
      Map<String, Object> all = twin.toOrderedMap();
      for (String k : BARE_FIGURES) figures.put(k, all.get(k));
      figures.put("vetoes_by_reason", bareTwin.risk().vetoesByReason());
      figures.put("exits_by_reason", exitsByReason(bareTwin));
      extra.put("bare_comparison", figures);
    }
    // Only a run with the adviser has its section and its file: every other run's outputs stay as they were.
    if (r.advice() != null) extra.put("adviser", io.troupe.app.adviser.AdviceFiles.summary(r.advice(), io.troupe.app.adviser.AdviserSetup.CACHE_FILE));
    extra.putAll(sections);
    String title = "Troupe backtest: " + String.join(", ", r.barsBySymbol().keySet()) + " · " + s.strategy() + (s.bare() ? " · bare" : "");
    BacktestReport report = new BacktestReport(
        title,
        r.positions().equity(),
        r.positions().trades(),
        r.orders().orders(),
        r.barsBySymbol(),
        RegimeTimelines.bands(timelines),
        s.cash(),
        r.positions().fees(),
        s.describe(),
        spans,
        extra,
        fillNote,
        r.startedAt(),
        r.wallClockSeconds(),
        bareTwin == null ? List.of() : bareTwin.positions().equity(),
        s.chartIndicators(),
        instruments(s, r));
    Map<String, AtomicFiles.Body> more = new LinkedHashMap<>();
    more.put(RegimeTimelines.FILE, w -> RegimeTimelines.writeCsv(w, timelines));
    if (r.advice() != null) more.put(io.troupe.app.adviser.AdviceFiles.VERDICTS_CSV, w -> io.troupe.app.adviser.AdviceFiles.writeVerdicts(w, r.advice().rulings()));
    BacktestMetrics m = BacktestReportWriter.writeAll(out, report, more, AtomicFiles.DISK);
    StringBuilder b = new StringBuilder(RunDescription.header(r));
    b.append(SummaryTable.render(m));
    b.append(String.format("%-22s %s%n", "vetoes", r.risk().vetoesByReason().isEmpty() ? "none" : r.risk().vetoesByReason()));
    b.append(String.format("%-22s %s%n", "exits", exitsByReason(r)));
    b.append(String.format("%-22s %d working, %d without owner%n", "orders at end", r.orders().stillWorking(), r.ordersWithoutOwner().size()));
    b.append(String.format("%-22s %d bars in %.2f s (%.0f bars/s)%n", "run", r.bars(), r.wallClockSeconds(),
        r.bars() / Math.max(1e-9, r.wallClockSeconds())));
    if (r.advice() != null) b.append(String.format("%-22s %s%n", "adviser", io.troupe.app.adviser.AdviceFiles.line(r.advice())));
    if (twin != null) {
      b.append(String.format("%-22s %s%n", "bare twin", SummaryTable.comparison(twin, m)));
    }
    if (!fillNote.isEmpty()) b.append("note: ").append(fillNote).append(System.lineSeparator());
    b.append(RunDescription.footer(r, out));
    return b.toString();
  }

  /** The account's currency and each instrument's terms, as summary.json's {@code account}. */
  static Map<String, Object> account(BacktestSettings s, BacktestResult r) {
    Map<String, io.troupe.model.Instrument> instruments = instruments(s, r);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("currency", s.accountCurrency(instruments.keySet()));
    Map<String, Object> terms = new LinkedHashMap<>();
    for (io.troupe.model.Instrument i : instruments.values()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("kind", i.kind().label());
      t.put("quote", i.quoteCurrency());
      t.put("settlement", i.paidInFull() ? "paid in full" : "margin");
      t.put("tick_size", i.tickSize());
      t.put("lot_size", i.lotSize());
      t.put("min_notional", i.minNotional());
      if (i.conversionRate() != 1) t.put("conversion_rate", i.conversionRate());
      terms.put(i.symbol(), t);
    }
    out.put("instruments", terms);
    return out;
  }

  private static Map<String, io.troupe.model.Instrument> instruments(BacktestSettings s, BacktestResult r) {
    Map<String, io.troupe.model.Instrument> out = new java.util.TreeMap<>();
    for (String symbol : r.barsBySymbol().keySet()) out.put(symbol, s.instrument(symbol));
    for (ReadReport read : r.reads()) out.putIfAbsent(read.symbol(), s.instrument(read.symbol()));
    return out;
  }

  /** Every halt during the run, lifted or not: from, to (null while still in force), reason and detail. */
  static List<Map<String, Object>> halts(BacktestResult r) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (var span : r.risk().restrictionHistory()) {
      if (span.level() != io.troupe.model.TradingState.HALTED) continue;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("from", java.time.Instant.ofEpochMilli(span.since()).toString());
      row.put("to", span.until() == null ? null : java.time.Instant.ofEpochMilli(span.until()).toString());
      row.put("reason", span.code());
      row.put("detail", span.detail());
      out.add(row);
    }
    return out;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static Map<String, Integer> exitsByReason(BacktestResult r) {
    Map<String, Integer> out = new java.util.TreeMap<>();
    for (var t : r.positions().trades()) out.merge(t.exitReason(), 1, Integer::sum);
    return out;
  }

  private static Map<String, Object> specialists(Map<String, SpecialistStats> stats) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (var e : stats.entrySet()) {
      SpecialistStats st = e.getValue();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("trades", st.trades());
      row.put("win_rate", st.winRate());
      row.put("pnl", st.pnl());
      row.put("avg_win", st.averageWin());
      row.put("avg_loss", st.averageLoss());
      row.put("reward_risk", finite(st.rewardRisk()));
      row.put("profit_factor", finite(st.profitFactor()));
      // Expected value per trade after fees: the edge the daily validation asks to be positive.
      row.put("edge_per_trade", st.edgePerTrade());
      row.put("fees", st.fees());
      out.put(e.getKey(), row);
    }
    return out;
  }
}
