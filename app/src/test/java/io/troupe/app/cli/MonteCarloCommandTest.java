package io.troupe.app.cli;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.report.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonteCarloCommandTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String BTC = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();

  @TempDir static Path dir;
  static Path runDir;

  @BeforeAll
  static void backtest() {
    System.setProperty("troupe.home", HOME.toString());
    runDir = dir.resolve("run");
    CliRun b = run("backtest", "--data", BTC, "--to", "2022-01-04", "--strategy", "ema-cross", "--out", runDir.toString(), "--quiet");
    assertEquals(0, b.exit(), b.err());
  }

  @Test
  void itWritesTheIntervalsAsJsonCsvAndAPageAndASeedRepeatsThem() throws Exception {
    Path a = dir.resolve("mc-a");
    CliRun r = run("monte-carlo", "--run", runDir.toString(), "--iterations", "300", "--seed", "9", "--loss", "1,5", "--out", a.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("trade shuffle") && r.out().contains("return bootstrap") && r.out().contains("P(lose 5%)"), r.out());
    JsonNode json = new ObjectMapper().readTree(a.resolve("monte-carlo.json").toFile());
    JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
    CsvTable trades = CsvTable.read(runDir.resolve("trades.csv"));
    assertEquals(trades.rows().size(), json.get("trades").asInt());
    for (String method : List.of("trade_shuffle", "return_bootstrap")) {
      JsonNode m = json.get("methods").get(method);
      assertEquals(300, m.get("paths").asInt());
      for (String figure : List.of("final_return", "max_drawdown", "longest_drawdown_seconds")) {
        JsonNode d = m.get(figure);
        assertTrue(d.get("p5").asDouble() <= d.get("p50").asDouble() && d.get("p50").asDouble() <= d.get("p95").asDouble(), method + " " + figure);
        long inHistogram = 0;
        for (JsonNode c : d.get("histogram").get("counts")) inHistogram += c.asLong();
        assertEquals(300, inHistogram);
      }
      assertTrue(m.get("probability_of_losing_pct").has("1") && m.get("probability_of_losing_pct").has("5"), m.toString());
    }
    // The shuffle's final return is the run's trades summed: the same in every order.
    double sum = trades.column("pnl").stream().mapToDouble(Double::parseDouble).sum();
    JsonNode shuffled = json.get("methods").get("trade_shuffle").get("final_return");
    assertEquals(sum / 10_000, shuffled.get("p5").asDouble(), 1e-9);
    assertEquals(sum / 10_000, shuffled.get("p95").asDouble(), 1e-9);
    // The run's own path, as the bootstrap measures it, is the summary's (equity.csv is rounded to cents).
    assertEquals(summary.get("max_drawdown").asDouble(), json.get("observed").get("equity").get("max_drawdown").asDouble(), 1e-5);
    CsvTable csv = CsvTable.read(a.resolve("monte-carlo.csv"));
    assertEquals(600, csv.rows().size());
    assertEquals(List.of("method", "iteration", "final_return", "max_drawdown", "longest_drawdown_seconds", "slippage_bps", "latency"), csv.header());
    String html = Files.readString(a.resolve("monte-carlo.html"));
    assertTrue(html.contains("id=\"fan-return_bootstrap\"") && html.contains("uPlot") && !html.contains("src=\"http"), "one offline page");

    Path b = dir.resolve("mc-b");
    assertEquals(0, run("monte-carlo", "--run", runDir.toString(), "--iterations", "300", "--seed", "9", "--loss", "1,5", "--out", b.toString(), "--quiet").exit());
    assertEquals(Files.readString(a.resolve("monte-carlo.json")), Files.readString(b.resolve("monte-carlo.json")));
    assertEquals(Files.readString(a.resolve("monte-carlo.csv")), Files.readString(b.resolve("monte-carlo.csv")));
    Path c = dir.resolve("mc-c");
    assertEquals(0, run("monte-carlo", "--run", runDir.toString(), "--iterations", "300", "--seed", "10", "--loss", "1,5", "--out", c.toString(), "--quiet").exit());
    assertNotEquals(Files.readString(a.resolve("monte-carlo.csv")), Files.readString(c.resolve("monte-carlo.csv")));
  }

  @Test
  void jitteredRerunsGoThroughTheSimulatedExchangeAndWithoutExtraSlippageAreTheRun() throws Exception {
    Path out = dir.resolve("mc-jitter");
    CliRun r = run("monte-carlo", "--run", runDir.toString(), "--iterations", "50", "--jitter-slippage-bps", "20", "--jitter-latency", "uniform:0ms,90s",
        "--jitter-runs", "1", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    CsvTable csv = CsvTable.read(out.resolve("monte-carlo.csv"));
    List<java.util.Map<String, String>> jittered = csv.rows().stream().filter(row -> row.get("method").equals("fill_jitter")).toList();
    assertEquals(1, jittered.size());
    JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
    for (var row : jittered) {
      double bps = Double.parseDouble(row.get("slippage_bps"));
      assertTrue(bps >= 5 && bps <= 25, row.toString());
      assertEquals("uniform:0ms,90s", row.get("latency"));
      // Other fills than the run's: another result.
      assertNotEquals(summary.get("total_return").asDouble(), Double.parseDouble(row.get("final_return")), 1e-9);
    }
    assertTrue(r.err().contains("rerunning the run as it was"), r.err());

    // No extra slippage and the run's own latency: each rerun is the run again, to the cent.
    Path same = dir.resolve("mc-same");
    CliRun again = run("monte-carlo", "--run", runDir.toString(), "--iterations", "50", "--jitter-slippage-bps", "0", "--jitter-runs", "1",
        "--out", same.toString(), "--quiet");
    assertEquals(0, again.exit(), again.err());
    JsonNode j = new ObjectMapper().readTree(same.resolve("monte-carlo.json").toFile()).get("methods").get("fill_jitter");
    assertEquals(summary.get("total_return").asDouble(), j.get("final_return").get("p50").asDouble(), 1e-12);
    assertEquals(summary.get("max_drawdown").asDouble(), j.get("max_drawdown").get("p50").asDouble(), 1e-12);
  }

  @Test
  void aRunItCannotRebuildFromItsSummaryIsRefusedBeforeAnyJitter() throws Exception {
    // summary.json does not record --timeframe: the rerun without it is another run, and the command says so.
    Path resampled = dir.resolve("run-5m");
    CliRun b = run("backtest", "--data", BTC, "--to", "2022-01-02", "--timeframe", "5m", "--strategy", "ema-cross", "--out", resampled.toString(), "--quiet");
    assertEquals(0, b.exit(), b.err());
    CliRun refused = run("monte-carlo", "--run", resampled.toString(), "--iterations", "20", "--jitter-slippage-bps", "5", "--jitter-runs", "1", "--quiet");
    assertEquals(2, refused.exit(), refused.err());
    assertTrue(refused.err().contains("give the run's --timeframe"), refused.err());
    assertTrue(!Files.exists(resampled.resolve("monte-carlo.json")));
    CliRun given = run("monte-carlo", "--run", resampled.toString(), "--iterations", "20", "--jitter-slippage-bps", "5", "--jitter-runs", "1",
        "--timeframe", "5m", "--quiet");
    assertEquals(0, given.exit(), given.err());
  }

  @Test
  void badOptionsAreRefusedNamingTheOptionOrTheFile() throws Exception {
    Path noTrades = dir.resolve("no-trades");
    Files.createDirectories(noTrades);
    Files.copy(runDir.resolve("summary.json"), noTrades.resolve("summary.json"));
    Files.copy(runDir.resolve("equity.csv"), noTrades.resolve("equity.csv"));
    CliRun missing = run("monte-carlo", "--run", noTrades.toString());
    assertEquals(2, missing.exit(), missing.err());
    assertTrue(missing.err().contains("no trades.csv"), missing.err());

    CliRun iterations = run("monte-carlo", "--run", runDir.toString(), "--iterations", "many");
    assertEquals(2, iterations.exit());
    assertTrue(iterations.err().contains("--iterations") && iterations.err().contains("many"), iterations.err());
    CliRun zero = run("monte-carlo", "--run", runDir.toString(), "--block-size", "0");
    assertEquals(2, zero.exit());
    assertTrue(zero.err().contains("--block-size"), zero.err());
    CliRun loss = run("monte-carlo", "--run", runDir.toString(), "--loss", "10,x");
    assertEquals(2, loss.exit());
    assertTrue(loss.err().contains("--loss") && loss.err().contains("'x'"), loss.err());
    CliRun slip = run("monte-carlo", "--run", runDir.toString(), "--jitter-slippage-bps", "lots");
    assertEquals(2, slip.exit());
    assertTrue(slip.err().contains("--jitter-slippage-bps"), slip.err());
    CliRun latency = run("monte-carlo", "--run", runDir.toString(), "--jitter-latency", "soon");
    assertEquals(2, latency.exit());
    assertTrue(latency.err().contains("--jitter-latency"), latency.err());

    Path badRow = dir.resolve("bad-row");
    Files.createDirectories(badRow);
    for (String f : List.of("summary.json", "equity.csv")) Files.copy(runDir.resolve(f), badRow.resolve(f));
    List<String> lines = Files.readAllLines(runDir.resolve("trades.csv"));
    String second = lines.get(1);
    String[] cells = second.split(",", -1);
    cells[8] = "12x";
    lines.set(1, String.join(",", cells));
    Files.write(badRow.resolve("trades.csv"), lines);
    CliRun bad = run("monte-carlo", "--run", badRow.toString());
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("trades.csv line 2: pnl '12x' is not a number"), bad.err());
    // Nothing was written into a folder refused.
    assertTrue(!Files.exists(badRow.resolve("monte-carlo.json")));
  }
}
