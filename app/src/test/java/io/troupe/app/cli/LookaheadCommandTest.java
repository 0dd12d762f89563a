package io.troupe.app.cli;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.report.CsvTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookaheadCommandTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String ETH = HOME.resolve("data/ETH_BTC-5m.json").toString();

  @TempDir Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  @Test
  void aCleanStrategyExitsZeroWithAnEmptyFindingsFile() throws Exception {
    Path csv = dir.resolve("clean.csv");
    CliRun r = run("lookahead", "--genome", HOME.resolve("config/specialists/trending.json").toString(), "--data", ETH, "--out", csv.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("clean:"), r.out());
    CsvTable t = CsvTable.read(csv);
    assertEquals(LookaheadCommand.HEADER, t.header());
    assertEquals(0, t.rows().size());
  }

  @Test
  void anIndicatorThatDependsOnTheStartIsAFindingExitThree() throws Exception {
    Path csv = dir.resolve("obv.csv");
    CliRun r = run("lookahead", "--strategy", "sma-cross", "--param", "period=20", "--indicators", "obv", "--data", ETH, "--cuts", "6", "--out", csv.toString());
    assertEquals(3, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("recursive") && r.out().contains("obv") && r.out().contains("1 finding"), r.out());
    CsvTable t = CsvTable.read(csv);
    assertEquals(1, t.rows().size());
    assertEquals("recursive", t.rows().get(0).get("check"));
    assertEquals("obv", t.rows().get(0).get("value"));
  }

  @Test
  void badOptionsAreRefused() {
    for (List<String> args : List.of(
        List.of("--strategy", "sma-cross", "--genome", "config/specialists/trending.json"),
        List.of("--strategy", "sma-cross", "--cuts", "0"),
        List.of("--strategy", "nope"),
        List.of("--strategy", "sma-cross", "--param", "period=x"),
        List.of("--strategy", "sma-cross", "--tolerance", "much"),
        List.of("--strategy", "sma-cross", "--indicators", "foo(3)"))) {
      List<String> all = new java.util.ArrayList<>(List.of("lookahead", "--data", ETH, "--out", dir.resolve("x.csv").toString()));
      all.addAll(args);
      CliRun r = run(all.toArray(String[]::new));
      assertEquals(2, r.exit(), args + ": " + r.err());
      assertTrue(r.err().startsWith("error:") && r.err().lines().count() <= 3, args + ": " + r.err());
    }
    assertTrue(run("lookahead", "--data", ETH, "--strategy", "sma-cross", "--cuts", "0").err().contains("--cuts"));
  }
}
