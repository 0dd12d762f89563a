package io.troupe.performance;

import io.troupe.model.RoundTrip;
import io.troupe.regime.Regime;
import io.troupe.regime.RegimeTimeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Edge statistics of closed trades per specialist, per regime at entry, per symbol, per specialist within each
 * regime, and overall; every map sorted by key. A trade whose regime is unknown is filed under {@value #UNKNOWN}.
 */
public record EdgeTable(
    EdgeStats overall,
    Map<String, EdgeStats> bySpecialist,
    Map<String, EdgeStats> byRegime,
    Map<String, EdgeStats> bySymbol,
    Map<String, Map<String, EdgeStats>> bySpecialistAndRegime) {

  public static final String UNKNOWN = "UNKNOWN";
  /** Fewer trades than this give an INSUFFICIENT verdict. */
  public static final int DEFAULT_MIN_TRADES = 30;

  public static EdgeTable from(List<RoundTrip> trades, Function<RoundTrip, Regime> regimeAtEntry) {
    return from(trades, regimeAtEntry, DEFAULT_MIN_TRADES);
  }

  /** The regime at entry read from each symbol's timeline of confirmed regimes. */
  public static EdgeTable from(List<RoundTrip> trades, Map<String, RegimeTimeline> timelines) {
    return from(trades, t -> {
      RegimeTimeline tl = timelines.get(t.symbol());
      return tl == null ? null : tl.regimeAt(t.entryTime());
    });
  }

  public static EdgeTable from(List<RoundTrip> trades, Function<RoundTrip, Regime> regimeAtEntry, int minTrades) {
    Map<String, List<RoundTrip>> spec = new TreeMap<>();
    Map<String, List<RoundTrip>> regime = new TreeMap<>();
    Map<String, List<RoundTrip>> symbol = new TreeMap<>();
    Map<String, Map<String, List<RoundTrip>>> specRegime = new TreeMap<>();
    for (RoundTrip t : trades) {
      Regime r = regimeAtEntry == null ? null : regimeAtEntry.apply(t);
      String rk = r == null ? UNKNOWN : r.name();
      String sk = t.specialist() == null || t.specialist().isEmpty() ? UNKNOWN : t.specialist();
      spec.computeIfAbsent(sk, k -> new ArrayList<>()).add(t);
      regime.computeIfAbsent(rk, k -> new ArrayList<>()).add(t);
      symbol.computeIfAbsent(t.symbol(), k -> new ArrayList<>()).add(t);
      specRegime.computeIfAbsent(sk, k -> new TreeMap<>()).computeIfAbsent(rk, k -> new ArrayList<>()).add(t);
    }
    Map<String, Map<String, EdgeStats>> nested = new TreeMap<>();
    specRegime.forEach((k, m) -> nested.put(k, stats(m, minTrades)));
    return new EdgeTable(EdgeStats.of(trades, minTrades), stats(spec, minTrades), stats(regime, minTrades), stats(symbol, minTrades), nested);
  }

  private static Map<String, EdgeStats> stats(Map<String, List<RoundTrip>> groups, int minTrades) {
    Map<String, EdgeStats> out = new TreeMap<>();
    groups.forEach((k, v) -> out.put(k, EdgeStats.of(v, minTrades)));
    return out;
  }

  /** A plain-text table, one line per group, for the command line. */
  public String format() {
    StringBuilder b = new StringBuilder();
    String header = String.format(Locale.ROOT, "%-28s %6s %6s %10s %10s %6s %10s %8s %7s %6s  %s%n",
        "group", "trades", "win%", "avg win", "avg loss", "R:R", "edge", "edge %", "PF", "t", "verdict");
    b.append(header);
    line(b, "all", overall);
    bySpecialist.forEach((k, v) -> line(b, "specialist " + k, v));
    byRegime.forEach((k, v) -> line(b, "regime " + k, v));
    bySymbol.forEach((k, v) -> line(b, "symbol " + k, v));
    bySpecialistAndRegime.forEach((s, m) -> m.forEach((r, v) -> line(b, s + " in " + r, v)));
    return b.toString();
  }

  private static void line(StringBuilder b, String group, EdgeStats s) {
    b.append(String.format(Locale.ROOT, "%-28s %6d %6.1f %10.2f %10.2f %6.2f %10.4f %8.4f %7.2f %6.2f  %s%n", group, s.trades(),
        100 * s.winRate(), s.averageWin(), s.averageLoss(), s.rewardRisk(), s.edgePerTrade(), s.edgePerTradePct(), s.profitFactor(),
        s.tStat(), s.verdict()));
  }
}
