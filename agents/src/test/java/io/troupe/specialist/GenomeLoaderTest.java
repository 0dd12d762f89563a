package io.troupe.specialist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.InvalidInputException;
import io.troupe.regime.Regime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenomeLoaderTest {
  static final Path SPECIALISTS = Path.of("..", "config", "specialists");

  @Test
  void theFourDefaultGenomesLoadAndSitInsideTheirRanges() {
    List<Genome> genomes = GenomeLoader.loadAll(SPECIALISTS);
    assertEquals(List.of("crisis-default", "ranging-default", "trending-default", "volatile-default"), genomes.stream().map(Genome::name).toList());
    assertEquals(List.of(Regime.CRISIS, Regime.RANGING, Regime.TRENDING, Regime.VOLATILE), genomes.stream().map(Genome::kind).toList());
    for (Genome g : genomes) {
      assertEquals(GenomeRanges.keys(g.kind()), List.copyOf(g.params().keySet()), "in the kind's order");
      for (var r : GenomeRanges.of(g.kind())) assertEquals(null, r.problem(g.get(r.key())));
    }
    Genome trending = genomes.get(2);
    assertTrue(trending.flag("pullback_entry"));
    assertEquals(0.06, trending.positionFraction(), 1e-12);
  }

  private static String error(String json) {
    return assertThrows(InvalidInputException.class, () -> GenomeLoader.parse(json, "specialists/x.json")).getMessage();
  }

  private static final String CRISIS_PARAMS =
      "\"position_pct\": 1, \"stop_pct\": 1, \"target_pct\": 2, \"max_exposure_pct\": 20, \"cash_floor_pct\": 70";

  @Test
  void outOfRangeMissingAndUnknownFieldsNameFileGenomeAndField() {
    String outOfRange = error("{\"name\": \"c\", \"kind\": \"CRISIS\", \"params\": {" + CRISIS_PARAMS + ", \"max_holding_hours\": 7}}");
    assertTrue(outOfRange.startsWith("specialists/x.json: genome 'c': field 'params.max_holding_hours'"), outOfRange);
    assertTrue(outOfRange.contains("[0.5, 6]"), outOfRange);
    String missing = error("{\"name\": \"c\", \"kind\": \"CRISIS\", \"params\": {" + CRISIS_PARAMS + "}}");
    assertTrue(missing.contains("genome 'c': missing field 'params.max_holding_hours'"), missing);
    String unknown = error("{\"name\": \"c\", \"kind\": \"CRISIS\", \"params\": {" + CRISIS_PARAMS + ", \"max_holding_hours\": 2, \"leverage\": 3}}");
    assertTrue(unknown.contains("x.json") && unknown.contains("genome 'c': unknown field 'params.leverage'"), unknown);
    String unknownTop = error("{\"name\": \"c\", \"kind\": \"CRISIS\", \"colour\": \"red\", \"params\": {}}");
    assertTrue(unknownTop.contains("genome 'c': unknown field 'colour'"), unknownTop);
    String badKind = error("{\"name\": \"c\", \"kind\": \"PANIC\", \"params\": {}}");
    assertTrue(badKind.contains("field 'kind'") && badKind.contains("PANIC"), badKind);
    String noName = error("{\"kind\": \"CRISIS\", \"params\": {}}");
    assertTrue(noName.contains("missing field 'name'"), noName);
    String notWhole = error("{\"name\": \"v\", \"kind\": \"VOLATILE\", \"params\": {\"entry_threshold\": 2, \"position_pct\": 5, "
        + "\"stop_pct\": 2, \"target_pct\": 4, \"max_holding_hours\": 12, \"volatility_filter\": 1.2, \"max_trades_per_day\": 2.5}}");
    assertTrue(notWhole.contains("'params.max_trades_per_day' must be a whole number"), notWhole);
    String flag = error("{\"name\": \"t\", \"kind\": \"TRENDING\", \"params\": {\"pullback_entry\": 1}}");
    assertTrue(flag.contains("'params.pullback_entry' must be true or false"), flag);
    String text = error("{\"name\": \"c\", \"kind\": \"CRISIS\", \"params\": {\"stop_pct\": \"1\"}}");
    assertTrue(text.contains("'params.stop_pct' must be a number"), text);
  }

  @Test
  void aFileErrorNamesTheFileAndDuplicateNamesAreRejected(@TempDir Path dir) throws Exception {
    for (String f : List.of("a.json", "b.json")) Files.copy(SPECIALISTS.resolve("crisis.json"), dir.resolve(f));
    String dup = assertThrows(InvalidInputException.class, () -> GenomeLoader.loadAll(dir)).getMessage();
    assertTrue(dup.contains("b.json") && dup.contains("crisis-default") && dup.contains("already defined"), dup);
    Files.writeString(dir.resolve("b.json"), "{ not json");
    String bad = assertThrows(InvalidInputException.class, () -> GenomeLoader.loadAll(dir)).getMessage();
    assertTrue(bad.contains("b.json") && bad.contains("not valid JSON"), bad);
  }

  @Test
  void aMissingOrEmptyFolderIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
    // A folder without genomes gave desks without specialists, which never decide: the backtest hung (issue 17).
    assertEquals(dir + ": no specialist genomes (*.json files) in the folder", assertThrows(InvalidInputException.class, () -> GenomeLoader.loadAll(dir)).getMessage());
    Files.writeString(dir.resolve("notes.txt"), "not a genome");
    assertEquals(dir + ": no specialist genomes (*.json files) in the folder", assertThrows(InvalidInputException.class, () -> GenomeLoader.loadAll(dir)).getMessage());
    Path nowhere = dir.resolve("nowhere");
    assertEquals(nowhere + ": no such folder of specialist genomes", assertThrows(InvalidInputException.class, () -> GenomeLoader.loadAll(nowhere)).getMessage());
    Path file = dir.resolve("notes.txt");
    assertEquals(file + ": is not a folder of specialist genomes", assertThrows(InvalidInputException.class, () -> GenomeLoader.loadAll(file)).getMessage());
  }

  @Test
  void genomesRefuseOutOfRangeMutations() {
    Genome crisis = GenomeLoader.load(SPECIALISTS.resolve("crisis.json"));
    assertEquals(1.5, crisis.with("stop_pct", 1.5).get("stop_pct"));
    assertThrows(InvalidInputException.class, () -> crisis.with("stop_pct", 2.5));
  }
}
