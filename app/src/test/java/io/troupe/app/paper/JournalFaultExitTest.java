package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.cli.TroupeCli;
import io.troupe.persistence.JdbcSettings;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalInspector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journal faults other than a lost connection end a paper session at once, in one line on standard error and no stack
 * trace: another writer behind the lease's back (a duplicate key), no room for the H2 file (the OS refusing to grow it,
 * under {@code ulimit -f}: the same refused write a full disk gives, reproducible without a disk to fill), and a journal
 * with an event that does not read back (exit 2, naming the file). Each in its own JVM, as the command line runs it.
 */
class JournalFaultExitTest {

  @TempDir static Path shared;
  static Path reference;

  @BeforeAll
  static void unbroken() {
    reference = LostConnectionTest.referenceRun(shared);
  }

  @Test
  void anotherWriterBehindTheLeaseEndsTheSessionInOneLine(@TempDir Path dir) throws Exception {
    PaperKillRecoveryTest.requirePostgres();
    String session = "intruded-" + UUID.randomUUID();
    JdbcSettings db = JdbcSettings.fromConfig(JournalConfig.postgresFromEnvironment());
    // Paced (0.1 s a step), so the session is live when the other writer strikes.
    PaperProcess p = PaperProcess.start(List.of("--data", PaperSessionTest.BTC, "--to", PaperKillRecoveryTest.TO, "--speed", "600", "--progress-every",
        "10", "--out", dir.resolve("out").toString(), "--set", "troupe.persistence.backend=postgres", "--session", session), Map.of(), 0,
        dir.resolve("stdout.txt"));
    p.awaitLine(line -> LostConnectionTest.progress(line) >= 20, "live step 20", 90);
    int inserted;
    try (Connection c = db.open()) {
      inserted = intrude(c, session);
      long struck = System.nanoTime();
      int exit = p.awaitExit(60);
      assertEquals(TroupeCli.EXIT_INTERNAL, exit, p.tail());
      assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - struck) < 30, "no hang");
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM event_journal WHERE persistence_id = '" + session + "' AND writer = 'intruder'");
      }
    }
    assertTrue(inserted > 0);
    String error = oneErrorLine(p.stderr);
    assertTrue(error.startsWith("error: paper: session '" + session + "': the journal already holds event numbers "), error);
    assertTrue(error.contains("another writer has written to it (duplicate key: "), error);
    LostConnectionTest.assertNoStackTrace(p.stderr);
  }

  /**
   * Copies the session's last event to the next 50 sequence numbers, as a second writer would; the ones the session
   * took meanwhile are left alone. Returns how many were taken.
   */
  private static int intrude(Connection c, String session) throws Exception {
    String sql = "INSERT INTO event_journal (persistence_id, sequence_number, deleted, writer, write_timestamp, adapter_manifest, event_ser_id,"
        + " event_ser_manifest, event_payload, meta_ser_id, meta_ser_manifest, meta_payload)"
        + " SELECT persistence_id, sequence_number + g, deleted, 'intruder', write_timestamp, adapter_manifest, event_ser_id, event_ser_manifest,"
        + " event_payload, meta_ser_id, meta_ser_manifest, meta_payload FROM event_journal, generate_series(1, 50) g"
        + " WHERE persistence_id = ? AND sequence_number = (SELECT max(sequence_number) FROM event_journal WHERE persistence_id = ?)"
        + " ON CONFLICT DO NOTHING";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, session);
      ps.setString(2, session);
      return ps.executeUpdate();
    }
  }

  @Test
  void noRoomForTheH2FileEndsTheSessionInOneLineAndLosesNothing(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("state");
    List<String> args = List.of("--data", PaperSessionTest.BTC, "--to", PaperKillRecoveryTest.TO, "--speed", "max", "--progress-every", "10",
        "--state", state.toString(), "--out", dir.resolve("out").toString());
    // 3 MB: the session's file reaches it after about 200 of its 1,499 steps.
    PaperProcess p = PaperProcess.start(args, Map.of(), 3072, dir.resolve("stdout.txt"));
    assertEquals(TroupeCli.EXIT_INTERNAL, p.awaitExit(120), p.tail());
    String error = oneErrorLine(p.stderr);
    assertTrue(error.startsWith("error: paper: session 'paper-session': no room to write the journal ("), error);
    assertTrue(error.contains("File too large"), error); // EFBIG: the limit ulimit -f sets (a full disk says ENOSPC)
    assertTrue(error.endsWith("(the H2 file " + state.toAbsolutePath().normalize().resolve("journal") + ".mv.db)"), error);
    LostConnectionTest.assertNoStackTrace(p.stderr);
    int reported = p.stderr.stream().mapToInt(LostConnectionTest::progress).max().orElse(0);
    assertTrue(reported >= 10 && reported < PaperKillRecoveryTest.STEPS, "the file filled up mid-session, at step " + reported);

    // With room again, the same command resumes from what was journaled, every step it reported there, to the same end.
    PaperProcess resumed = PaperProcess.start(args, Map.of(), 0, dir.resolve("stdout-resumed.txt"));
    assertEquals(0, resumed.awaitExit(120), resumed.tail());
    java.util.regex.Matcher m = PaperKillRecoveryTest.RESUMING.matcher(String.join("\n", resumed.stderr));
    assertTrue(m.find(), resumed.tail());
    assertTrue(Integer.parseInt(m.group(1)) >= reported, "reported step " + reported + ", resumed from " + m.group(1));
    for (String f : PaperSessionTest.SAME_FILES) {
      assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(dir.resolve("out").resolve(f)), f);
    }
    assertEquals(0, TroupeCli.newCommandLine().execute("journal", "verify", "--state", state.toString()));
  }

  @Test
  void aJournalWithAnEventThatDoesNotReadBackIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("state");
    List<String> args = List.of("--data", PaperSessionTest.BTC, "--to", "2022-01-01T06:00:00Z", "--speed", "max", "--state", state.toString(), "--out",
        dir.resolve("out").toString());
    PaperProcess first = PaperProcess.start(args, Map.of(), 0, dir.resolve("stdout-first.txt"));
    assertEquals(0, first.awaitExit(120), first.tail());
    long events;
    try (JournalInspector j = JournalInspector.open(JournalConfig.h2(state))) {
      events = j.events(PaperSession.DEFAULT_ID).size();
    }
    // An event in the middle of what recovery reads (no checkpoint yet: every event) damaged: its bytes are no longer an
    // event. The newest events are whole, so the journal is not behind its manifest; it just does not read back.
    JdbcSettings h2 = JdbcSettings.fromConfig(JournalConfig.h2(state));
    try (Connection c = h2.open(); Statement s = c.createStatement()) {
      int changed = s.executeUpdate("UPDATE \"event_journal\" SET \"event_payload\" = X'ff00ff' WHERE \"persistence_id\" = 'paper-session'"
          + " AND \"sequence_number\" = (SELECT MAX(\"sequence_number\") / 2 FROM \"event_journal\" WHERE \"persistence_id\" = 'paper-session')");
      assertEquals(1, changed);
    }

    PaperProcess p = PaperProcess.start(args, Map.of(), 0, dir.resolve("stdout.txt"));
    assertEquals(TroupeCli.EXIT_BAD_INPUT, p.awaitExit(120), p.tail());
    String error = oneErrorLine(p.stderr);
    assertTrue(error.startsWith("error: paper: session 'paper-session': the journal does not read back (the H2 file "
        + state.toAbsolutePath().normalize().resolve("journal") + ".mv.db): "), error);
    assertTrue(error.endsWith("; nothing was written"), error);
    LostConnectionTest.assertNoStackTrace(p.stderr);
    try (Connection c = h2.open(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" = 'paper-session'")) {
      r.next();
      assertEquals(events, r.getLong(1), "nothing was written");
    }
  }

  /** A log line at ERROR level ("12:00:00.000 ERROR logger - ..."), not a line that quotes a database's "ERROR: ...". */
  private static final java.util.regex.Pattern ERROR_LOG_LINE = java.util.regex.Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ERROR ");

  /** The one line that says what failed; there is exactly one (an alert may quote the failure: it is not a second). */
  static String oneErrorLine(List<String> stderr) {
    List<String> errors = stderr.stream()
        .filter(l -> l.startsWith("error:") || ERROR_LOG_LINE.matcher(l).find() || l.startsWith("internal error"))
        .toList();
    assertEquals(1, errors.size(), String.join("\n", stderr));
    return errors.get(0);
  }
}
