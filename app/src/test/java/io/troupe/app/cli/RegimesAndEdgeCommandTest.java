package io.troupe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.report.CsvTable;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegimesAndEdgeCommandTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String BTC = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  private static int run(StringWriter out, StringWriter err, String... args) {
    CliRun r = CliRun.run(args);
    out.write(r.out());
    err.write(r.err());
    return r.exit();
  }

  @Test
  void regimesPrintsTheTimelineAndWritesOneRowPerBar(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("regimes.csv");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, run(out, err, "regimes", "--data", BTC, "--out", csv.toString()), err.toString());
    assertTrue(out.toString().contains("spans") && out.toString().contains("time %"), out.toString());
    CsvTable table = CsvTable.read(csv); // every row has the header's 7 cells
    assertEquals(List.of("timestamp", "regime", "raw_regime", "adx", "atr_ratio", "volatility_index", "gap_pct"), table.header());
    assertEquals(45031, table.rows().size());
    Set<String> regimes = table.column("regime").stream().filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    assertEquals(Set.of("volatile", "trending", "ranging", "crisis"), regimes, "all four regimes occur on the BTC month");
    var warm = table.rows().get(table.rows().size() - 1);
    assertTrue(Double.parseDouble(warm.get("adx")) > 0 && Double.parseDouble(warm.get("volatility_index")) > 0, warm.toString());
    assertTrue(Set.of("volatile", "trending", "ranging", "crisis").contains(warm.get("raw_regime")), warm.toString());
  }

  @Test
  void edgeReadsARunAndGivesAVerdictPerSpecialistAndRegime(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    assertEquals(0, run(new StringWriter(), err, "backtest", "--out", dir.toString(), "--quiet"), err.toString());
    StringWriter out = new StringWriter();
    assertEquals(0, run(out, err, "edge", "--run", dir.toString(), "--min-trades", "10"), err.toString());
    String table = out.toString();
    assertTrue(table.contains("specialist crisis-default") && table.contains("regime CRISIS"), table);
    assertTrue(table.contains("NEGATIVE") || table.contains("POSITIVE"), table);
  }

  @Test
  void edgeOnAFolderWithoutTradesExitsTwo(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    assertEquals(2, run(new StringWriter(), err, "edge", "--run", dir.toString()));
    assertTrue(err.toString().contains("no trades.csv"), err.toString());
  }
}
