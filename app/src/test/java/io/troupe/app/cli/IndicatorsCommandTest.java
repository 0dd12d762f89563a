package io.troupe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.report.CsvTable;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndicatorsCommandTest {

  static final Path DATA = Path.of("..", "data").toAbsolutePath().normalize();

  private static int run(StringWriter err, String... args) {
    CliRun r = CliRun.run(args);
    err.write(r.err());
    return r.exit();
  }

  @Test
  void writesOneRowPerBarWithEmptyCellsUntilWarm(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("ind.csv");
    Path file = DATA.resolve("2006-day-001.txt");
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, "indicators", "--data", file.toString(), "--indicators", "sma(30),bbands(20,2),macd(12,26,9)", "--out", out.toString()), err.toString());

    // The header's names hold commas, so they are quoted: a standard CSV parser reads 8 names over 8 cells a row.
    assertEquals("timestamp,sma(30),\"bbands(20,2).upper\",\"bbands(20,2).middle\",\"bbands(20,2).lower\","
        + "\"macd(12,26,9).macd\",\"macd(12,26,9).signal\",\"macd(12,26,9).hist\"", Files.readAllLines(out).get(0));
    CsvTable table = CsvTable.read(out);
    assertEquals(List.of("timestamp", "sma(30)", "bbands(20,2).upper", "bbands(20,2).middle", "bbands(20,2).lower",
        "macd(12,26,9).macd", "macd(12,26,9).signal", "macd(12,26,9).hist"), table.header());
    assertEquals(255, table.rows().size());
    List<Bar> bars = new ArrayList<>();
    BarFiles.forEach(file, null, ReadOptions.DEFAULT, bars::add);
    // Row 29 (0-based bar index 28) is not warm for sma(30); row 30 is, and equals the mean of the first 30 closes.
    assertTrue(table.rows().get(28).get("sma(30)").isEmpty());
    double mean = bars.subList(0, 30).stream().mapToDouble(Bar::close).average().orElseThrow();
    assertEquals("2006-02-10T00:00:00Z", table.rows().get(29).get("timestamp"));
    assertEquals(mean, Double.parseDouble(table.rows().get(29).get("sma(30)")), 1e-9);
    // Each value sits under its own name: bands in order around the middle (= sma(20)), hist = macd - signal.
    var last = table.rows().get(254);
    double mean20 = bars.subList(235, 255).stream().mapToDouble(Bar::close).average().orElseThrow();
    assertEquals(mean20, Double.parseDouble(last.get("bbands(20,2).middle")), 1e-9);
    assertTrue(Double.parseDouble(last.get("bbands(20,2).upper")) > mean20 && Double.parseDouble(last.get("bbands(20,2).lower")) < mean20);
    assertEquals(Double.parseDouble(last.get("macd(12,26,9).macd")) - Double.parseDouble(last.get("macd(12,26,9).signal")),
        Double.parseDouble(last.get("macd(12,26,9).hist")), 1e-9);
  }

  @Test
  void readsFreqtradeJsonAndResamples(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("eth.csv");
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, "indicators", "--data", DATA.resolve("ETH_BTC-5m.json").toString(), "--timeframe", "1h",
        "--indicators", "rsi(14),adx(14)", "--out", out.toString()), err.toString());
    List<String> lines = Files.readAllLines(out);
    assertEquals("timestamp,rsi(14),adx(14).adx,adx(14).plus_di,adx(14).minus_di", lines.get(0)); // nothing to quote
    // One row per hour bucket the 5m bars fall in (the first and last hours are partial).
    List<Bar> bars = new ArrayList<>();
    BarFiles.forEach(DATA.resolve("ETH_BTC-5m.json"), null, ReadOptions.DEFAULT, bars::add);
    long hours = bars.stream().mapToLong(b -> b.time() / 3_600_000L).distinct().count();
    assertEquals(hours + 1, lines.size());
    assertFalse(lines.get(lines.size() - 1).contains(",,"), "warm by the end");
  }

  @Test
  void anUnknownIndicatorExitsTwoListingWhatIsAvailable() {
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "indicators", "--data", DATA.resolve("2006-day-001.txt").toString(), "--indicators", "sma(30),kama(10)"));
    assertTrue(err.toString().contains("kama") && err.toString().contains("bbands(n,k)"), err.toString());
  }

  @Test
  void aBadFileExitsTwoAndLeavesNoHalfWrittenOutput(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "date,open,high,low,close\n2020-01-01,1,2,0.5,1.5\n2020-01-02,1,2,0.5,abc\n");
    Path out = dir.resolve("out.csv");
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "indicators", "--data", bad.toString(), "--indicators", "sma(2)", "--out", out.toString()));
    assertTrue(err.toString().contains("line 3") && err.toString().contains("'close'"), err.toString());
    assertFalse(Files.exists(out));
  }

  @Test
  void skippedRowsAreCountedByReasonOnStandardError(@TempDir Path dir) throws Exception {
    Path dirty = dir.resolve("dirty.csv");
    Files.writeString(dirty, "date,open,high,low,close\n2020-01-01,1,2,0.5,1.5\n2020-01-02,1,2,0.5,abc\n2020-01-03,1,2,0.5,1.5\n"
        + "2020-01-04,1,0.2,0.5,1.5\n2020-01-05,1,2,0.5,1.5\n");
    Path out = dir.resolve("out.csv");
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, "indicators", "--data", dirty.toString(), "--indicators", "sma(2)", "--on-bad-row", "skip", "--out", out.toString()),
        err.toString());
    assertEquals(dirty + ": skipped 2 bad rows (not a number: 1, high below low: 1)", err.toString().strip());
    assertEquals(3, CsvTable.read(out).rows().size());
  }
}
