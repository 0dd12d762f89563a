package io.troupe.app.backtest;

import static io.troupe.app.cli.CliRun.run;

import io.troupe.app.cli.CliRun;
import io.troupe.app.report.CsvTable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code troupe backtest} as a user runs it: files written, reruns identical, bad input exits 2 naming what is wrong. */
class BacktestCommandTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String BTC = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }


  @Test
  void theDefaultRunWritesTheFiveFilesAndPrintsTheSummary(@TempDir Path dir) throws Exception {
    CliRun r = run("backtest", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Sharpe"), r.out());
    for (String f : List.of("summary.json", "trades.csv", "orders.csv", "equity.csv", "report.html")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertEquals(45031, summary.get("steps").asInt());
    assertEquals(45031, summary.get("data").get(0).get("rows").asInt());
    assertEquals(0, summary.get("orders_without_owner").asInt());
    assertTrue(summary.get("exits_by_reason").size() > 0, summary.toString());
    assertEquals("specialists", summary.get("config").get("strategy").asText());
    assertTrue(summary.get("regimes").get("BTC-PERP").has("crisis"), summary.get("regimes").toString());
    // Each file read back by a standard CSV parser: every row has a cell under each name.
    CsvTable regimes = CsvTable.read(dir.resolve("regimes.csv"));
    assertEquals(List.of("symbol", "start", "end", "regime", "bars"), regimes.header());
    assertEquals(summary.get("regimes").get("BTC-PERP").get("crisis").get("spans").asInt(),
        regimes.column("regime").stream().filter("CRISIS"::equals).count());
    CsvTable equity = CsvTable.read(dir.resolve("equity.csv"));
    assertEquals(List.of("time", "equity", "cash", "drawdown"), equity.header());
    assertEquals(45031, equity.rows().size()); // one row per bar
    // equity.csv writes money to cents; summary.json keeps the full value.
    assertEquals(summary.get("final_value").asDouble(), Double.parseDouble(equity.column("equity").get(45030)), 0.005);
    CsvTable trades = CsvTable.read(dir.resolve("trades.csv"));
    assertEquals(List.of("symbol", "side", "entry_time", "entry_price", "exit_time", "exit_price", "quantity", "fees", "pnl",
        "exit_reason", "specialist"), trades.header());
    assertEquals(summary.get("trade_count").asInt(), trades.rows().size());
    assertTrue(trades.column("symbol").stream().allMatch("BTC-PERP"::equals));
    assertTrue(trades.column("side").stream().allMatch(s -> s.equals("long") || s.equals("short")), trades.column("side").toString());
    CsvTable orders = CsvTable.read(dir.resolve("orders.csv"));
    assertEquals(13, orders.header().size());
    assertTrue(orders.column("created_at").stream().allMatch(t -> t.endsWith("Z")));
    assertTrue(orders.column("type").stream().allMatch(t -> List.of("market", "limit", "stop", "stop_limit").contains(t)),
        orders.column("type").stream().distinct().toList().toString());
  }

  @Test
  void rerunsAreByteIdenticalWhateverTheThreadCount(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    String[] common = {"backtest", "--data", BTC, "--strategy", "sma-cross", "--param", "period=20", "--to", "2022-01-10", "--quiet"};
    assertEquals(0, run(concat(common, "--out", a.toString())).exit());
    assertEquals(0, run(concat(common, "--out", b.toString(), "--set", "troupe.backtest.threads=2")).exit());
    for (String f : List.of("trades.csv", "orders.csv", "equity.csv")) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode sa = (ObjectNode) json.readTree(a.resolve("summary.json").toFile());
    ObjectNode sb = (ObjectNode) json.readTree(b.resolve("summary.json").toFile());
    sa.remove("run");
    sb.remove("run");
    assertEquals(sa, sb);
    assertTrue(sa.get("trade_count").asInt() > 10, "the slice should trade");
  }

  @Test
  void severalFilesRunSideBySide(@TempDir Path dir) throws Exception {
    CliRun r = run("backtest", "--data", HOME.resolve("data/ETH_BTC-5m.json").toString(), HOME.resolve("data/LTC_BTC-5m.json").toString(),
        "--strategy", "breakout", "--out", dir.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    List<String> trades = Files.readAllLines(dir.resolve("trades.csv"));
    assertTrue(trades.stream().anyMatch(l -> l.startsWith("ETH_BTC,")));
    assertTrue(trades.stream().anyMatch(l -> l.startsWith("LTC_BTC,")));
  }

  @Test
  void closeFillModeIsMarkedOptimistic(@TempDir Path dir) throws Exception {
    CliRun r = run("backtest", "--data", BTC, "--to", "2022-01-03", "--fill", "close", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("optimistic"));
    assertTrue(Files.readString(dir.resolve("report.html")).contains("optimistic"));
  }

  @Test
  void anUnknownStrategyExitsTwoListingTheAvailableOnes(@TempDir Path dir) {
    CliRun r = run("backtest", "--strategy", "moon", "--out", dir.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("unknown strategy 'moon'") && r.err().contains("sma-cross(period=30)"), r.err());
  }

  @Test
  void aBadParameterExitsTwoNamingIt(@TempDir Path dir) {
    CliRun r = run("backtest", "--strategy", "ema-cross", "--param", "fast=30", "--param", "slow=10", "--out", dir.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("fast (30) must be below slow (10)"), r.err());
  }

  @Test
  void aBadRowExitsTwoNamingFileLineAndFieldAndWritesNothing(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "timestamp,open,high,low,close,volume\n"
        + "2022-01-01T00:00:00Z,100,101,99,100,5\n"
        + "2022-01-01T00:01:00Z,100,99.5,99,100,5\n");
    Path out = dir.resolve("out");
    CliRun r = run("backtest", "--data", bad.toString(), "--out", out.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("bad.csv") && r.err().contains("line 3") && r.err().contains("'high'"), r.err());
    assertTrue(!Files.exists(out.resolve("summary.json")));
  }

  @Test
  void aBadConfigValueExitsTwo(@TempDir Path dir) {
    CliRun r = run("backtest", "--set", "troupe.account.cash=-5", "--out", dir.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("troupe.account.cash"), r.err());
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
