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
    CsvTable table = CsvTable.read(csv); // every row has the header's 9 cells
    assertEquals(List.of("timestamp", "regime", "raw_regime", "adx", "atr_ratio", "volatility_index", "gap_pct", "crisis_threshold", "volatile_threshold"),
        table.header());
    assertEquals(45031, table.rows().size());
    Set<String> regimes = table.column("regime").stream().filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    assertEquals(Set.of("volatile", "trending", "ranging", "crisis"), regimes, "all four regimes occur on the BTC month");
    // Calibrated to the symbol's own volatility, no regime holds most of the month (the absolute thresholds read 76% crisis).
    java.util.Map<String, Long> counts = table.column("regime").stream().filter(s -> !s.isEmpty())
        .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    long labelled = counts.values().stream().mapToLong(Long::longValue).sum();
    counts.forEach((r, n) -> assertTrue(n < 0.55 * labelled && n > 0.05 * labelled, r + ": " + counts));
    assertTrue(out.toString().contains("calibration: percentile: crisis above the symbol's own 90th, volatile above its 50th percentile"), out.toString());
    assertTrue(out.toString().contains("  crisis above   ") && out.toString().contains("  volatile above "), out.toString());
    var warm = table.rows().get(table.rows().size() - 1);
    assertTrue(Double.parseDouble(warm.get("adx")) > 0 && Double.parseDouble(warm.get("volatility_index")) > 0, warm.toString());
    assertTrue(Set.of("volatile", "trending", "ranging", "crisis").contains(warm.get("raw_regime")), warm.toString());
    assertTrue(Double.parseDouble(warm.get("crisis_threshold")) > Double.parseDouble(warm.get("volatile_threshold")), warm.toString());
  }

  @Test
  void everyDefaultSpecialistTradesOnTheBundledMonth(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    assertEquals(0, run(new StringWriter(), err, "backtest", "--out", dir.toString(), "--quiet"), err.toString());
    Set<String> trading = CsvTable.read(dir.resolve("trades.csv")).column("specialist").stream().collect(Collectors.toSet());
    assertEquals(Set.of("crisis-default", "ranging-default", "trending-default", "volatile-default"), trading);
    // Each genome's own holding limit (2 h to 5 days) wins over the global hour: no position leaves on age before its
    // genome's limit (one crisis trade of the month reaches its 2 h).
    java.util.Map<String, Long> limits = new java.util.HashMap<>();
    for (io.troupe.specialist.Genome g : io.troupe.specialist.GenomeLoader.loadAll(HOME.resolve("config/specialists"))) {
      limits.put(g.name(), io.troupe.specialist.SpecialistFactory.fromGenome(g).get().holdingLimitMillis());
    }
    for (java.util.Map<String, String> t : CsvTable.read(dir.resolve("trades.csv")).rows()) {
      if (!t.get("exit_reason").equals("max_age")) continue;
      long held = java.time.Duration.between(java.time.Instant.parse(t.get("entry_time")), java.time.Instant.parse(t.get("exit_time"))).toMillis();
      long limit = limits.get(t.get("specialist"));
      assertTrue(limit > 3_600_000L && held >= limit, t + ": held " + held + " ms, its genome's limit " + limit + " ms");
    }
  }

  @Test
  void absoluteThresholdsAreStillThereForIndexLikeData() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, run(out, err, "regimes", "--data", BTC, "--set", "troupe.regime.calibration.mode=absolute"), err.toString());
    assertTrue(out.toString().contains("calibration: absolute (troupe.regime.calibration.mode): crisis above 35.0%, volatile above 25.0%"), out.toString());
    assertEquals(2, run(new StringWriter(), err, "regimes", "--data", BTC, "--set", "troupe.regime.calibration.mode=vix"));
    assertTrue(err.toString().contains("troupe.regime.calibration.mode"), err.toString());
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
