package io.troupe.app.backtest;

import io.troupe.market.Bar;
import io.troupe.market.ReadReport;
import io.troupe.model.TradingState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a run was, in the words of its summary on the terminal: the lines before the figures (what ran, on which data,
 * with which fills and fees) and after them (how trading ended, and what to look at next).
 */
public final class RunDescription {
  private RunDescription() {}

  private static final String ROW = "%-22s %s%n";

  /** What the {@code bare} row of a bare run says, right under what ran. */
  static final String BARE = "the strategy as written: entries and exits at market on its signals; no exit rules, no risk limits beyond"
      + " available cash and margin, no breakers, no maker entries";

  /** The lines that open the summary. */
  public static String header(BacktestResult r) {
    BacktestSettings s = r.settings();
    Map<String, Object> d = s.describe();
    StringBuilder b = new StringBuilder();
    String what = String.valueOf(d.get("strategy"));
    if (d.containsKey("specialists")) {
      what = "the regime specialists under the meta-controller (" + d.get("meta_mode") + "): " + String.join(", ", strings(d.get("specialists")));
    } else if (d.get("params") instanceof Map<?, ?> p && !p.isEmpty()) {
      what = what + " " + p;
    }
    b.append(String.format(ROW, "ran", what));
    if (s.bare()) b.append(String.format(ROW, "bare", BARE));
    if (d.get("swaps") instanceof List<?> swaps) b.append(String.format(ROW, "swaps", String.join("; ", strings(swaps))));
    List<String> symbols = new ArrayList<>();
    for (ReadReport read : r.reads()) symbols.add(read.symbol() + " (" + read.timeframe() + " bars, " + read.file() + ")");
    b.append(String.format(ROW, "symbols", String.join("; ", symbols)));
    b.append(String.format(ROW, "span", span(r)));
    StringBuilder fills = new StringBuilder("market orders at the " + ("close".equals(d.get("fill")) ? "deciding bar's close" : "next bar's open"));
    fills.append(", slippage ").append(number(d.get("slippage_bps"))).append(" bps");
    if (d.containsKey("maker_fee_pct")) {
      fills.append(", fees maker ").append(number(d.get("maker_fee_pct"))).append("% / taker ").append(number(d.get("taker_fee_pct"))).append('%');
    } else {
      fills.append(", fees ").append(number(d.get("commission_pct"))).append('%');
    }
    if (d.get("commission_per_unit") instanceof Number n && n.doubleValue() != 0) fills.append(" + ").append(number(n)).append(" a unit");
    if (d.containsKey("latency")) fills.append(", latency ").append(d.get("latency"));
    b.append(String.format(ROW, "fills", fills));
    b.append(String.format(ROW, "cash", number(d.get("cash")) + " " + s.accountCurrency(symbolsOf(r)) + conversions(s, symbolsOf(r))));
    return b.toString();
  }

  private static List<String> symbolsOf(BacktestResult r) {
    java.util.TreeSet<String> out = new java.util.TreeSet<>(r.barsBySymbol().keySet());
    for (ReadReport read : r.reads()) out.add(read.symbol());
    return new ArrayList<>(out);
  }

  /** The rates a run converts at, when its symbols are quoted in another currency than the account's. */
  private static String conversions(BacktestSettings s, List<String> symbols) {
    List<String> rates = new ArrayList<>();
    String account = s.accountCurrency(symbols);
    for (String symbol : symbols) {
      io.troupe.model.Instrument i = s.instrument(symbol);
      if (!i.quoteCurrency().equals(account)) rates.add(symbol + " in " + i.quoteCurrency() + " at " + number(i.conversionRate()) + " " + account);
    }
    return rates.isEmpty() ? "" : " (converted at fixed rates: " + String.join(", ", rates) + ")";
  }

  /** The lines that close the summary: how trading ended, where the report is, and the commands to try next. */
  public static String footer(BacktestResult r, java.nio.file.Path out) {
    StringBuilder b = new StringBuilder();
    TradingState state = r.risk().state();
    String reason = r.risk().stateReason();
    b.append(String.format(ROW, "trading state at end", state + (state != TradingState.ACTIVE && reason != null && !reason.isBlank() ? ": " + reason : "")));
    List<Map<String, Object>> halts = BacktestOutput.halts(r);
    if (halts.isEmpty()) b.append(String.format(ROW, "halts during run", "none"));
    for (int i = 0; i < halts.size(); i++) {
      Map<String, Object> h = halts.get(i);
      String to = h.get("to") == null ? "the end (still in force)" : String.valueOf(h.get("to"));
      b.append(String.format(ROW, i == 0 ? "halts during run" : "", h.get("from") + " to " + to + ": " + h.get("reason") + " (" + h.get("detail") + ")"));
    }
    String dir = out.toAbsolutePath().normalize().toString();
    b.append(String.format(ROW, "report", dir + java.io.File.separator + "report.html"));
    b.append(String.format(ROW, "next", "troupe edge --run " + dir + "   (edge per specialist, regime and symbol)"));
    return b.toString();
  }

  private static String span(BacktestResult r) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (List<Bar> bars : r.barsBySymbol().values()) {
      if (bars.isEmpty()) continue;
      first = Math.min(first, bars.get(0).time());
      last = Math.max(last, bars.get(bars.size() - 1).time());
    }
    if (first == Long.MAX_VALUE) return "no bars";
    return Instant.ofEpochMilli(first) + " to " + Instant.ofEpochMilli(last) + ", " + String.format("%,d", r.bars()) + " bars in " + String.format("%,d", r.steps())
        + " steps";
  }

  private static List<String> strings(Object list) {
    List<String> out = new ArrayList<>();
    if (list instanceof List<?> l) for (Object o : l) out.add(String.valueOf(o));
    return out;
  }

  private static String number(Object v) {
    if (!(v instanceof Number n)) return String.valueOf(v);
    double x = n.doubleValue();
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x);
  }
}
