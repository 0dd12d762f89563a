package io.troupe.app.cli;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, end to end: a bar at 1e308, a x100 spike and a 1e-300 wick, each written into a copy of the bundled BTC
 * file, passed {@code troupe data} as clean and ran through {@code backtest} and {@code paper} (a take-profit filled at
 * 1e308, the next trade bought 1.8e300 BTC, trades.csv got blank fees). Each is now refused with exit 2 naming file,
 * line and field, or skipped and counted with {@code --on-bad-row skip}. And {@code backtest} with an empty
 * specialists folder, which hung forever, is an error with exit 2 before anything runs.
 */
class AbsurdInputCliTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final Path BTC = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv");
  /** Rows kept from the bundled file (a day and a half of 1m bars), and the line (header is line 1) made bad. */
  static final int ROWS = 2000;
  static final int LINE = 1200;

  @TempDir Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  /** The bundled file's first {@link #ROWS} rows with line {@link #LINE} rewritten (fields: time, o, h, l, c, v). */
  private Path btcWith(String name, UnaryOperator<String[]> edit) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(BTC).subList(0, ROWS + 1));
    lines.set(LINE - 1, String.join(",", edit.apply(lines.get(LINE - 1).split(","))));
    Path out = dir.resolve(name);
    Files.write(out, lines);
    return out;
  }

  private static String x(String v, double k) {
    return Double.toString(Double.parseDouble(v) * k);
  }

  /** The three faults of the issue: the file, and the field and words its error must name. */
  private record Fault(Path file, String field, String words, String reason) {}

  private List<Fault> faults() throws IOException {
    return List.of(
        new Fault(btcWith("btc-1e308_1m.csv", f -> new String[] {f[0], "1e308", "1e308", f[3], f[4], f[5]}),
            "open", "1.0E308 is above the highest accepted price", "price out of bounds"),
        new Fault(btcWith("btc-x100_1m.csv", f -> new String[] {f[0], x(f[1], 100), x(f[2], 100), f[3], f[4], f[5]}),
            "open", "is 100 times the previous close", "price jump"),
        new Fault(btcWith("btc-wick_1m.csv", f -> new String[] {f[0], f[1], f[2], "1e-300", f[4], f[5]}),
            "low", "1.0E-300 is below the lowest accepted price", "price out of bounds"));
  }

  private static void assertNamed(CliRun r, Fault f) {
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("error: " + f.file() + ": line " + LINE + ", field '" + f.field() + "': "), r.err());
    assertTrue(r.err().contains(f.words()), r.err());
    assertTrue(r.err().contains("troupe.data.sanity."), r.err());
  }

  @Test
  void dataRefusesEachFaultNamingFileLineAndField() throws IOException {
    for (Fault f : faults()) assertNamed(run("data", "--data", f.file().toString()), f);
  }

  @Test
  void dataSkipsAndCountsThemByReason() throws IOException {
    for (Fault f : faults()) {
      CliRun r = run("data", "--data", f.file().toString(), "--on-bad-row", "skip");
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().contains("  rows       " + (ROWS - 1) + "\n"), r.out());
      assertTrue(r.out().contains("  skipped    1 (" + f.reason() + ": 1)"), r.out());
    }
  }

  @Test
  void dataTakesTheLimitsFromTheConfiguration() throws IOException {
    Path spike = faults().get(1).file();
    CliRun r = run("data", "--data", spike.toString(), "--set", "troupe.data.sanity.max-jump-factor=200");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("  skipped    0"), r.out());
    CliRun bad = run("data", "--data", spike.toString(), "--set", "troupe.data.sanity.max-jump-factor=1");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("troupe.data.sanity.max-jump-factor must be"), bad.err());
  }

  @Test
  void backtestRefusesEachFaultBeforeWritingAnything() throws IOException {
    for (Fault f : faults()) {
      Path out = dir.resolve("out-" + f.file().getFileName());
      assertNamed(run("backtest", "--data", f.file().toString(), "--out", out.toString(), "--quiet"), f);
      assertFalse(Files.exists(out.resolve("summary.json")), out.toString());
    }
  }

  @Test
  void backtestSkipsThemCountsThemAndTradesOnlyBelievablePrices() throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (Fault f : faults()) {
      Path out = dir.resolve("skip-" + f.file().getFileName());
      CliRun r = run("backtest", "--data", f.file().toString(), "--on-bad-row", "skip", "--out", out.toString(), "--quiet");
      assertEquals(0, r.exit(), r.err());
      JsonNode data = json.readTree(out.resolve("summary.json").toFile()).get("data").get(0);
      assertEquals(ROWS - 1, data.get("rows").asInt(), data.toString());
      assertEquals(1, data.get("skipped").asInt(), data.toString());
      assertEquals(1, data.get("skipped_by_reason").get(f.reason()).asInt(), data.toString());
      for (String line : Files.readAllLines(out.resolve("trades.csv")).subList(1, Files.readAllLines(out.resolve("trades.csv")).size())) {
        String[] t = line.split(",", -1);
        double entry = Double.parseDouble(t[3]);
        double exit = Double.parseDouble(t[5]);
        assertTrue(entry > 40_000 && entry < 50_000 && exit > 40_000 && exit < 50_000, line);
        assertFalse(t[7].isEmpty() || t[8].isEmpty(), "fee and pnl written: " + line);
      }
    }
  }

  @Test
  void paperRefusesAFaultBeforeJournalingAStep() throws IOException {
    Fault f = faults().get(0);
    Path state = dir.resolve("state");
    CliRun r = run("paper", "--data", f.file().toString(), "--state", state.toString(), "--speed", "max", "--out", dir.resolve("paper").toString(),
        "--quiet");
    assertNamed(r, f);
    assertFalse(Files.exists(dir.resolve("paper").resolve("summary.json")));
  }

  @Test
  void backtestWithAnEmptySpecialistsFolderExitsTwoAtOnce() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("no-genomes"));
    Files.writeString(empty.resolve("README.txt"), "not a genome");
    CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> run("backtest", "--set", "troupe.specialists.dir=\"" + empty + "\"", "--out", dir.resolve("out").toString(), "--quiet"));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("troupe.specialists.dir: " + empty + ": no specialist genomes (*.json files) in the folder"), r.err());
    CliRun missing = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> run("backtest", "--set", "troupe.specialists.dir=\"" + dir.resolve("nowhere") + "\"", "--out", dir.resolve("out").toString(), "--quiet"));
    assertEquals(2, missing.exit(), missing.err());
    assertTrue(missing.err().contains("troupe.specialists.dir: " + dir.resolve("nowhere") + ": no such folder"), missing.err());
    assertFalse(Files.exists(dir.resolve("out").resolve("summary.json")));
  }
}
