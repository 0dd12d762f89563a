package io.troupe.app.backtest;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.app.cli.CliRun;
import io.troupe.app.report.CsvTable;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bare mode against results another open-source backtester publishes, on that project's own sample data.
 *
 * <p>backtrader (github.com/mementum/backtrader, commit b853d7c90b6721476eb5a5ea3135224e33db1f14) runs an SMA crossover
 * on its {@code datas/2006-day-001.txt} (copied into this module's test resources, see {@code reference/backtrader/SOURCE.md}):
 * buy one unit at market when the close crosses above the SMA and no position is open; close the position at market
 * when the close crosses below. Market orders fill at the next bar's open, no slippage, cash 10000. Troupe's
 * {@code sma-cross} is the same rule (a cross is a change of sign from the last non-zero close-minus-SMA, as
 * backtrader's CrossOver), so run bare with {@code --stake 1 --slippage-bps 0} it must give backtrader's figures, to the
 * two decimals they are published with:
 *
 * <ul>
 *   <li>{@code tests/test_strategy_unoptimized.py}: SMA(15); stock-like without commission, final value 10284.10 and
 *       cash 6164.16; futures-like ({@code setcommission(commission=2.0, mult=10.0, margin=1000.0)}: 2.0 per contract),
 *       final value 12795.00; both with the fill prices BUYEXEC and SELLEXEC and the deciding closes BUYCREATE and
 *       SELLCREATE.
 *   <li>{@code tests/test_strategy_optimized.py}: the futures-like run for SMA periods 5 .. 44, CHKVALUES; that strategy
 *       buys once, on the first cross up, and holds (it never clears its pending-order flag), so it checks the first
 *       entry of every period.
 *   <li>backtrader's documentation, Commission Schemes (github.com/backtrader/backtrader-docs,
 *       {@code docs/commission-schemes/commission-schemes.rst} at b99f37b781352cbc917d4e7be46abe2cf01ca3c5): SMA(30),
 *       the first two operations, stocks at 0.5% of value per fill and futures at 2.0 per contract with margin 2000.
 * </ul>
 */
class BacktraderReferenceTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final ObjectMapper JSON = new ObjectMapper();

  // tests/test_strategy_unoptimized.py at b853d7c
  static final List<String> BUYCREATE = List.of(
      "3641.42", "3798.46", "3874.61", "3860.00", "3843.08", "3648.33", "3526.84", "3632.93", "3788.96", "3841.31", "4045.22", "4052.89");
  static final List<String> SELLCREATE = List.of(
      "3763.73", "3811.45", "3823.11", "3821.97", "3837.86", "3604.33", "3562.56", "3772.21", "3780.18", "3974.62", "4048.16");
  static final List<String> BUYEXEC = List.of(
      "3643.35", "3801.03", "3872.37", "3863.57", "3845.32", "3656.43", "3542.65", "3639.65", "3799.86", "3840.20", "4047.63", "4052.55");
  static final List<String> SELLEXEC = List.of(
      "3763.95", "3811.85", "3822.35", "3822.57", "3829.82", "3598.58", "3545.92", "3766.80", "3782.15", "3979.73", "4045.05");

  // tests/test_strategy_optimized.py at b853d7c: final values for SMA periods 5, 6, ..., 44
  static final List<String> CHKVALUES = List.of(
      "14525.80", "14525.80", "15408.20", "15408.20", "14763.90", "14763.90", "14763.90", "14763.90", "14763.90", "14763.90",
      "14763.90", "14763.90", "14763.90", "14763.90", "13187.10", "13187.10", "13187.10", "13684.40", "13684.40", "13684.40",
      "13684.40", "13684.40", "13684.40", "13656.10", "13656.10", "13656.10", "13656.10", "12988.10", "12988.10", "12988.10",
      "12988.10", "12988.10", "12988.10", "12988.10", "12988.10", "12988.10", "12988.10", "12988.10", "12988.10", "12988.10");

  static Path data;

  @BeforeAll
  static void setUp() throws Exception {
    System.setProperty("troupe.home", HOME.toString());
    data = Path.of(BacktraderReferenceTest.class.getResource("/reference/backtrader/2006-day-001.txt").toURI());
  }

  @Test
  void stockLikeSmaCrossGivesBacktradersFinalValueCashAndEveryFill(@TempDir Path dir) throws Exception {
    CliRun r = run("backtest", "--bare", "--strategy", "sma-cross", "--param", "period=15", "--data", data.toString(), "--stake", "1",
        "--commission", "0", "--slippage-bps", "0", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
    assertEquals("10284.10", money(summary.get("final_value").asDouble()));
    assertEquals("6164.16", money(summary.get("final_cash").asDouble()));
    assertFills(dir);
    // The summary says the overlays were off, in the terminal and in summary.json.
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("bare ") && l.contains("the strategy as written")), r.out());
    assertTrue(summary.get("config").get("bare").asBoolean());
    assertTrue(summary.get("title").asText().endsWith(" · bare"), summary.get("title").asText());
    assertEquals(0, summary.get("vetoes_by_reason").size());
  }

  @Test
  void futuresLikeSmaCrossGivesBacktradersFinalValueAndEveryFill(@TempDir Path dir) throws Exception {
    CliRun r = run("backtest", "--bare", "--strategy", "sma-cross", "--param", "period=15", "--data", data.toString(), "--stake", "1",
        "--commission-per-unit", "2", "--multiplier", "10", "--margin", "1000", "--slippage-bps", "0", "--quiet", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
    assertEquals("12795.00", money(summary.get("final_value").asDouble()));
    assertEquals(23 * 2.0, summary.get("fees").asDouble(), 1e-9, "2.0 per contract on each of the 23 fills");
    assertFills(dir);
  }

  @Test
  void theSameRunWithTheOverlaysOnIsNotBacktraders(@TempDir Path dir) throws Exception {
    // Without --bare the position cap (10% of equity) refuses a one-unit stake worth over a third of it: nothing trades.
    // Daily bars: the age limit at least one bar (the global hour is refused there).
    CliRun r = run("backtest", "--strategy", "sma-cross", "--param", "period=15", "--data", data.toString(), "--stake", "1",
        "--commission", "0", "--slippage-bps", "0", "--set", "troupe.exits.max-age=5d", "--quiet", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
    assertEquals(0, summary.get("trade_count").asInt());
    assertEquals(12, summary.get("vetoes_by_reason").get("max_position").asInt());
    assertTrue(summary.get("config").get("bare") == null, "bare is reported only when on");
  }

  @Test
  void theFirstEntryForPeriodsFiveToFortyFourGivesBacktradersOptimizedFinalValues() {
    // test_strategy_optimized.py's strategy never clears its pending-order flag (it has no notify_order), so it buys
    // once, on the first cross up, and holds to the end: its final value is 10000 + 10 x (last close - that fill) - 2.0
    // commission. The first entry of a bare sma-cross, run through the actors, must be that fill for every period.
    List<io.troupe.market.Bar> list = new ArrayList<>();
    BarFiles.forEach(data, null, ReadOptions.DEFAULT, list::add);
    double lastClose = list.get(list.size() - 1).close();
    Map<String, List<io.troupe.market.Bar>> bars = Map.of(BarFiles.defaultSymbol(data), list);
    List<String> finals = new ArrayList<>();
    for (int period = 5; period <= 44; period++) {
      Config config = ConfigFactory.parseString("troupe.backtest { bare = true, strategy = sma-cross, params { period = " + period + " },"
              + " stake = 1, size-pct = 0, commission-pct = 0, commission-per-unit = 2, multiplier = 10, margin = 1000, slippage-bps = 0 }")
          .withFallback(ConfigFactory.load())
          .resolve();
      BacktestSettings settings = BacktestSettings.fromConfig(config, HOME, null, null);
      assertTrue(settings.bare());
      BacktestResult result = new BacktestRunner(settings, config, ReadOptions.DEFAULT, null, false).runBars(bars, t -> {});
      var first = result.orders().orders().get(0);
      assertEquals(io.troupe.model.Side.BUY, first.side());
      finals.add(money(10_000 + 10 * (lastClose - first.avgFillPrice()) - 2.0));
    }
    assertEquals(CHKVALUES, finals);
  }

  @Test
  void percentCommissionGivesTheOperationsOfBacktradersCommissionSchemesPage(@TempDir Path dir) throws Exception {
    // Stocks: setcommission(commission=0.005), 0.5% of each fill's value.
    CliRun stocks = run("backtest", "--bare", "--strategy", "sma-cross", "--param", "period=30", "--data", data.toString(), "--stake", "1",
        "--commission", "0.5", "--slippage-bps", "0", "--quiet", "--out", dir.resolve("stocks").toString());
    assertEquals(0, stocks.exit(), stocks.err());
    List<Map<String, String>> trades = CsvTable.read(dir.resolve("stocks/trades.csv")).rows();
    assertEquals(List.of("3754.13", "3786.93", "3863.57", "3839.24"), List.of(
        trades.get(0).get("entry_price"), trades.get(0).get("exit_price"), trades.get(1).get("entry_price"), trades.get(1).get("exit_price")));
    assertOperation(trades.get(0), "32.80", "-4.91");
    assertOperation(trades.get(1), "-24.33", "-62.84");
    // Each fill's commission as the page prints it: Comm 18.77, 18.93, then 19.32, 19.20.
    assertEquals(18.77 + 18.93, Double.parseDouble(trades.get(0).get("fees")), 0.01);
    assertEquals(19.32 + 19.20, Double.parseDouble(trades.get(1).get("fees")), 0.01);

    // Futures: setcommission(commission=2.0, margin=2000.0, mult=10.0), 2.0 per contract.
    CliRun futures = run("backtest", "--bare", "--strategy", "sma-cross", "--param", "period=30", "--data", data.toString(), "--stake", "1",
        "--commission-per-unit", "2", "--multiplier", "10", "--margin", "2000", "--slippage-bps", "0", "--quiet", "--out",
        dir.resolve("futures").toString());
    assertEquals(0, futures.exit(), futures.err());
    List<Map<String, String>> contracts = CsvTable.read(dir.resolve("futures/trades.csv")).rows();
    assertOperation(contracts.get(0), "328.00", "324.00");
    assertOperation(contracts.get(1), "-243.30", "-247.30");
  }

  /** The buys and sells of orders.csv: their fill prices and the close of the bar each was decided on, as backtrader logs them. */
  private static void assertFills(Path dir) throws Exception {
    Map<Long, Double> closeAt = new HashMap<>();
    BarFiles.forEach(data, null, ReadOptions.DEFAULT, b -> closeAt.put(b.time(), b.close()));
    List<String> buys = new ArrayList<>();
    List<String> sells = new ArrayList<>();
    List<String> buyCreated = new ArrayList<>();
    List<String> sellCreated = new ArrayList<>();
    for (Map<String, String> o : CsvTable.read(dir.resolve("orders.csv")).rows()) {
      assertEquals("FILLED", o.get("status"));
      assertEquals("market", o.get("type"));
      String fill = money(Double.parseDouble(o.get("avg_fill_price")));
      String decided = money(closeAt.get(Instant.parse(o.get("created_at")).toEpochMilli()));
      if (o.get("side").equals("buy")) {
        buys.add(fill);
        buyCreated.add(decided);
      } else {
        sells.add(fill);
        sellCreated.add(decided);
      }
    }
    assertEquals(BUYEXEC, buys);
    assertEquals(SELLEXEC, sells);
    assertEquals(BUYCREATE, buyCreated);
    assertEquals(SELLCREATE, sellCreated);
  }

  /** A round trip's profit before and after fees, as backtrader prints them ("GROSS 32.80, NET -4.91"). */
  private static void assertOperation(Map<String, String> trade, String gross, String net) {
    double pnl = Double.parseDouble(trade.get("pnl"));
    double fees = Double.parseDouble(trade.get("fees"));
    assertEquals(gross, money(pnl + fees), "gross of " + trade);
    assertEquals(net, money(pnl), "net of " + trade);
  }

  private static String money(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
