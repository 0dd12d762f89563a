package io.troupe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    List<String> lines = Files.readAllLines(out);
    assertEquals("timestamp,sma(30),bbands(20,2).upper,bbands(20,2).middle,bbands(20,2).lower,macd(12,26,9).macd,macd(12,26,9).signal,macd(12,26,9).hist",
        lines.get(0));
    assertEquals(255 + 1, lines.size());
    List<Bar> bars = new ArrayList<>();
    BarFiles.forEach(file, null, ReadOptions.DEFAULT, bars::add);
    // Row 29 (0-based bar index 28) is not warm for sma(30); row 30 is, and equals the mean of the first 30 closes.
    assertTrue(lines.get(29).split(",", -1)[1].isEmpty());
    double mean = bars.subList(0, 30).stream().mapToDouble(Bar::close).average().orElseThrow();
    String[] row30 = lines.get(30).split(",", -1);
    assertEquals("2006-02-10T00:00:00Z", row30[0]);
    assertEquals(mean, Double.parseDouble(row30[1]), 1e-9);
  }

  @Test
  void readsFreqtradeJsonAndResamples(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("eth.csv");
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, "indicators", "--data", DATA.resolve("ETH_BTC-5m.json").toString(), "--timeframe", "1h",
        "--indicators", "rsi(14),adx(14)", "--out", out.toString()), err.toString());
    List<String> lines = Files.readAllLines(out);
    assertEquals("timestamp,rsi(14),adx(14).adx,adx(14).plus_di,adx(14).minus_di", lines.get(0));
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
}
