package io.troupe.app.cli;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code troupe bench}: its options are checked before anything runs, and one row runs and prints its figures. */
class BenchCommandTest {

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", Path.of("..").toAbsolutePath().normalize().toString());
  }

  @Test
  void badCountsAreRefusedNamingTheOption() {
    CliRun warm = run("bench", "--warmup-time", "-1");
    assertEquals(TroupeCli.EXIT_BAD_INPUT, warm.exit(), warm.err());
    assertTrue(warm.err().contains("--warmup-time -1.0: must be 0 to 3600 seconds"), warm.err());
    CliRun rounds = run("bench", "--rounds", "0");
    assertEquals(TroupeCli.EXIT_BAD_INPUT, rounds.exit(), rounds.err());
    assertTrue(rounds.err().contains("--rounds 0: must be at least 1"), rounds.err());
  }

  @Test
  void aRowRunsAndPrintsItsBars() {
    CliRun r = run("bench", "--only", "read BTC 1m CSV", "--rounds", "1", "--warmup", "0", "--warmup-time", "0");
    assertEquals(TroupeCli.EXIT_OK, r.exit(), r.err());
    assertTrue(r.out().contains("at least 0 warm-up rounds and 0 s of them, then 1 timed rounds"), r.out());
    // The bundled BTC file's 45,031 bars, read once.
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("read BTC 1m CSV") && l.contains(" 45031 ")), r.out());
  }
}
