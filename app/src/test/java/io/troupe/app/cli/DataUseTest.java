package io.troupe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How every command that reads bar files treats data it cannot use: skipped rows are counted by reason on standard
 * error, and data that does not fit the options (a finer --timeframe, a --from past its end) is refused with exit 2.
 */
class DataUseTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String ETH_5M = HOME.resolve("data/ETH_BTC-5m.json").toString();
  static final String BTC_1M = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();

  @TempDir Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  /** 200 one-minute bars with two bad rows among them: a close that is not a number and a high below the low. */
  private Path dirty() throws Exception {
    StringBuilder csv = new StringBuilder("timestamp,open,high,low,close,volume\n");
    long t0 = java.time.Instant.parse("2022-01-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < 200; i++) {
      double p = 100 + Math.sin(i / 7.0) * 3;
      String time = java.time.Instant.ofEpochMilli(t0 + i * 60_000L).toString();
      if (i == 50) csv.append(time).append(",100,101,99,abc,5\n");
      else if (i == 120) csv.append(time).append(",100,98,99,100,5\n");
      else csv.append(time).append(',').append(p).append(',').append(p + 1).append(',').append(p - 1).append(',').append(p).append(",5\n");
    }
    return Files.writeString(dir.resolve("dirty.csv"), csv);
  }

  private static void assertReportsSkips(CliRun r, Path file) {
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains(file + ": skipped 2 bad rows (not a number: 1, high below low: 1)"), r.err());
  }

  @Test
  void everyCommandThatReadsDataCountsSkippedRowsOnStandardError() throws Exception {
    Path file = dirty();
    String f = file.toString();
    CliRun data = CliRun.run("data", "--data", f, "--on-bad-row", "skip");
    assertReportsSkips(data, file);
    assertTrue(data.out().contains("  rows       198\n"), data.out());
    assertReportsSkips(CliRun.run("indicators", "--data", f, "--indicators", "sma(5)", "--on-bad-row", "skip",
        "--out", dir.resolve("ind.csv").toString()), file);
    assertReportsSkips(CliRun.run("regimes", "--data", f, "--on-bad-row", "skip"), file);
    // Even under --quiet: dropped data is never silent.
    assertReportsSkips(CliRun.run("backtest", "--data", f, "--on-bad-row", "skip", "--strategy", "sma-cross", "--quiet",
        "--out", dir.resolve("bt").toString()), file);
    assertReportsSkips(CliRun.run("paper", "--data", f, "--on-bad-row", "skip", "--strategy", "sma-cross", "--speed", "max", "--quiet",
        "--state", dir.resolve("state").toString(), "--out", dir.resolve("paper").toString()), file);
  }

  @Test
  void aTimeframeFinerThanTheDataIsRefusedNamingTheDatasTimeframe() {
    Path out = dir.resolve("out");
    CliRun r = CliRun.run("backtest", "--data", ETH_5M, "--timeframe", "1m", "--strategy", "sma-cross", "--out", out.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--timeframe 1m is finer than the data: " + ETH_5M + " has 5m bars"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(Files.exists(out));

    CliRun paper = CliRun.run("paper", "--data", ETH_5M, "--timeframe", "1m", "--strategy", "sma-cross", "--speed", "max",
        "--state", dir.resolve("state").toString(), "--out", out.toString());
    assertEquals(2, paper.exit(), paper.err());
    assertTrue(paper.err().contains("--timeframe 1m is finer than the data"), paper.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void aMaxAgeShorterThanOneBarIsRefusedNamingTheKeyAndTheBars() {
    // The global hour on daily bars would close every position at its first close; a specialist's own limit is not it.
    String daily = HOME.resolve("data/2006-day-001.txt").toString();
    Path out = dir.resolve("daily");
    CliRun r = CliRun.run("backtest", "--data", daily, "--strategy", "sma-cross", "--out", out.toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("troupe.exits.max-age = 1h is shorter than one bar (" + daily + " has 1d bars)"), r.err());
    assertTrue(r.err().contains("--set troupe.exits.max-age=1d"), r.err());
    assertFalse(Files.exists(out));
    CliRun paper = CliRun.run("paper", "--data", daily, "--strategy", "sma-cross", "--speed", "max", "--state", dir.resolve("state").toString(),
        "--out", out.toString());
    assertEquals(2, paper.exit(), paper.err());
    assertTrue(paper.err().contains("troupe.exits.max-age = 1h is shorter than one bar"), paper.err());
    assertFalse(Files.exists(out));
    // At least one bar, or off, or bare (no exit rules at all): it runs.
    for (String[] extra : List.of(new String[] {"--set", "troupe.exits.max-age=1d"}, new String[] {"--set", "troupe.exits.max-age=0s"},
        new String[] {"--bare"})) {
      Path o = dir.resolve("daily-" + extra[extra.length - 1].replaceAll("\\W", ""));
      List<String> args = new java.util.ArrayList<>(List.of("backtest", "--data", daily, "--strategy", "sma-cross", "--quiet", "--out", o.toString()));
      args.addAll(List.of(extra));
      CliRun ok = CliRun.run(args.toArray(String[]::new));
      assertEquals(0, ok.exit(), String.join(" ", extra) + ": " + ok.err());
    }
  }

  @Test
  void aTimeframeAsCoarseAsTheDataOrCoarserRuns() {
    for (String tf : List.of("5m", "1h")) {
      CliRun r = CliRun.run("backtest", "--data", ETH_5M, "--timeframe", tf, "--strategy", "sma-cross", "--quiet",
          "--out", dir.resolve(tf).toString());
      assertEquals(0, r.exit(), r.err());
      assertTrue(Files.exists(dir.resolve(tf).resolve("summary.json")));
    }
  }

  @Test
  void aWindowWithoutBarsIsRefusedNamingTheDatasSpan() {
    Path out = dir.resolve("out");
    CliRun late = CliRun.run("backtest", "--data", BTC_1M, "--from", "2023-01-01", "--out", out.toString());
    assertEquals(2, late.exit(), late.err());
    assertEquals("error: no bars to run: --from 2023-01-01T00:00:00Z is past the end of the data (the data runs from"
        + " 2021-12-31T23:01:00Z to 2022-02-01T05:31:00Z)", late.err().strip());
    assertFalse(Files.exists(out.resolve("summary.json")));

    CliRun early = CliRun.run("backtest", "--data", BTC_1M, "--to", "2021-06-01", "--out", out.toString());
    assertEquals(2, early.exit(), early.err());
    assertTrue(early.err().contains("--to 2021-06-01T00:00:00Z is not after the start of the data"), early.err());

    CliRun paper = CliRun.run("paper", "--data", BTC_1M, "--from", "2023-01-01", "--speed", "max", "--state", dir.resolve("state").toString(),
        "--out", out.toString());
    assertEquals(2, paper.exit(), paper.err());
    assertTrue(paper.err().contains("no bars to run: --from 2023-01-01T00:00:00Z is past the end of the data"), paper.err());
    assertFalse(Files.exists(out.resolve("summary.json")));
  }
}
