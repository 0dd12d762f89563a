package io.troupe.app.paper;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage is detected, never papered over: a journal found behind its manifest (fewer completed steps than the manifest
 * recorded, or empty where a session existed) is refused with exit 2, naming what is missing, and nothing is written;
 * {@code --accept-rollback} goes on from the journal and journals that decision.
 */
class SessionManifestTest {

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", PaperSessionTest.HOME.toString());
  }

  private static String[] paper(Path dir, Path data, String... more) {
    String[] base = {"paper", "--data", data.toString(), "--speed", "max", "--state", dir.resolve("state").toString(), "--out", dir.resolve("out").toString(),
        "--quiet"};
    return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  void aJournalBehindItsManifestIsRefusedUnlessTheOperatorAcceptsTheRollback(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("btc-perp_1m.csv");
    Files.write(data, Files.readAllLines(Path.of(PaperSessionTest.BTC)).subList(0, 301));
    assertEquals(0, run(paper(dir, data)).exit());
    Path manifest = SessionManifest.file(dir.resolve("state"), PaperSession.DEFAULT_ID);
    assertEquals(300, SessionManifest.read(manifest).completedSteps(), "the manifest records the journal's reach");

    // As if the journal had lost its last 40 steps (a truncated H2 file opens at an older state).
    new SessionManifest(PaperSession.DEFAULT_ID, 340).write(manifest);
    long events = PaperSessionTest.events(dir.resolve("state")).size();
    CliRun refused = run(paper(dir, data));
    assertEquals(2, refused.exit(), refused.err());
    assertTrue(refused.err().contains("the journal holds 300 completed steps, but its manifest " + manifest + " records 340: steps 301 to 340"),
        refused.err());
    assertTrue(refused.err().contains("--accept-rollback"), refused.err());
    assertEquals(events, PaperSessionTest.events(dir.resolve("state")).size(), "a refused start writes nothing");

    CliRun accepted = run(paper(dir, data, "--accept-rollback"));
    assertEquals(0, accepted.exit(), accepted.err());
    assertEquals(1, PaperSessionTest.count(PaperSessionTest.events(dir.resolve("state")), "RollbackAccepted"), "the operator's decision is journaled");
    assertEquals(300, SessionManifest.read(manifest).completedSteps(), "the manifest follows the journal again");
  }

  @Test
  void anEmptyJournalWhereASessionExistedIsRefused(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("btc-perp_1m.csv");
    Files.write(data, Files.readAllLines(Path.of(PaperSessionTest.BTC)).subList(0, 201));
    assertEquals(0, run(paper(dir, data)).exit());
    // A damaged journal file that opens as an empty database: here, the file gone.
    try (Stream<Path> files = Files.list(dir.resolve("state"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("journal")).toList()) Files.delete(f);
    }

    CliRun refused = run(paper(dir, data));

    assertEquals(2, refused.exit(), refused.err());
    assertTrue(refused.err().contains("the journal is empty ("), refused.err());
    assertTrue(refused.err().contains("records 200: steps 1 to 200"), refused.err());
  }
}
