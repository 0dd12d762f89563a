package io.troupe.app.report;

import io.troupe.market.Bar;
import io.troupe.model.OrderRecord;
import io.troupe.model.OrderType;
import io.troupe.model.Side;
import io.troupe.model.EquityPoint;
import io.troupe.model.RoundTrip;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic-sized, seeded report input: 1m random-walk bars for two symbols with non-overlapping round trips,
 * marked-to-market equity, regime bands and extra sections. {@code main(outDir [bars [trades]])} writes it for a visual
 * check.
 */
final class SyntheticBacktest {

  static final long START = Instant.parse("2022-01-01T00:00:00Z").toEpochMilli();

  static BacktestReport randomWalk(long seed, int barsPerSymbol, int tradeCount) {
    Random rnd = new Random(seed);
    String[] symbols = {"BTCUSDT", "ETHUSDT"};
    double[] start = {46000, 3700};
    Map<String, List<Bar>> bars = new LinkedHashMap<>();
    for (int s = 0; s < symbols.length; s++) {
      List<Bar> list = new ArrayList<>(barsPerSymbol);
      double price = start[s];
      for (int i = 0; i < barsPerSymbol; i++) {
        double open = price;
        price *= Math.exp(rnd.nextGaussian() * 0.0012);
        double high = Math.max(open, price) * (1 + rnd.nextDouble() * 0.0006);
        double low = Math.min(open, price) * (1 - rnd.nextDouble() * 0.0006);
        list.add(new Bar(symbols[s], START + i * 60_000L, open, high, low, price, rnd.nextDouble() * 10));
      }
      bars.put(symbols[s], list);
    }

    double cash = 10_000;
    double totalFees = 0;
    List<RoundTrip> trades = new ArrayList<>();
    List<OrderRecord> orders = new ArrayList<>();
    // Sequential trades: one position at a time, each in a random slot of the timeline.
    int slot = barsPerSymbol / tradeCount;
    int[] entryBar = new int[tradeCount];
    int[] exitBar = new int[tradeCount];
    int[] symbolOf = new int[tradeCount];
    boolean[] longs = new boolean[tradeCount];
    double[] qty = new double[tradeCount];
    String[] reasons = {"stop", "target", "signal", "timeout"};
    for (int k = 0; k < tradeCount; k++) {
      entryBar[k] = k * slot + rnd.nextInt(slot / 3);
      exitBar[k] = entryBar[k] + 5 + rnd.nextInt(slot / 2);
      symbolOf[k] = rnd.nextInt(symbols.length);
      longs[k] = rnd.nextDouble() < 0.65;
    }
    List<EquityPoint> equity = new ArrayList<>(barsPerSymbol);
    double peak = cash;
    int k = 0;
    boolean open = false;
    double entryFee = 0;
    for (int i = 0; i < barsPerSymbol; i++) {
      long time = START + i * 60_000L;
      if (k < tradeCount && !open && i == entryBar[k]) {
        Bar b = bars.get(symbols[symbolOf[k]]).get(i);
        qty[k] = Math.floor(cash * 0.5 / b.close() * 1e4) / 1e4;
        entryFee = qty[k] * b.close() * 0.001;
        cash -= entryFee;
        cash += (longs[k] ? -1 : 1) * qty[k] * b.close();
        open = true;
      }
      double markValue = 0;
      if (open) {
        Bar b = bars.get(symbols[symbolOf[k]]).get(i);
        markValue = (longs[k] ? 1 : -1) * qty[k] * b.close();
        if (i == exitBar[k]) {
          Bar eb = bars.get(symbols[symbolOf[k]]).get(entryBar[k]);
          double exitFee = qty[k] * b.close() * 0.001;
          cash += markValue - exitFee;
          double gross = (longs[k] ? 1 : -1) * qty[k] * (b.close() - eb.close());
          double fees = entryFee + exitFee;
          totalFees += fees;
          trades.add(new RoundTrip(symbols[symbolOf[k]], longs[k] ? "long" : "short", eb.time(), eb.close(),
              b.time(), b.close(), qty[k], fees, gross - fees, reasons[rnd.nextInt(reasons.length)],
              k % 3 == 0 ? "trending" : "ranging"));
          orders.add(new OrderRecord("o-" + (2 * k), symbols[symbolOf[k]], longs[k] ? Side.BUY : Side.SELL,
              OrderType.MARKET, qty[k], Double.NaN, Double.NaN, "filled", qty[k], eb.close(), eb.time(), eb.time(),
              "entry"));
          orders.add(new OrderRecord("o-" + (2 * k + 1), symbols[symbolOf[k]], longs[k] ? Side.SELL : Side.BUY,
              OrderType.STOP, qty[k], Double.NaN, b.close(), "filled", qty[k], b.close(), b.time(), b.time(),
              "exit, " + trades.get(trades.size() - 1).exitReason()));
          markValue = 0;
          open = false;
          k++;
        }
      }
      double eq = cash + markValue;
      peak = Math.max(peak, eq);
      equity.add(new EquityPoint(time, eq, cash, 1 - eq / peak, open ? Math.abs(markValue) / eq : 0));
    }

    Map<String, List<Band>> bands = new LinkedHashMap<>();
    String[] regimes = {"trending", "ranging", "volatile", "crisis"};
    for (String s : symbols) {
      List<Band> list = new ArrayList<>();
      long t = START;
      long end = START + barsPerSymbol * 60_000L;
      while (t < end) {
        long len = (12 + rnd.nextInt(60)) * 3_600_000L;
        list.add(new Band(t, Math.min(end, t + len), regimes[rnd.nextInt(rnd.nextInt(10) == 0 ? 4 : 3)]));
        t += len;
      }
      bands.put(s, list);
    }

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("capital", 10_000.0);
    config.put("commission", 0.001);
    config.put("slippage_bps", 5);
    config.put("symbols", List.of(symbols));
    List<Map<String, Object>> spans = new ArrayList<>();
    for (String s : symbols) {
      Map<String, Object> span = new LinkedHashMap<>();
      span.put("symbol", s);
      span.put("file", "data/" + s + "-1m.csv");
      span.put("first", Instant.ofEpochMilli(START).toString());
      span.put("last", Instant.ofEpochMilli(START + (barsPerSymbol - 1) * 60_000L).toString());
      span.put("bars", barsPerSymbol);
      spans.add(span);
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    Map<String, Object> vetoes = new LinkedHashMap<>();
    vetoes.put("max_position", 41);
    vetoes.put("rate_limit", 17);
    vetoes.put("daily_loss", 3);
    extra.put("vetoes_by_reason", vetoes);
    Map<String, Object> exits = new LinkedHashMap<>();
    for (RoundTrip t : trades) exits.merge(t.exitReason(), 1, (a, b) -> (Integer) a + (Integer) b);
    extra.put("exits_by_reason", exits);
    return new BacktestReport("Synthetic random walk, seed " + seed, equity, trades, orders, bars, bands, 10_000,
        totalFees, config, spans, extra, "fills at the deciding bar's close: optimistic",
        Instant.parse("2024-05-01T12:00:00Z"), 3.25, null, null, null);
  }

  public static void main(String[] args) throws Exception {
    int bars = args.length > 1 ? Integer.parseInt(args[1]) : 45_000;
    int trades = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    BacktestReport r = randomWalk(7, bars, trades);
    BacktestMetrics m = BacktestReportWriter.writeAll(Path.of(args[0]), r);
    System.out.print(SummaryTable.render(m));
  }
}
