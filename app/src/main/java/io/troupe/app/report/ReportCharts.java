package io.troupe.app.report;

import io.troupe.indicator.Indicator;
import io.troupe.indicator.IndicatorSpec;
import io.troupe.market.Bar;
import io.troupe.model.EquityPoint;
import io.troupe.model.RoundTrip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * The series report.html's charts draw, as a tree of maps and lists for Jackson: equity with the buy-and-hold
 * benchmark (and the bare twin), the underwater curve, and each symbol's close with the strategy's indicators, its
 * trades and its regime bands. Times are epoch seconds (uPlot's unit). Every long series is cut to at most
 * {@link HtmlReportWriter#MAX_CHART_POINTS} points by min/max buckets ({@link MinMaxDownsampler}) over the series the
 * chart is about (equity, drawdown, close); the other lines of a chart are read at the same points, so they stay aligned.
 */
final class ReportCharts {

  static final String EQUITY = "#1d4ed8";
  static final String BUY_AND_HOLD = "#64748b";
  static final String BARE = "#d97706";
  static final List<String> INDICATOR_COLOURS = List.of("#2563eb", "#d97706", "#7c3aed", "#059669", "#db2777", "#0891b2");
  /** The four regimes keep their colours in every report; any other label takes the next free one of the rest. */
  static final Map<String, String> REGIME_COLOURS = Map.of(
      "volatile", "#f59e0b", "trending", "#2563eb", "ranging", "#10b981", "crisis", "#dc2626");
  private static final String[] OTHER_COLOURS = {"#8b5cf6", "#06b6d4", "#ec4899", "#84cc16", "#a16207"};

  private ReportCharts() {}

  static Map<String, Object> of(BacktestReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    long[] range = range(r);
    root.put("range", range == null ? null : List.of(seconds(range[0]), seconds(range[1])));
    root.put("equity", equity(r));
    root.put("drawdown", drawdown(r));
    Map<String, Integer> regimeIndex = new LinkedHashMap<>();
    List<Map<String, Object>> regimes = new ArrayList<>();
    r.bands().values().forEach(list -> list.forEach(b -> regimeIndex.computeIfAbsent(b.label(), label -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("label", label);
      entry.put("colour", regimeColour(label, regimes.size()));
      regimes.add(entry);
      return regimes.size() - 1;
    })));
    root.put("regimes", regimes);
    root.put("indicatorColours", INDICATOR_COLOURS);
    List<Map<String, Object>> prices = new ArrayList<>();
    for (Map.Entry<String, List<Bar>> e : r.barsBySymbol().entrySet()) {
      if (!e.getValue().isEmpty()) prices.add(price(r, e.getKey(), e.getValue(), regimeIndex));
    }
    root.put("prices", prices);
    return root;
  }

  static String regimeColour(String label, int index) {
    String known = REGIME_COLOURS.get(label);
    return known != null ? known : OTHER_COLOURS[index % OTHER_COLOURS.length];
  }

  /** The time span every chart shares: the equity's and the bars'. Null when there is neither. */
  static long[] range(BacktestReport r) {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    if (!r.equity().isEmpty()) {
      lo = r.equity().get(0).time();
      hi = r.equity().get(r.equity().size() - 1).time();
    }
    for (List<Bar> bars : r.barsBySymbol().values()) {
      if (bars.isEmpty()) continue;
      lo = Math.min(lo, bars.get(0).time());
      hi = Math.max(hi, bars.get(bars.size() - 1).time());
    }
    return lo == Long.MAX_VALUE ? null : new long[] {lo, hi};
  }

  private static Map<String, Object> equity(BacktestReport r) {
    List<EquityPoint> eq = r.equity();
    if (eq.isEmpty()) return null;
    int[] at = sample(eq.size(), i -> eq.get(i).equity());
    long[] times = new long[at.length];
    List<Double> values = new ArrayList<>(at.length);
    for (int i = 0; i < at.length; i++) {
      times[i] = eq.get(at[i]).time();
      values.add(finite(eq.get(at[i]).equity()));
    }
    List<Map<String, Object>> series = new ArrayList<>();
    series.add(line("Equity", EQUITY, values, 1.8, null, "rgba(219,234,254,0.55)"));
    BuyAndHold benchmark = new BuyAndHold(r.barsBySymbol(), r.initialCash());
    if (!benchmark.isEmpty()) {
      series.add(line(BuyAndHold.label(r.barsBySymbol().keySet()), BUY_AND_HOLD, list(benchmark.valuesAt(times)), 1.4,
          List.of(6, 4), null));
    }
    if (!r.bareEquity().isEmpty()) series.add(line("Bare (no overlays)", BARE, valuesAt(r.bareEquity(), times), 1.4, null, null));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", secondsList(times));
    m.put("series", series);
    m.put("start", r.initialCash());
    return m;
  }

  private static Map<String, Object> drawdown(BacktestReport r) {
    List<EquityPoint> eq = r.equity();
    if (eq.isEmpty()) return null;
    // The same peak rule as the metrics, so the chart's low matches max_drawdown.
    double[] dd = new double[eq.size()];
    double peak = Math.max(r.initialCash(), eq.get(0).equity());
    for (int i = 0; i < dd.length; i++) {
      peak = Math.max(peak, eq.get(i).equity());
      dd[i] = (eq.get(i).equity() / peak - 1) * 100;
    }
    int[] at = sample(dd.length, i -> dd[i]);
    List<Object> t = new ArrayList<>(at.length);
    List<Double> v = new ArrayList<>(at.length);
    for (int i : at) {
      t.add(seconds(eq.get(i).time()));
      v.add(finite(dd[i]));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", t);
    m.put("values", v);
    return m;
  }

  private static Map<String, Object> price(BacktestReport r, String symbol, List<Bar> bars, Map<String, Integer> regimeIndex) {
    int[] at = sample(bars.size(), i -> bars.get(i).close());
    List<Object> t = new ArrayList<>(at.length);
    List<Double> close = new ArrayList<>(at.length);
    for (int i : at) {
      t.add(seconds(bars.get(i).time()));
      close.add(finite(bars.get(i).close()));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("symbol", symbol);
    m.put("slug", HtmlReportWriter.slug(symbol));
    m.put("t", t);
    m.put("close", close);
    m.put("indicators", indicators(r.indicators(), bars, at));
    List<List<Object>> bands = new ArrayList<>();
    for (Band b : r.bands().getOrDefault(symbol, List.of())) {
      bands.add(List.of(seconds(b.from()), seconds(b.to()), regimeIndex.get(b.label())));
    }
    m.put("bands", bands);
    List<RoundTrip> trades = r.trades().stream().filter(tr -> symbol.equals(tr.symbol())).toList();
    boolean markers = trades.size() <= HtmlReportWriter.MAX_TRADE_MARKERS;
    List<List<Object>> marks = new ArrayList<>(trades.size());
    for (RoundTrip tr : trades) {
      List<Object> row = new ArrayList<>(7);
      row.add(seconds(tr.entryTime()));
      row.add(finite(tr.entryPrice()));
      row.add(seconds(tr.exitTime()));
      row.add(finite(tr.exitPrice()));
      row.add("short".equalsIgnoreCase(tr.side()) ? 0 : 1);
      row.add(finite(tr.pnl()));
      // Past the marker limit only the connectors are drawn and no tooltips are carried: page size.
      row.add(markers ? tip(tr) : null);
      marks.add(row);
    }
    m.put("trades", marks);
    m.put("markers", markers);
    return m;
  }

  static String tip(RoundTrip tr) {
    return HtmlReportWriter.esc(tr.side() + " " + tr.symbol() + " " + CsvReportFiles.time(tr.entryTime()) + " @ "
        + Formats.price(tr.entryPrice()) + " → " + CsvReportFiles.time(tr.exitTime()) + " @ " + Formats.price(tr.exitPrice())
        + ", P&L " + Formats.money(tr.pnl()) + (tr.exitReason() == null ? "" : " (" + tr.exitReason() + ")")
        + (tr.specialist() == null || tr.specialist().isEmpty() ? "" : ", by " + tr.specialist()));
  }

  /** Each price-scale indicator line over every bar, read at the sampled bars. */
  private static List<Map<String, Object>> indicators(List<String> specs, List<Bar> bars, int[] at) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String text : specs) {
      IndicatorSpec spec = IndicatorSpec.parse(text);
      if (!spec.onPriceScale()) continue;
      Indicator indicator = spec.create();
      int lines = indicator.lines();
      List<List<Double>> values = new ArrayList<>();
      for (int l = 0; l < lines; l++) values.add(new ArrayList<>(at.length));
      int next = 0;
      for (int i = 0; i < bars.size() && next < at.length; i++) {
        indicator.update(bars.get(i));
        if (i != at[next]) continue;
        for (int l = 0; l < lines; l++) values.get(l).add(finite(indicator.value(l)));
        next++;
      }
      for (int l = 0; l < lines; l++) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("label", lines == 1 ? spec.text() : spec.text() + " " + indicator.lineName(l));
        line.put("values", values.get(l));
        out.add(line);
      }
    }
    return out;
  }

  /** The indices of the points a chart keeps: min/max buckets over {@code value}, in order. */
  static int[] sample(int n, IntToDoubleFunction value) {
    MinMaxDownsampler<Integer> s = new MinMaxDownsampler<>(HtmlReportWriter.MAX_CHART_POINTS, value::applyAsDouble);
    if (n <= HtmlReportWriter.MAX_CHART_POINTS) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) all[i] = i;
      return all;
    }
    for (int i = 0; i < n; i++) s.add(i);
    return s.samples().stream().mapToInt(Integer::intValue).toArray();
  }

  /** {@code points}' equity at each of {@code times}: the last point at or before it (null before the first). */
  private static List<Double> valuesAt(List<EquityPoint> points, long[] times) {
    List<Double> out = new ArrayList<>(times.length);
    int next = 0;
    for (long time : times) {
      while (next < points.size() && points.get(next).time() <= time) next++;
      out.add(next == 0 ? null : finite(points.get(next - 1).equity()));
    }
    return out;
  }

  private static Map<String, Object> line(String label, String colour, List<Double> values, double width, List<Integer> dash, String fill) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", label);
    m.put("colour", colour);
    m.put("width", width);
    if (dash != null) m.put("dash", dash);
    if (fill != null) m.put("fill", fill);
    m.put("values", values);
    return m;
  }

  private static List<Double> list(double[] v) {
    List<Double> out = new ArrayList<>(v.length);
    for (double x : v) out.add(finite(x));
    return out;
  }

  private static List<Object> secondsList(long[] times) {
    List<Object> out = new ArrayList<>(times.length);
    for (long t : times) out.add(seconds(t));
    return out;
  }

  /** Epoch ms as uPlot's seconds: whole seconds as integers, so the page stays small. */
  static Object seconds(long millis) {
    return millis % 1000 == 0 ? (Object) (millis / 1000) : (Object) (millis / 1000.0);
  }

  /** JSON has no NaN: an undefined value is a gap. */
  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
