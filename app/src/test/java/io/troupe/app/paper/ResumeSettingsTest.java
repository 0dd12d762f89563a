package io.troupe.app.paper;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume under changed settings is refused, naming the key, the journaled value and the new one: the checkpointed
 * agents carry the old values, so the change could not take effect as asked. Keys that only say how the session runs
 * (journal, pacing, checkpoints) may change.
 */
class ResumeSettingsTest {

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", PaperSessionTest.HOME.toString());
  }

  @Test
  void aChangedDecisionSettingIsRefusedNamingItAndAnOperationalOneIsNot(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("btc-perp_1m.csv");
    Files.write(data, Files.readAllLines(Path.of(PaperSessionTest.BTC)).subList(0, 301));
    String[] paper = {"paper", "--data", data.toString(), "--speed", "max", "--state", dir.resolve("state").toString(), "--out",
        dir.resolve("out").toString(), "--quiet"};
    CliRun first = run(paper);
    assertEquals(0, first.exit(), first.err());

    for (List<String> change : List.of(
        List.of("troupe.exits.stop-pct=0.3", "troupe.exits.stop-pct = 0.5 in the journal, 0.3 now"),
        List.of("troupe.risk.breakers.daily-loss-pct=0.5", "troupe.risk.breakers.daily-loss-pct = 5 in the journal, 0.5 now"),
        List.of("troupe.exits.max-age=20m", "troupe.exits.max-age = \"1h\" in the journal, \"20m\" now"))) {
      CliRun resumed = run(with(paper, "--set", change.get(0)));
      assertEquals(2, resumed.exit(), change.get(0) + ": " + resumed.err());
      assertTrue(resumed.err().contains("was started with other settings: " + change.get(1)), resumed.err());
    }

    // Other genomes under another folder are refused by their digest; the same genomes from another folder are not.
    CliRun seed = run(with(paper, "--set", "troupe.specialists.dir=" + PaperSessionTest.HOME.resolve("examples/genomes/seed")));
    assertEquals(2, seed.exit(), seed.err());
    assertTrue(seed.err().contains("the specialists' genomes (troupe.specialists.dir) differ from the journal's"), seed.err());
    Path copy = Files.createDirectories(dir.resolve("genomes"));
    try (var files = Files.list(PaperSessionTest.HOME.resolve("config/specialists"))) {
      for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
    }
    CliRun sameGenomes = run(with(paper, "--set", "troupe.specialists.dir=" + copy));
    assertEquals(0, sameGenomes.exit(), sameGenomes.err());

    CliRun operational = run(with(paper, "--set", "troupe.paper.checkpoint-every=50"));
    assertEquals(0, operational.exit(), operational.err());
  }

  private static String[] with(String[] args, String... more) {
    return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
  }
}
