package io.troupe.app.cli;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.report.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizeCommandTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String BTC = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();

  @TempDir Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  @Test
  void everyCombinationRunsAsABacktestWouldAndTheyAreRankedBestFirst() throws Exception {
    CliRun r = run("optimize", "--data", BTC, "--to", "2022-01-03", "--strategy", "ema-cross", "--grid", "fast=8,12", "--grid", "slow=26..36:10",
        "--out", dir.resolve("search").toString());
    assertEquals(0, r.exit(), r.err());
    CsvTable t = CsvTable.read(dir.resolve("search/optimize.csv"));
    assertEquals(List.of("rank", "fast", "slow"), t.header().subList(0, 3));
    assertEquals(4, t.rows().size());
    for (int i = 1; i < 4; i++) {
      assertTrue(Double.parseDouble(t.rows().get(i).get("sharpe")) <= Double.parseDouble(t.rows().get(i - 1).get("sharpe")), t.rows().toString());
    }
    assertTrue(r.out().contains("best 4 of 4 by sharpe") && r.out().contains("next: troupe backtest --strategy ema-cross --param fast="), r.out());
    // The defaults' row holds what troupe backtest reports for them.
    Map<String, String> defaults = t.rows().stream().filter(row -> row.get("fast").equals("12") && row.get("slow").equals("26")).findFirst().orElseThrow();
    CliRun b = run("backtest", "--data", BTC, "--to", "2022-01-03", "--strategy", "ema-cross", "--out", dir.resolve("one").toString(), "--quiet");
    assertEquals(0, b.exit(), b.err());
    var summary = new ObjectMapper().readTree(Files.readString(dir.resolve("one/summary.json")));
    assertEquals(summary.get("sharpe").asDouble(), Double.parseDouble(defaults.get("sharpe")), 0.0);
    assertEquals(summary.get("trade_count").asInt(), Integer.parseInt(defaults.get("trade_count")));
    assertEquals(summary.get("final_value").asDouble(), Double.parseDouble(defaults.get("final_value")), 0.0);
  }

  @Test
  void aBadGridIsRefusedBeforeAnythingRuns() {
    CliRun notANumber = run("optimize", "--strategy", "ema-cross", "--grid", "fast=8,x", "--out", dir.resolve("a").toString());
    assertEquals(2, notANumber.exit());
    assertTrue(notANumber.err().contains("--grid fast=8,x"), notANumber.err());
    CliRun unknown = run("optimize", "--strategy", "ema-cross", "--grid", "fastest=8", "--out", dir.resolve("b").toString());
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("has no parameter 'fastest'"), unknown.err());
    CliRun noStrategy = run("optimize", "--grid", "fast=8", "--out", dir.resolve("c").toString());
    assertEquals(2, noStrategy.exit());
    assertTrue(noStrategy.err().contains("--strategy NAME"), noStrategy.err());
    CliRun metric = run("optimize", "--strategy", "ema-cross", "--grid", "fast=8", "--metric", "luck", "--out", dir.resolve("d").toString());
    assertEquals(2, metric.exit());
    assertTrue(metric.err().contains("--metric: 'luck'"), metric.err());
    assertTrue(!Files.exists(dir.resolve("a")) && !Files.exists(dir.resolve("b")), "nothing written");
  }
}
