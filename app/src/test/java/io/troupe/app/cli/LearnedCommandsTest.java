package io.troupe.app.cli;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.learned.RunModels;
import io.troupe.app.report.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code troupe train}, {@code troupe lookahead} and {@code troupe backtest} with a learned specialist, on the bundled ETH/BTC 5m bars. */
class LearnedCommandsTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String ETH = HOME.resolve("data/ETH_BTC-5m.json").toString();

  /** Small enough for a test: a model every 500 bars on the last 1,500, 30 trees. */
  static final String GENOME = """
      {"name": "gbt-test", "kind": "TRENDING",
       "learned": {"features": ["return(1)", "return(6)", "rsi(14)", "atr_pct(14)", "bbands(20,2).lower", "volume_z(24)", "regime.volatility"],
                   "label": "triple-barrier", "calibration": "isotonic"},
       "params": {"position_pct": 5, "stop_pct": 1, "target_pct": 1, "horizon": 24, "train_bars": 1500, "retrain_every": 500,
                  "activation_delay": 5, "embargo": 12, "trees": 30, "entry_probability": 0.55, "allow_short": true}}
      """;

  @TempDir Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  private Path genome() throws Exception {
    Path g = dir.resolve("genomes/gbt-test.json");
    Files.createDirectories(g.getParent());
    Files.writeString(g, GENOME);
    return g;
  }

  @Test
  void trainPrintsTheOutOfSampleScoresBesideTheClassPriorAndWritesTheModels() throws Exception {
    Path g = genome();
    CliRun r = run("train", "--genome", g.toString(), "--data", ETH, "--out", dir.resolve("a").toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    for (String s : List.of("5,760 bars", "class prior", "accuracy", "log loss", "brier score", "calibration error", "reliability", "out of sample:")) {
      assertTrue(r.out().contains(s), s + " in\n" + r.out());
    }
    CsvTable models = CsvTable.read(dir.resolve("a/models/" + RunModels.MODELS_CSV));
    // Cuts at bars 499, 999, ..., 5499: eleven; the first with too few rows to fit and calibrate on is skipped.
    int trained = models.rows().size();
    assertTrue(trained >= 9 && trained <= 11, "models: " + trained);
    for (Map<String, String> row : models.rows()) {
      assertEquals(Long.parseLong(row.get("cut_bar")) + 5, Long.parseLong(row.get("active_from_bar")));
      byte[] bytes = Files.readAllBytes(dir.resolve("a/models").resolve(row.get("file")));
      assertEquals(row.get("sha256"), java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
    }
    CsvTable rel = CsvTable.read(dir.resolve("a/models/" + RunModels.RELIABILITY_CSV));
    assertEquals(10 + 4, rel.rows().size(), "ten bins and four scores");
    long binned = rel.rows().stream().filter(x -> x.get("row").equals("bin")).mapToLong(x -> Long.parseLong(x.get("count"))).sum();
    assertEquals(Long.parseLong(rel.rows().get(10).get("count")), binned, "every judged prediction in one bin");

    // The same command again: the same model bytes.
    CliRun again = run("train", "--genome", g.toString(), "--data", ETH, "--out", dir.resolve("b").toString(), "--quiet");
    assertEquals(0, again.exit(), again.err());
    for (Map<String, String> row : models.rows()) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a/models").resolve(row.get("file"))), Files.readAllBytes(dir.resolve("b/models").resolve(row.get("file"))));
    }
  }

  @Test
  void trainRefusesAGenomeThatIsNotLearned() {
    CliRun r = run("train", "--genome", HOME.resolve("config/specialists/trending.json").toString(), "--data", ETH, "--out", dir.resolve("x").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("genome 'trending-default' is not a learned one"), r.err());
  }

  @Test
  void theLearnedSpecialistPassesTheLookaheadCheck() throws Exception {
    Path csv = dir.resolve("lookahead.csv");
    CliRun r = run("lookahead", "--genome", genome().toString(), "--data", ETH, "--cuts", "8", "--out", csv.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("clean:"), r.out());
    assertEquals(0, CsvTable.read(csv).rows().size());
  }

  @Test
  void aBacktestSavesItsModelsWithTheRunAndARerunTradesTheSame() throws Exception {
    Path g = genome();
    String[] args = {"--set", "troupe.specialists.dir=" + g.getParent(), "--set", "troupe.meta.mode=ensemble", "--set", "troupe.meta.ensemble.min-agreeing=1", "--data", ETH};
    CliRun r = run(concat(new String[] {"backtest", "--out", dir.resolve("r1").toString()}, args));
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("learned") && r.out().contains("gbt-test ETH_BTC"), r.out());
    CsvTable models = CsvTable.read(dir.resolve("r1/models/" + RunModels.MODELS_CSV));
    assertTrue(models.rows().size() >= 9);
    assertTrue(CsvTable.read(dir.resolve("r1/trades.csv")).rows().size() > 0, "it trades");
    // The report carries the out-of-sample scores and the reliability table: summary.json's sections, report.html's tables.
    com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("r1/summary.json").toFile());
    com.fasterxml.jackson.databind.JsonNode scores = summary.get("learned_scores");
    assertEquals(4, scores.size(), scores.toString());
    assertEquals("log_loss", scores.get(1).get("score").asText());
    assertTrue(scores.get(1).get("model").asDouble() > 0 && scores.get(1).get("baseline").asDouble() > 0, scores.toString());
    long binned = 0;
    for (var bin : summary.get("learned_reliability")) binned += bin.get("count").asLong();
    assertEquals(scores.get(0).get("predictions").asLong(), binned, "every out-of-sample prediction falls in one bin");
    long csvBins = CsvTable.read(dir.resolve("r1/models/" + RunModels.RELIABILITY_CSV)).rows().stream().filter(row -> "bin".equals(row.get("row"))).count();
    assertEquals(csvBins, summary.get("learned_reliability").size(), "the same bins as reliability.csv");
    String page = Files.readString(dir.resolve("r1/report.html"));
    assertTrue(page.contains("id=\"extra-learned-reliability\"") && page.contains("id=\"extra-learned-scores\""), "report.html has both tables");
    CliRun again = run(concat(new String[] {"backtest", "--out", dir.resolve("r2").toString(), "--quiet"}, args));
    assertEquals(0, again.exit(), again.err());
    assertEquals(Files.readString(dir.resolve("r1/trades.csv")), Files.readString(dir.resolve("r2/trades.csv")));
    assertEquals(Files.readString(dir.resolve("r1/models/" + RunModels.MODELS_CSV)), Files.readString(dir.resolve("r2/models/" + RunModels.MODELS_CSV)));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
