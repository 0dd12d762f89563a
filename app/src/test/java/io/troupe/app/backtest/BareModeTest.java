package io.troupe.app.backtest;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.app.cli.CliRun;
import io.troupe.app.report.CsvTable;
import io.troupe.desk.RegimeSizing;
import io.troupe.node.NodeSettings;
import io.troupe.portfolio.AllocationSettings;
import io.troupe.risk.BreakerSettings;
import io.troupe.risk.RiskLimits;
import io.troupe.sizing.SizingRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bare mode is one settings transform: what it turns off, what it keeps, and the twin a normal run is compared with. */
class BareModeTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String DAILY = HOME.resolve("data/2006-day-001.txt").toString();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  @Test
  void withoutOverlaysTurnsEveryOverlayOffAndKeepsTheMarketAndTheStrategy() {
    Config config = ConfigFactory.parseString("troupe.sizing.mode = risk, troupe.risk.allocation.weights-pct { trending = 50 }")
        .withFallback(ConfigFactory.load()).resolve();
    BacktestSettings normal = BacktestSettings.fromConfig(config, HOME, null, null);
    BacktestSettings bare = normal.withoutOverlays();

    assertFalse(normal.bare());
    assertTrue(bare.bare());
    // Off: exit rules, every risk limit but cash, margin and the hard cap, the breakers, maker entries, sizing overlays.
    assertTrue(normal.exits() != null && normal.makerEntries());
    assertNull(bare.exits());
    assertFalse(bare.makerEntries());
    RiskLimits limits = bare.limits();
    assertEquals(Double.POSITIVE_INFINITY, limits.maxPositionPct());
    double[] rules = {limits.cashBufferPct(), limits.riskPerTradePct(), limits.portfolioRiskPct(), limits.concentrationPct(),
        limits.maxOpenPositions(), limits.maxCorrelation(), limits.tradesPerMinute(), limits.tradesPerHour(), limits.tradesPerDay(),
        limits.ordersPerSecond(), limits.maxLeverage(), limits.minLiquidationDistancePct(), limits.priceBandPct()};
    assertArrayEquals(new double[rules.length], rules, "every rule but the position cap is 0 (off)");
    assertEquals(normal.limits().hardCapEquityMultiple(), limits.hardCapEquityMultiple());
    assertEquals(BreakerSettings.off(), bare.breakers());
    assertEquals(RegimeSizing.none(), bare.regimeSizing());
    assertEquals(SizingRule.Mode.FIXED, bare.sizingRule().mode());
    assertEquals(AllocationSettings.none(), bare.allocation());
    // Kept: the data, the strategy and its choice of specialists, the stake or share of equity, the costs and the fills.
    assertEquals(normal.data(), bare.data());
    assertEquals(normal.strategy(), bare.strategy());
    assertEquals(normal.genomes(), bare.genomes());
    assertEquals(normal.metaMode(), bare.metaMode());
    assertEquals(normal.sizing(), bare.sizing());
    assertEquals(normal.exchange(), bare.exchange());
    assertEquals(normal.instrument("X"), bare.instrument("X"));
    // The node the actors are built from carries the same: no exit policy, market entries.
    NodeSettings node = bare.node(List.of("BTC-PERP"));
    assertNull(node.exits());
    assertFalse(node.makerEntries());
    assertEquals(limits, node.limits());
    // What the summary says: bare only when on, and no infinite cap printed as a number.
    assertEquals(true, bare.describe().get("bare"));
    assertNull(bare.describe().get("max_position_pct"));
    assertFalse(normal.describe().containsKey("bare"));
  }

  @Test
  void theKeyGivesTheSameSettingsAsTheTransform() {
    Config config = ConfigFactory.load();
    Config bareConfig = ConfigFactory.parseString("troupe.backtest.bare = true").withFallback(config).resolve();
    assertEquals(BacktestSettings.fromConfig(config, HOME, null, null).withoutOverlays(), BacktestSettings.fromConfig(bareConfig, HOME, null, null));
  }

  @Test
  void compareBareAddsTheBareTwinAndLeavesTheRunsOwnFilesAsTheyWere(@TempDir Path dir) throws Exception {
    // Daily bars: the age limit at least one bar (the global hour is refused there).
    String[] common = {"backtest", "--strategy", "sma-cross", "--param", "period=15", "--data", DAILY, "--set", "troupe.exits.max-age=5d"};
    CliRun plain = run(concat(common, "--quiet", "--out", dir.resolve("plain").toString()));
    CliRun compared = run(concat(common, "--compare-bare", "--out", dir.resolve("compared").toString()));
    CliRun bare = run(concat(common, "--bare", "--quiet", "--out", dir.resolve("bare").toString()));
    assertEquals(0, plain.exit(), plain.err());
    assertEquals(0, compared.exit(), compared.err());
    assertEquals(0, bare.exit(), bare.err());
    for (String f : List.of("trades.csv", "orders.csv", "equity.csv")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("plain").resolve(f)), Files.readAllBytes(dir.resolve("compared").resolve(f)), f);
    }
    JsonNode summary = JSON.readTree(dir.resolve("compared/summary.json").toFile());
    JsonNode bareSummary = JSON.readTree(dir.resolve("bare/summary.json").toFile());
    JsonNode twin = summary.get("bare_comparison");
    for (String k : BacktestOutput.BARE_FIGURES) assertEquals(bareSummary.get(k), twin.get(k), k);
    // The overlays make a difference here (the exit rules close positions the strategy holds): the comparison shows it.
    assertTrue(summary.get("final_value").asDouble() != twin.get("final_value").asDouble(), summary + "\n" + twin);
    assertTrue(summary.get("config").get("bare") == null);
    // The report draws the bare equity as a second line, with its legend; the run without --compare-bare has none.
    String html = Files.readString(dir.resolve("compared/report.html"));
    assertTrue(html.contains("\"label\":\"Bare (no overlays)\""), "a second equity line");
    assertTrue(html.contains("Bare: the same strategy"), "its legend");
    assertFalse(Files.readString(dir.resolve("plain/report.html")).contains("\"label\":\"Bare (no overlays)\""));
    // The terminal sets the twin's figures beside the run's.
    assertTrue(compared.out().lines().anyMatch(l -> l.startsWith("bare twin") && l.contains("this run")), compared.out());
    // Bare, every position closes on the strategy's own signal; with the overlays, exit rules close some.
    assertTrue(CsvTable.read(dir.resolve("bare/trades.csv")).rows().stream().allMatch(t -> t.get("exit_reason").equals("signal_exit")));
    assertFalse(CsvTable.read(dir.resolve("plain/trades.csv")).rows().stream().allMatch(t -> t.get("exit_reason").equals("signal_exit")));
  }

  @Test
  void compareBareOnARunThatIsBareAlreadyIsRefused(@TempDir Path dir) {
    CliRun r = run("backtest", "--bare", "--compare-bare", "--strategy", "sma-cross", "--data", DAILY, "--out", dir.resolve("out").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("--compare-bare: this run is bare already (--bare)"), r.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void theKeyTakesOnlyABoolean(@TempDir Path dir) {
    CliRun r = run("backtest", "--set", "troupe.backtest.bare=maybe", "--out", dir.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("troupe.backtest.bare"), r.err());
  }

  @Test
  void paperTakesBareThroughTheSameSettingsAndTradesAsTheBareBacktest(@TempDir Path dir) throws Exception {
    String[] common = {"--bare", "--strategy", "sma-cross", "--param", "period=15", "--data", DAILY, "--stake", "1", "--commission", "0",
        "--slippage-bps", "0", "--quiet"};
    CliRun backtest = run(concat(concat(new String[] {"backtest"}, common), "--out", dir.resolve("backtest").toString()));
    CliRun paper = run(concat(concat(new String[] {"paper"}, common), "--speed", "max", "--state", dir.resolve("state").toString(), "--out",
        dir.resolve("paper").toString()));
    assertEquals(0, backtest.exit(), backtest.err());
    assertEquals(0, paper.exit(), paper.err());
    for (String f : List.of("trades.csv", "orders.csv", "equity.csv")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("backtest").resolve(f)), Files.readAllBytes(dir.resolve("paper").resolve(f)), f);
    }
    JsonNode summary = JSON.readTree(dir.resolve("paper/summary.json").toFile());
    assertTrue(summary.get("config").get("bare").asBoolean());
    assertEquals("10284.10", String.format(java.util.Locale.ROOT, "%.2f", summary.get("final_value").asDouble()));
  }

  @Test
  void paperTakesBareButNotTheComparisonAndTouchesNoDiskWhenRefused(@TempDir Path dir) {
    CliRun r = run("paper", "--compare-bare", "--data", DAILY, "--speed", "max", "--state", dir.resolve("state").toString(), "--out",
        dir.resolve("out").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--compare-bare: paper runs one session"), r.err());
    assertFalse(Files.exists(dir.resolve("state")));
    assertFalse(Files.exists(dir.resolve("out")));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
