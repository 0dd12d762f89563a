package io.troupe.app.cli;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.report.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** troupe optimize with a space file, its methods, resume, best.json, and troupe walk-forward, on a day of the BTC month. */
class SearchCommandTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String BTC = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  private Path space(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static String[] args(Object... parts) {
    List<String> out = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof String[] a) out.addAll(List.of(a));
      else out.add(String.valueOf(p));
    }
    return out.toArray(String[]::new);
  }

  static final String[] ONE_DAY = {"--data", BTC, "--to", "2022-01-02"};

  /** The ranked lines of the printed table (the timing line left out). */
  private static List<String> table(String out) {
    return out.lines().filter(l -> l.matches("\\s*\\d+ .*")).toList();
  }

  @Test
  void aRandomSearchIsTheSameUnderTheSameSeedAndItsBestRunsAsABacktestOfItsBestJson() throws Exception {
    Path s = space("ema.conf", "fast { min = 4, max = 20, step = 2 }\nslow = [26, 40, 60]\ntroupe.exits.stop-pct { min = 0.25, max = 4, scale = log }\n");
    CliRun a = run(args("optimize", ONE_DAY, "--strategy", "ema-cross", "--space", s, "--method", "random", "--samples", 8, "--seed", 5,
        "--min-trades", 1, "--out", dir.resolve("a")));
    assertEquals(0, a.exit(), a.err());
    CliRun b = run(args("optimize", ONE_DAY, "--strategy", "ema-cross", "--space", s, "--method", "random", "--samples", 8, "--seed", 5,
        "--min-trades", 1, "--out", dir.resolve("b"), "--workers", 1));
    assertEquals(0, b.exit(), b.err());
    assertEquals(Files.readString(dir.resolve("a/results.csv")), Files.readString(dir.resolve("b/results.csv")), "2 workers or 1, the same results");
    assertEquals(table(a.out()), table(b.out()));
    assertFalse(table(a.out()).isEmpty(), a.out());
    CliRun c = run(args("optimize", ONE_DAY, "--strategy", "ema-cross", "--space", s, "--method", "random", "--samples", 8, "--seed", 6,
        "--min-trades", 1, "--out", dir.resolve("c")));
    assertFalse(Files.readString(dir.resolve("a/results.csv")).equals(Files.readString(dir.resolve("c/results.csv"))), "another seed, other candidates");

    CsvTable t = CsvTable.read(dir.resolve("a/results.csv"));
    assertEquals(8, t.rows().size());
    assertEquals(List.of("rank", "candidate", "fast", "slow", "troupe.exits.stop-pct", "feasible", "error"), t.header().subList(0, 7));
    assertTrue(t.header().containsAll(List.of("sharpe", "sortino", "calmar", "profit_factor", "expectancy", "total_return", "max_drawdown", "trade_count")));
    JsonNode search = JSON.readTree(Files.readString(dir.resolve("a/search.json")));
    assertTrue(search.get("deflated_sharpe").get("dsr").isNumber(), search.toString());
    assertEquals(8, search.get("deflated_sharpe").get("trials").asInt());
    assertTrue(search.get("pbo").get("pbo").isNumber(), search.toString());
    assertTrue(a.out().contains("deflated Sharpe ratio:") && a.out().contains("probability of backtest overfitting:"), a.out());

    // best.json is a configuration file troupe backtest takes as it is: the same run, through the actors.
    Map<String, String> best = t.rows().get(0);
    CliRun bt = run(args("backtest", ONE_DAY, "--config", dir.resolve("a/best.json"), "--out", dir.resolve("best-run"), "--quiet"));
    assertEquals(0, bt.exit(), bt.err());
    JsonNode summary = JSON.readTree(Files.readString(dir.resolve("best-run/summary.json")));
    assertEquals(Double.parseDouble(best.get("final_value")), summary.get("final_value").asDouble(), 0.0);
    assertEquals(Integer.parseInt(best.get("trade_count")), summary.get("trade_count").asInt());
    assertEquals(Double.parseDouble(best.get("sharpe")), summary.get("sharpe").asDouble(), 0.0);
  }

  @Test
  void aResumedSearchEvaluatesOnlyWhatWasLeftAndEndsAsAnUninterruptedOne() throws Exception {
    String[] search = args("optimize", ONE_DAY, "--strategy", "ema-cross", "--grid", "fast=6,10,14", "--grid", "slow=30,50", "--seed", 3);
    CliRun full = run(args(search, "--out", dir.resolve("full")));
    assertEquals(0, full.exit(), full.err());
    // Stopped after three candidates, in the middle of writing the fourth.
    Path cut = dir.resolve("cut");
    Files.createDirectories(cut);
    List<String> lines = Files.readAllLines(dir.resolve("full/candidates.jsonl"));
    assertEquals(7, lines.size());
    Files.writeString(cut.resolve("candidates.jsonl"), String.join("\n", lines.subList(0, 4)) + "\n" + lines.get(4).substring(0, 40));
    CliRun resumed = run(args(search, "--out", cut, "--resume"));
    assertEquals(0, resumed.exit(), resumed.err());
    assertTrue(resumed.out().contains("6 candidates (3 from disk)"), resumed.out());
    assertEquals(Files.readString(dir.resolve("full/results.csv")), Files.readString(cut.resolve("results.csv")));
    assertEquals(7, Files.readAllLines(cut.resolve("candidates.jsonl")).size());
    // Another search over the same folder is refused, naming what differs.
    CliRun other = run(args("optimize", ONE_DAY, "--strategy", "ema-cross", "--grid", "fast=6,10", "--seed", 3, "--out", cut, "--resume"));
    assertEquals(2, other.exit());
    assertTrue(other.err().contains("holds another search") && other.err().contains("space was"), other.err());
    CliRun nothing = run(args(search, "--out", dir.resolve("empty"), "--resume"));
    assertEquals(2, nothing.exit());
    assertTrue(nothing.err().contains("--resume: no candidates.jsonl"), nothing.err());
  }

  @Test
  void theActorsAndThePlainLoopScoreEveryCandidateAlike() throws Exception {
    String[] search = args("optimize", ONE_DAY, "--strategy", "ema-cross", "--grid", "fast=8,12", "--grid", "slow=30");
    assertEquals(0, run(args(search, "--out", dir.resolve("loop"))).exit());
    CliRun actors = run(args(search, "--out", dir.resolve("actors"), "--through", "actors"));
    assertEquals(0, actors.exit(), actors.err());
    assertEquals(Files.readString(dir.resolve("loop/results.csv")), Files.readString(dir.resolve("actors/results.csv")));
  }

  @Test
  void aGeneticSearchOfGenomeFieldsWritesGenomesThatTheBacktestTakes() throws Exception {
    Path s = space("genomes.json", "{\"genome.trending-default.min_adx\": {\"min\": 20, \"max\": 30, \"step\": 5},\n"
        + " \"genome.crisis-default.position_pct\": [0.5, 1, 2],\n \"genome.trending-default.pullback_entry\": [true, false]}\n");
    String[] search = args("optimize", "--data", BTC, "--to", "2022-01-02", "--space", s, "--method", "genetic", "--population", 4, "--generations", 3,
        "--seed", 9, "--objective", "total_return", "--heatmap", "genome.trending-default.min_adx,genome.crisis-default.position_pct");
    CliRun a = run(args(search, "--out", dir.resolve("g1")));
    assertEquals(0, a.exit(), a.err());
    CliRun b = run(args(search, "--out", dir.resolve("g2")));
    assertEquals(Files.readString(dir.resolve("g1/results.csv")), Files.readString(dir.resolve("g2/results.csv")));
    assertEquals(table(a.out()), table(b.out()));
    JsonNode best = JSON.readTree(Files.readString(dir.resolve("g1/best.json")));
    Path genomes = Path.of(best.get("troupe").get("specialists").get("dir").asText());
    assertEquals(4, Files.list(genomes).count());
    Map<String, String> top = CsvTable.read(dir.resolve("g1/results.csv")).rows().get(0);
    JsonNode trending = JSON.readTree(Files.readString(genomes.resolve("trending-default.json")));
    assertEquals(Double.parseDouble(top.get("genome.trending-default.min_adx")), trending.get("params").get("min_adx").asDouble(), 0.0);
    assertEquals(Boolean.parseBoolean(top.get("genome.trending-default.pullback_entry")), trending.get("params").get("pullback_entry").asBoolean());
    CliRun bt = run(args("backtest", "--data", BTC, "--to", "2022-01-02", "--config", dir.resolve("g1/best.json"), "--out", dir.resolve("g-run"), "--quiet"));
    assertEquals(0, bt.exit(), bt.err());
    JsonNode summary = JSON.readTree(Files.readString(dir.resolve("g-run/summary.json")));
    assertEquals(Double.parseDouble(top.get("final_value")), summary.get("final_value").asDouble(), 0.0);
    String html = Files.readString(dir.resolve("g1/search.html"));
    assertTrue(html.contains("\"heatmap\":[\"genome.trending-default.min_adx\",\"genome.crisis-default.position_pct\"]"));
  }

  @Test
  void aBadSpaceFileIsRefusedNamingTheFileTheLineAndTheKey() throws Exception {
    record Case(String text, String expected) {}
    List<Case> cases = List.of(
        new Case("fast = [8, 12]\nslow { min = 60, max = 20 }\n", ":2: slow: min = 60 must be below max = 20"),
        new Case("fast { min = 4, max = 20, stpe = 2 }\n", ":1: fast: unknown field 'stpe'"),
        new Case("fastest = [8, 12]\n", ":1: fastest = 8: strategy ema-cross has no parameter 'fastest'"),
        new Case("\n\ntroupe.risk.max-positon-pct = [2, 5]\n", ":3: troupe.risk.max-positon-pct = 2:"),
        new Case("fast { min = 0, max = 20, scale = log }\n", ":1: fast: a log scale needs min > 0"),
        new Case("fast = 12\n", ":1: fast: give a list of choices"),
        new Case("genome.trending-default.min_adx = [25]\n", ":1: genome.trending-default.min_adx: a genome field, but the run is one strategy"),
        new Case("fast { min = 4, max = 20 \n", "not valid HOCON or JSON"));
    int i = 0;
    for (Case c : cases) {
      Path s = space("bad" + (i++) + ".conf", c.text());
      Path out = dir.resolve("out" + i);
      CliRun r = run(args("optimize", ONE_DAY, "--strategy", "ema-cross", "--space", s, "--out", out));
      assertEquals(2, r.exit(), c.text() + " -> " + r.err());
      assertTrue(r.err().startsWith("error: ") && r.err().contains(c.expected()), "expected '" + c.expected() + "' in: " + r.err());
      assertTrue(r.err().contains(s.toString()), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertFalse(Files.exists(out), "nothing written");
    }
    // The genome ranges: a range beyond the genome's own is refused.
    Path g = space("genome.conf", "genome.trending-default.min_adx { min = 10, max = 30, step = 5 }\n");
    CliRun r = run(args("optimize", ONE_DAY, "--space", g, "--out", dir.resolve("g")));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains(":1: genome.trending-default.min_adx: [10, 30] goes beyond the genome range [20, 30]"), r.err());
    Path unknown = space("genome2.conf", "genome.trending-fast.min_adx = [22]\n");
    r = run(args("optimize", ONE_DAY, "--space", unknown, "--out", dir.resolve("g2")));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("no genome named 'trending-fast'"), r.err());
  }

  @Test
  void aWalkForwardTestsEachChoiceOnTheWindowAfterItsTraining() throws Exception {
    CliRun r = run(args("walk-forward", "--data", BTC, "--to", "2022-01-06", "--strategy", "ema-cross", "--grid", "fast=8,16", "--grid", "slow=30,60",
        "--train", "2d", "--test", "1d", "--out", dir.resolve("wf")));
    assertEquals(0, r.exit(), r.err());
    CsvTable t = CsvTable.read(dir.resolve("wf/walk-forward.csv"));
    assertEquals(3, t.rows().size(), r.out()); // the data starts 2021-12-31T23:01: three whole test days before the 6th
    for (Map<String, String> w : t.rows()) {
      assertEquals(w.get("train_to"), w.get("test_from"));
      assertEquals(4, Integer.parseInt(w.get("candidates")));
    }
    CsvTable eq = CsvTable.read(dir.resolve("wf/oos-equity.csv"));
    Instant firstTest = Instant.parse(t.rows().get(0).get("test_from"));
    assertFalse(Instant.parse(eq.rows().get(0).get("time")).isBefore(firstTest), "the stitched equity is out of sample only");
    JsonNode summary = JSON.readTree(Files.readString(dir.resolve("wf/walk-forward.json")));
    assertEquals(3, summary.get("windows").size());
    assertTrue(summary.has("walk_forward_efficiency") && summary.get("buy_and_hold_return").isNumber(), summary.toString());
    assertTrue(r.out().contains("walk-forward efficiency:"), r.out());
  }

  /**
   * {@code --genomes-out}: after the windows, one more search on the latest train span, whose best's genomes replace the
   * files of the same genome names in the folder (the shipped genomes are chosen so, README "The shipped genomes");
   * the same command writes the same bytes again.
   */
  @Test
  void aWalkForwardWritesTheGenomesItWouldChooseNextIntoTheFolderByNameTheSameOnARerun() throws Exception {
    Path space = space("genomes.conf", "genome.trending-default.min_adx = [20, 30]\ngenome.crisis-default.stop_pct = [0.5, 2]\n");
    List<Path> folders = new ArrayList<>();
    for (String name : List.of("a", "b")) {
      Path folder = dir.resolve("genomes-" + name);
      Files.createDirectories(folder);
      try (var shipped = Files.list(HOME.resolve("config/specialists"))) {
        for (Path f : shipped.toList()) Files.copy(f, folder.resolve(f.getFileName()));
      }
      Files.writeString(folder.resolve("notes.txt"), "not a genome\n");
      CliRun r = run(args("walk-forward", "--data", BTC, "--to", "2022-01-05", "--space", space, "--train", "2d", "--test", "1d", "--genomes-out", folder,
          "--out", dir.resolve("wf-" + name)));
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().contains("next: train "), r.out());
      folders.add(folder);
    }
    Path a = folders.get(0);
    try (var files = Files.list(a)) {
      assertEquals(List.of("crisis.json", "notes.txt", "ranging.json", "trending.json", "volatile.json"),
          files.map(f -> f.getFileName().toString()).sorted().toList(), "each genome's own file replaced, nothing added");
    }
    JsonNode next = JSON.readTree(Files.readString(dir.resolve("wf-a/walk-forward.json"))).get("next");
    JsonNode windows = JSON.readTree(Files.readString(dir.resolve("wf-a/walk-forward.json"))).get("windows");
    Instant from = Instant.parse(next.get("train_from").asText());
    Instant to = Instant.parse(next.get("train_to").asText());
    assertEquals(java.time.Duration.ofDays(2), java.time.Duration.between(from, to), "a train span long");
    assertFalse(to.isBefore(Instant.parse(windows.get(windows.size() - 1).get("test_to").asText())), "the latest span, after every test window");
    assertEquals(4, next.get("candidates").asInt());
    JsonNode trending = JSON.readTree(Files.readString(a.resolve("trending.json")));
    JsonNode crisis = JSON.readTree(Files.readString(a.resolve("crisis.json")));
    JsonNode shippedTrending = JSON.readTree(Files.readString(HOME.resolve("config/specialists/trending.json")));
    assertEquals(next.get("chosen").get("genome.trending-default.min_adx").asDouble(), trending.get("params").get("min_adx").asDouble());
    assertEquals(next.get("chosen").get("genome.crisis-default.stop_pct").asDouble(), crisis.get("params").get("stop_pct").asDouble());
    assertEquals(shippedTrending.get("params").get("position_pct"), trending.get("params").get("position_pct"), "fields not searched are kept");
    assertEquals("trending-default", trending.get("name").asText());
    assertTrue(trending.get("description").asText().startsWith("Chosen by troupe walk-forward --genomes-out"), trending.toString());
    for (String f : List.of("crisis.json", "ranging.json", "trending.json", "volatile.json")) {
      assertEquals(Files.readString(a.resolve(f)), Files.readString(folders.get(1).resolve(f)), f + ": the same bytes on a rerun");
    }
    assertEquals(0, run(args("list", "specialists", "--genomes", a)).exit(), "the folder reads back as genomes");

    CliRun refused = run(args("walk-forward", ONE_DAY, "--strategy", "ema-cross", "--grid", "fast=8,16", "--train", "12h", "--test", "6h",
        "--genomes-out", dir.resolve("none"), "--out", dir.resolve("wf-none")));
    assertEquals(2, refused.exit(), refused.err());
    assertTrue(refused.err().contains("--genomes-out: the space searches no genome field"), refused.err());
    assertFalse(Files.exists(dir.resolve("none")));
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    refused = run(args("walk-forward", ONE_DAY, "--space", space, "--train", "12h", "--test", "6h", "--genomes-out", file, "--out", dir.resolve("wf-file")));
    assertEquals(2, refused.exit(), refused.err());
    assertTrue(refused.err().contains("--genomes-out: " + file + " is a file, not a folder"), refused.err());
  }
}
