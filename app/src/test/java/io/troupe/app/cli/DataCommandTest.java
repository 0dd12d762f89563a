package io.troupe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = TroupeCli.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static String realFile(String name) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("data").resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException("bundled data file not found: " + name);
  }

  @Test
  void summarisesRealFiles() {
    int code = run("data", "--data", realFile("ETH_BTC-5m.json"), realFile("ADA_BTC-5m.json"));
    assertEquals(0, code, err.toString());
    String text = out.toString();
    assertTrue(text.contains("ETH_BTC-5m.json\n  symbol     ETH_BTC\n  rows       5760\n"), text);
    assertTrue(text.contains("  first      2018-01-10T04:55:00Z\n  last       2018-01-30T04:50:00Z\n  timeframe  5m\n  gaps       0\n"), text);
    assertTrue(text.contains("  symbol     ADA_BTC\n  rows       5720\n"), text);
    assertTrue(text.contains("  gaps       5 (largest "), text);
  }

  @Test
  void resamplesWhenATimeframeIsGiven() {
    int code = run("data", "--data", realFile("ETH_BTC-5m.json"), "--timeframe", "1h", "--symbol", "ETHBTC");
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("  symbol     ETHBTC\n"), out.toString());
    // 5760 five-minute bars from 04:55 to 04:50 twenty days later touch 481 hours.
    assertTrue(out.toString().contains("  resampled  1h: 481 bars"), out.toString());
  }

  @Test
  void badRowExitsTwoNamingFileLineAndField() throws IOException {
    Path file = write("bad.csv", "date,open,high,low,close\n2006-01-02,10,12,9,11\n2006-01-03,10,10.5,9,11\n");
    int code = run("data", "--data", file.toString());
    assertEquals(2, code);
    assertEquals("error: " + file + ": line 3, field 'high': 10.5 is below max(open, close) 11", err.toString().strip());
  }

  @Test
  void badJsonRowNamesLineRowAndField() throws IOException {
    Path file = write("bad.json", "[[1515560100000, 1, 2, 1, 2, 3], [1515560400000, 1, 2, 1, 2, -3]]");
    assertEquals(2, run("data", "--data", file.toString()));
    assertTrue(err.toString().contains(file + ": line 1, row 2, field 'volume': -3 is negative"), err.toString());
  }

  @Test
  void skipPolicyReportsSkippedRowsByReason() throws IOException {
    Path file = write("dirty.csv", "date;open;high;low;close;volume\n2006-01-02;10;12;9;11;5\n2006-01-02;10;12;9;11;5\n"
        + "2006-01-03;10;12;9;11;-1\n2006-01-04;10;12;9;11;1\n2006-01-05;10;12;9;x;1\n");
    int code = run("data", "--data", file.toString(), "--on-bad-row", "skip");
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("  rows       2\n"), out.toString());
    assertTrue(out.toString().contains("  skipped    3 (not a number: 1, negative volume: 1, duplicate time: 1)"), out.toString());
  }

  @Test
  void emptyFileAndBadHeaderExitTwoAtLineOne() throws IOException {
    Path empty = write("empty.csv", "");
    assertEquals(2, run("data", "--data", empty.toString(), "--on-bad-row", "skip"));
    assertTrue(err.toString().contains(empty + ": line 1: file is empty"), err.toString());

    Path header = write("header.csv", "when,open,high,low,close\n2006-01-02,10,12,9,11\n");
    assertEquals(2, run("data", "--data", header.toString()));
    assertTrue(err.toString().contains(header + ": line 1: header has no a time column"), err.toString());
  }

  @Test
  void aFileThatIsNotDataIsReportedAndTheRestAreStillRead() throws IOException {
    // As `troupe data --data data/*` gives them: SOURCE.md sorts between the bar files.
    Path notes = write("SOURCE.md", "# Bundled market data\n\nWhere each file came from.\n");
    int code = run("data", "--data", realFile("ADA_BTC-5m.json"), notes.toString(), realFile("ETH_BTC-5m.json"));
    assertEquals(2, code, "still a failure");
    assertTrue(out.toString().contains("  symbol     ADA_BTC\n") && out.toString().contains("  symbol     ETH_BTC\n"), out.toString());
    assertTrue(err.toString().contains("error: " + notes + ": not a data file: line 1 is not a bar header (got '# Bundled market data')"),
        err.toString());
    assertTrue(err.toString().contains("data: 1 of 3 files could not be read"), err.toString());
  }

  @Test
  void theBundledDataFolderIsReadWholeAroundItsSourceNotes() throws IOException {
    Path data = Path.of(realFile("ETH_BTC-5m.json")).getParent();
    String[] args;
    try (var files = Files.list(data)) {
      args = java.util.stream.Stream.concat(java.util.stream.Stream.of("data", "--data"), files.sorted().map(Path::toString)).toArray(String[]::new);
    }
    assertEquals(2, run(args));
    long read = out.toString().lines().filter(l -> l.startsWith("  symbol")).count();
    assertEquals(args.length - 3, read, "every file but SOURCE.md");
    assertTrue(err.toString().contains("SOURCE.md: not a data file"), err.toString());
  }

  @Test
  void missingFileExitsTwo() {
    Path file = dir.resolve("nope.csv");
    assertEquals(2, run("data", "--data", file.toString()));
    assertTrue(err.toString().contains(file + ": no such file"), err.toString());
  }

  @Test
  void badOptionValuesExitTwo() {
    assertEquals(2, run("data", "--data", realFile("ETH_BTC-5m.json"), "--timeframe", "5x"));
    assertTrue(err.toString().contains("bad timeframe '5x'"), err.toString());
    assertEquals(2, run("data", "--data", realFile("ETH_BTC-5m.json"), "--on-bad-row", "ignore"));
    assertTrue(err.toString().contains("valid: fail, skip"), err.toString());
  }

  @Test
  void gapsAreSpokenInDaysHoursAndMinutes() {
    assertEquals("2d 3m", DataCommand.spoken(java.time.Duration.ofMinutes(2 * 24 * 60 + 3)));
    assertEquals("5d", DataCommand.spoken(java.time.Duration.ofDays(5)));
    assertEquals("1h 30m", DataCommand.spoken(java.time.Duration.ofMinutes(90)));
    assertEquals("90s", DataCommand.spoken(java.time.Duration.ofSeconds(90)));
  }
}
