package io.troupe.app.backtest;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code troupe backtest --swap}: swaps in event time make reproducible runs; a bad swap exits 2 before any bar. */
class BacktestSwapTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String GENOME = HOME.resolve("examples/genomes/trending-fast.json").toString();

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  private static String[] args(Path out, String... swaps) {
    List<String> a = new java.util.ArrayList<>(List.of("backtest", "--to", "2022-01-15", "--quiet", "--out", out.toString()));
    for (String s : swaps) {
      a.add("--swap");
      a.add(s);
    }
    return a.toArray(String[]::new);
  }

  @Test
  void twoRunsWithTheSameSwapsGiveIdenticalFilesAndTheSwapChangesTheRun(@TempDir Path dir) throws Exception {
    String replace = "2022-01-05T00:00:00Z:BTC-PERP:trending-default:" + GENOME;
    String add = "2022-01-08:BTC-PERP:trending-b:" + GENOME;
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path none = dir.resolve("none");
    CliRun first = run(args(a, replace, add));
    assertEquals(0, first.exit(), first.err());
    assertEquals(0, run(args(b, replace, add)).exit());
    assertEquals(0, run(args(none)).exit());
    for (String f : List.of("trades.csv", "orders.csv", "equity.csv")) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve("trades.csv")), Files.readAllBytes(none.resolve("trades.csv"))),
        "the swapped-in genomes trade otherwise");
    JsonNode summary = new ObjectMapper().readTree(a.resolve("summary.json").toFile());
    assertEquals(List.of(replace, add), new ObjectMapper().convertValue(summary.get("config").get("swaps"), List.class));
    assertFalse(new ObjectMapper().readTree(none.resolve("summary.json").toFile()).get("config").has("swaps"), "no swaps, no key");
  }

  @Test
  void aBadGenomeFileExitsTwoNamingTheSwapTheFileAndTheField(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, Files.readString(Path.of(GENOME)).replace("\"min_adx\": 20", "\"min_adx\": 99"));
    String swap = "2022-01-05:BTC-PERP:trending-default:" + bad;
    CliRun r = run(args(dir.resolve("out"), swap));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--swap '" + swap + "': " + bad + ": genome 'trending-fast': field 'params.min_adx' = 99.0 is out of range [20, 30]"), r.err());
    assertFalse(Files.exists(dir.resolve("out").resolve("summary.json")));
  }

  @Test
  void aSwapForNoDeskOrNoSuchSpecialistOrNotTimeSymbolNameFileExitsTwo(@TempDir Path dir) {
    CliRun desk = run(args(dir.resolve("a"), "2022-01-05:ETH:trending-default:" + GENOME));
    assertEquals(2, desk.exit(), desk.err());
    assertTrue(desk.err().contains("no desk for symbol ETH; the desks are [BTC-PERP]"), desk.err());
    CliRun remove = run(args(dir.resolve("b"), "2022-01-05:BTC-PERP:nobody:-"));
    assertEquals(2, remove.exit(), remove.err());
    assertTrue(remove.err().contains("desk BTC-PERP has no specialist 'nobody'; it has [crisis-default, ranging-default, trending-default, volatile-default]"),
        remove.err());
    CliRun form = run(args(dir.resolve("c"), "tomorrow:BTC-PERP"));
    assertEquals(2, form.exit(), form.err());
    assertTrue(form.err().contains("'tomorrow:BTC-PERP' is not TIME:SYMBOL:NAME:GENOME_FILE"), form.err());
  }
}
