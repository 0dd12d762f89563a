package io.troupe.app.report;

import io.troupe.market.Bar;
import io.troupe.model.OrderRecord;
import io.troupe.model.EquityPoint;
import io.troupe.model.Instrument;
import io.troupe.model.RoundTrip;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the report files are written from. {@code barsBySymbol} may hold every bar or an already downsampled
 * series (see {@link MinMaxDownsampler#forBars}); the page downsamples again to at most
 * {@link HtmlReportWriter#MAX_CHART_POINTS} points per chart. Map iteration order is the output order: pass
 * {@link java.util.LinkedHashMap}s or sorted maps for deterministic files. Null maps and lists are treated as empty.
 *
 * @param dataSpans one entry per data file, e.g. {symbol, file, first, last, bars}
 * @param extraSections top-level sections added to summary.json and rendered as tables in the page
 *     (e.g. vetoes_by_reason, exits_by_reason)
 * @param fillModeNote shown prominently on the page when non-empty, e.g. "fills at the deciding bar's close: optimistic"
 * @param startedAt wall-clock start; with {@code wallClockSeconds} it goes under summary.json's {@code run} object
 * @param bareEquity the equity of the same strategy run bare (overlays off), drawn beside {@code equity}; null or empty for none
 * @param indicators the strategy's price-scale indicators as {@code troupe indicators} specs, drawn over each price chart
 * @param instruments each symbol's terms: the CSV files write prices to its tick and quantities to its lot
 *     ({@link CsvNumbers})
 */
public record BacktestReport(
    String title,
    List<EquityPoint> equity,
    List<RoundTrip> trades,
    List<OrderRecord> orders,
    Map<String, List<Bar>> barsBySymbol,
    Map<String, List<Band>> bands,
    double initialCash,
    double fees,
    Map<String, Object> config,
    List<Map<String, Object>> dataSpans,
    Map<String, Object> extraSections,
    String fillModeNote,
    Instant startedAt,
    double wallClockSeconds,
    List<EquityPoint> bareEquity,
    List<String> indicators,
    Map<String, Instrument> instruments) {

  public BacktestReport {
    title = title == null ? "Backtest" : title;
    equity = equity == null ? List.of() : equity;
    trades = trades == null ? List.of() : trades;
    orders = orders == null ? List.of() : orders;
    barsBySymbol = barsBySymbol == null ? Map.of() : barsBySymbol;
    bands = bands == null ? Map.of() : bands;
    config = config == null ? Map.of() : config;
    dataSpans = dataSpans == null ? List.of() : dataSpans;
    extraSections = extraSections == null ? Map.of() : extraSections;
    fillModeNote = fillModeNote == null ? "" : fillModeNote;
    bareEquity = bareEquity == null ? List.of() : bareEquity;
    indicators = indicators == null ? List.of() : List.copyOf(indicators);
    instruments = instruments == null ? Map.of() : instruments;
  }

  /** The metrics, with the buy-and-hold benchmark over {@code barsBySymbol}. */
  public BacktestMetrics metrics() {
    return BacktestMetrics.compute(equity, trades, initialCash, fees).withBuyAndHold(new BuyAndHold(barsBySymbol, initialCash).totalReturn());
  }

  /** How the CSV files write this run's numbers. */
  public CsvNumbers csvNumbers() {
    return new CsvNumbers(instruments);
  }
}
