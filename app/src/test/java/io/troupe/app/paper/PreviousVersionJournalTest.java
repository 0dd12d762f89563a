package io.troupe.app.paper;

import static io.troupe.app.cli.CliRun.run;
import static io.troupe.app.paper.PaperSessionTest.BTC;
import static io.troupe.app.paper.PaperSessionTest.SAME_FILES;
import static io.troupe.app.paper.PaperSessionTest.count;
import static io.troupe.app.paper.PaperSessionTest.events;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.cli.CliRun;
import io.troupe.persistence.JournalEvent;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal written by version 1 (completed steps as {@code FillsRecorded}, no tags, no snapshots; see
 * src/test/resources/journals/paper-v1) stays readable: {@code journal verify} passes on it, and the current build
 * resumes the session where it was killed and finishes it exactly as an uninterrupted backtest of the same data.
 */
class PreviousVersionJournalTest {

  static final String[] SLICE = {"--data", BTC, "--to", "2022-01-04"};

  @BeforeAll
  static void home() {
    PaperSessionTest.home();
  }

  /** The fixture, loaded into a fresh H2 file where `--state DIR` finds it. */
  static Path versionOneState(Path dir) throws Exception {
    Path state = dir.resolve("state");
    Files.createDirectories(state);
    Path script = dir.resolve("journal.sql.gz");
    try (InputStream in = PreviousVersionJournalTest.class.getResourceAsStream("/journals/paper-v1/journal.sql.gz")) {
      Files.copy(in, script);
    }
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + state.resolve("journal") + ";DATABASE_TO_UPPER=false", "sa", "");
        Statement s = c.createStatement()) {
      s.execute("RUNSCRIPT FROM '" + script + "' COMPRESSION GZIP");
    }
    return state;
  }

  @Test
  void aVersionOneJournalVerifiesAndItsSessionResumesToTheSameResultAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
    Path state = versionOneState(dir);
    List<JournalEvent> old = events(state);
    assertEquals(2638, count(old, "FillsRecorded"), "the fixture is what its README says");
    assertEquals(0, count(old, "StepCompleted"));

    CliRun verify = run("journal", "verify", "--state", state.toString());
    assertEquals(0, verify.exit(), verify.out() + verify.err());
    assertTrue(verify.out().contains("steps completed 2638, fills 16"), verify.out());

    // Version 1 judged regimes by the absolute thresholds and held every genome to the global max age: a resume under
    // today's defaults would decide otherwise, so it is refused, naming the keys to set; with them it resumes.
    CliRun refused = run(concat(SLICE, "paper", "--speed", "max", "--state", state.toString(), "--out", dir.resolve("refused").toString()));
    assertEquals(2, refused.exit(), refused.err());
    assertTrue(refused.err().contains("resume with --set troupe.regime.calibration.mode=absolute"), refused.err());
    assertTrue(refused.err().contains("resume with --set troupe.exits.specialist-limits=false"), refused.err());
    assertTrue(refused.err().contains("resume with --set troupe.specialists.dir=examples/genomes/seed"), refused.err());
    assertEquals(2639, count(events(state), "StepRecorded"), "nothing written by the refused resume");
    // The journal was written with the design's seed genomes, shipped then.
    String seed = "troupe.specialists.dir=" + PaperSessionTest.HOME.resolve("examples/genomes/seed");
    CliRun paper = run(concat(SLICE, "paper", "--speed", "max", "--state", state.toString(), "--out", dir.resolve("paper").toString(), "--set",
        "troupe.regime.calibration.mode=absolute", "--set", "troupe.exits.specialist-limits=false", "--set", seed));
    assertEquals(0, paper.exit(), paper.err());
    assertTrue(paper.err().contains("2639 steps journaled, 2638 completed; no checkpoint, replaying 2638 steps"), paper.err());
    CliRun backtest = run(concat(SLICE, "backtest", "--out", dir.resolve("backtest").toString(), "--quiet", "--set", "troupe.regime.calibration.mode=absolute",
        "--set", "troupe.exits.specialist-limits=false", "--set", seed));
    assertEquals(0, backtest.exit(), backtest.err());
    for (String f : SAME_FILES) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("backtest").resolve(f)), Files.readAllBytes(dir.resolve("paper").resolve(f)), f);
    }

    List<JournalEvent> after = events(state);
    assertEquals(2638, count(after, "FillsRecorded"), "old events stay as they were written");
    assertEquals(4379 - 2638, count(after, "StepCompleted"), "the new steps are written by version 2, each once");
    assertEquals(4379, count(after, "StepRecorded"));
    assertEquals(1, count(after, "Reconciled"));
    // The read side projected the old steps too (tagged when it first started on this journal).
    CliRun project = run("journal", "project", "--state", state.toString());
    assertEquals(0, project.exit(), project.err());
    assertTrue(project.out().matches("(?s).*paper-session\\s+\\d+\\s+4379\\s.*"), project.out());
    CliRun again = run("journal", "verify", "--state", state.toString());
    assertEquals(0, again.exit(), again.out() + again.err());
  }

  private static String[] concat(String[] slice, String command, String... rest) {
    String[] all = new String[1 + slice.length + rest.length];
    all[0] = command;
    System.arraycopy(slice, 0, all, 1, slice.length);
    System.arraycopy(rest, 0, all, 1 + slice.length, rest.length);
    return all;
  }
}
