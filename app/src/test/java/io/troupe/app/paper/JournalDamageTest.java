package io.troupe.app.paper;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.troupe.app.ChildJava;
import io.troupe.app.cli.CliRun;
import io.troupe.app.cli.TroupeCli;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage to a real H2 journal file is detected, never papered over. A file cut short opens at an older state (or not
 * at all); a damaged compacted file opens as an empty database. Each is refused with exit 2 naming what is missing,
 * and the refused start leaves the file byte for byte as it was; {@code journal verify} reports it (exit 3).
 */
class JournalDamageTest {

  private static final Pattern PROGRESS = Pattern.compile("paper: step (\\d+)/");

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", PaperSessionTest.HOME.toString());
  }

  private static Path data(Path dir, int bars) throws Exception {
    Path data = dir.resolve("btc-perp_1m.csv");
    Files.write(data, Files.readAllLines(Path.of(PaperSessionTest.BTC)).subList(0, bars + 1));
    return data;
  }

  private static String[] paper(Path dir, Path data, String... more) {
    String[] base = {"paper", "--data", data.toString(), "--speed", "max", "--state", dir.resolve("state").toString(), "--out", dir.resolve("out").toString(),
        "--quiet"};
    return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
  }

  private static Path journalFile(Path dir) {
    return dir.resolve("state").resolve("journal.mv.db");
  }

  @Test
  void aKilledSessionsJournalCutShortIsRefusedAndVerifyNamesTheMissingSteps(@TempDir Path dir) throws Exception {
    Path data = data(dir, 1200);
    // Paced (a 1m bar every 10 ms), so the manifest records every step; SIGKILL leaves the file as written, uncompacted.
    List<String> command = List.of(ChildJava.BINARY, ChildJava.QUICK_START, "-cp", System.getProperty("java.class.path"),
        "-Dtroupe.home=" + PaperSessionTest.HOME, TroupeCli.class.getName(), "paper", "--data", data.toString(), "--speed", "6000", "--state",
        dir.resolve("state").toString(), "--out", dir.resolve("out").toString(), "--progress-every", "10", "--set", "troupe.paper.checkpoint-every=0");
    killAfterStep(command, dir, 600);
    long recorded = SessionManifest.read(manifest(dir)).completedSteps();
    // The step reported last may not have reached the manifest (the kill came before the next step began); the one before did.
    assertTrue(recorded >= 599, "the manifest follows every paced step: " + recorded);

    Path copy = dir.resolve("journal-as-killed.mv.db");
    Files.copy(journalFile(dir), copy);
    for (long cut : new long[] {65_536, Files.size(copy) / 2}) {
      Files.copy(copy, journalFile(dir), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      try (RandomAccessFile f = new RandomAccessFile(journalFile(dir).toFile(), "rw")) {
        f.setLength(Files.size(copy) - cut);
      }
      byte[] before = sha256(journalFile(dir));

      CliRun refused = run(paper(dir, data));

      assertEquals(2, refused.exit(), "cut " + cut + " bytes: " + refused.err() + refused.out());
      assertTrue(refused.err().matches("(?s).*(the journal holds \\d+ completed steps|the journal is empty|does not open).*(but|and) its manifest .* records " + recorded
          + ": steps \\d+ to " + recorded + " and their fills are missing.*"), refused.err());
      assertTrue(refused.err().contains("--accept-rollback"), refused.err());
      assertArrayEquals(before, sha256(journalFile(dir)), "a refused start leaves the damaged file as it found it");

      CliRun verify = run("journal", "verify", "--state", dir.resolve("state").toString());
      assertEquals(3, verify.exit(), verify.out() + verify.err());
      assertTrue(verify.out().contains("BROKEN:") && verify.out().contains(String.valueOf(recorded)), verify.out());
      assertArrayEquals(before, sha256(journalFile(dir)), "verify only reads");
    }
  }

  @Test
  void aDamagedCompactedJournalIsRefusedInsteadOfStartingANewSessionOverIt(@TempDir Path dir) throws Exception {
    Path data = data(dir, 300);
    assertEquals(0, run(paper(dir, data)).exit());
    assertEquals(300, SessionManifest.read(manifest(dir)).completedSteps());
    try (RandomAccessFile f = new RandomAccessFile(journalFile(dir).toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    byte[] before = sha256(journalFile(dir));

    CliRun refused = run(paper(dir, data));

    assertEquals(2, refused.exit(), refused.err());
    assertTrue(refused.err().contains("records 300: steps 1 to 300 and their fills are missing"), refused.err());
    assertArrayEquals(before, sha256(journalFile(dir)), "no tables were created over the damaged file");
    CliRun verify = run("journal", "verify", "--state", dir.resolve("state").toString());
    assertEquals(3, verify.exit(), verify.out() + verify.err());
    assertTrue(verify.out().contains("BROKEN:"), verify.out());
  }

  @Test
  void dataChangedBeforeTheCheckpointIsRefusedNamingTheSpan(@TempDir Path dir) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(PaperSessionTest.BTC)).subList(0, 501);
    Path data = dir.resolve("btc-perp_1m.csv");
    Files.write(data, lines.subList(0, 301));
    // Checkpoints at steps 100 and 200; the session ends at 300, and resumes when the data has grown.
    assertEquals(0, run(paper(dir, data, "--set", "troupe.paper.checkpoint-every=100")).exit());

    List<String> changed = new ArrayList<>(lines);
    changed.set(150, bumpClose(changed.get(150)));
    Files.write(data, changed);
    CliRun refused = run(paper(dir, data, "--set", "troupe.paper.checkpoint-every=100"));
    assertEquals(2, refused.exit(), refused.err());
    assertTrue(refused.err().contains("the data disagrees with the journal in steps 101 to 200"), refused.err());

    Files.write(data, lines);
    CliRun resumed = run(paper(dir, data, "--set", "troupe.paper.checkpoint-every=100"));
    assertEquals(0, resumed.exit(), "the session's own data, grown, resumes: " + resumed.err());
  }

  /** The row (timestamp,open,high,low,close,volume) with its close moved by a cent, within its high and low. */
  private static String bumpClose(String row) {
    String[] cells = row.split(",", -1);
    double close = Double.parseDouble(cells[4]);
    double bumped = close + 0.01 <= Double.parseDouble(cells[2]) ? close + 0.01 : close - 0.01;
    if (bumped < Double.parseDouble(cells[3])) fail("no room to move the close of " + row);
    cells[4] = String.valueOf(bumped);
    return String.join(",", cells);
  }

  private static Path manifest(Path dir) {
    return SessionManifest.file(dir.resolve("state"), PaperSession.DEFAULT_ID);
  }

  private static byte[] sha256(Path file) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
  }

  /** Runs the command until its progress reports step {@code step} or later, then SIGKILLs it. */
  private static void killAfterStep(List<String> command, Path dir, int step) throws Exception {
    Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
    BlockingQueue<String> lines = PaperKillRecoveryTest.drain(p);
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PaperKillRecoveryTest.WAIT_SECONDS);
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(PaperKillRecoveryTest.END)) {
        p.destroyForcibly().waitFor(PaperKillRecoveryTest.WAIT_SECONDS, TimeUnit.SECONDS);
        fail("the session ended or stalled before step " + step + ":\n" + String.join("\n", seen));
      }
      seen.add(line);
      Matcher m = PROGRESS.matcher(line);
      if (m.find() && Integer.parseInt(m.group(1)) >= step) break;
    }
    p.destroyForcibly();
    assertTrue(p.waitFor(PaperKillRecoveryTest.WAIT_SECONDS, TimeUnit.SECONDS), "a killed process lingers");
  }
}
