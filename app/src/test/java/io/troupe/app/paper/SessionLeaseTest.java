package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.app.cli.TroupeCli;
import io.troupe.persistence.JdbcSettings;
import io.troupe.persistence.JournalConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per session: while a paper session runs, a second process started on the same session is refused at
 * once (exit 2, naming the holder), and the first goes on. Two real processes for each journal backend.
 */
class SessionLeaseTest {

  private static final long WAIT_SECONDS = 60;
  private static final String END = "\u0000end";

  @Test
  void aSecondProcessOnAnH2SessionIsRefusedAtOnce(@TempDir Path dir) throws Exception {
    twoWriters(dir, List.of("--state", dir.resolve("state").toString()), "paper-session");
  }

  @Test
  void aSecondProcessOnAPostgresSessionIsRefusedAtOnce(@TempDir Path dir) throws Exception {
    requirePostgres();
    String session = "lease-" + UUID.randomUUID();
    twoWriters(dir, List.of("--set", "troupe.persistence.backend=postgres", "--session", session), session);
  }

  private static void twoWriters(Path dir, List<String> journal, String session) throws Exception {
    // Paced at 20x real time, the first session runs for many minutes: it is live while the second starts.
    Process first = start(command(dir.resolve("first"), journal));
    BlockingQueue<String> firstErr = lines(first);
    try {
      awaitLine(firstErr, "paper: session '" + session + "' on the", first);

      Process second = start(command(dir.resolve("second"), journal));
      BlockingQueue<String> secondErr = lines(second);
      assertTrue(second.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the second process is refused, not left waiting");
      List<String> said = new ArrayList<>();
      for (String l = secondErr.poll(WAIT_SECONDS, TimeUnit.SECONDS); l != null && !l.equals(END); l = secondErr.poll(WAIT_SECONDS, TimeUnit.SECONDS)) said.add(l);
      assertEquals(TroupeCli.EXIT_BAD_INPUT, second.exitValue(), String.join("\n", said));
      String refusal = String.join("\n", said);
      assertTrue(refusal.contains("session '" + session + "' is being written by another process (troupe paper pid " + first.pid() + "@"), refusal);
      assertTrue(first.isAlive(), "the first session goes on");
    } finally {
      first.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private static List<String> command(Path out, List<String> journal) {
    List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "-Dtroupe.home=" + PaperSessionTest.HOME, TroupeCli.class.getName(), "paper", "--data",
        PaperSessionTest.BTC, "--to", "2022-01-02", "--speed", "20", "--out", out.toString()));
    c.addAll(journal);
    return c;
  }

  private static Process start(List<String> command) throws Exception {
    return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Waits for a line of standard error that starts with {@code prefix}. */
  private static void awaitLine(BlockingQueue<String> lines, String prefix, Process p) throws Exception {
    List<String> seen = new ArrayList<>();
    while (true) {
      String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      if (line == null || line.equals(END)) fail("no '" + prefix + "' (alive: " + p.isAlive() + "); standard error:\n" + String.join("\n", seen));
      if (line.startsWith(prefix)) return;
      seen.add(line);
    }
  }

  /** Standard error, line by line, until it closes (then {@link #END}). */
  private static BlockingQueue<String> lines(Process p) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) lines.add(line);
      } catch (java.io.IOException ignored) {
        // the process was killed: its pipe closed
      }
      lines.add(END);
    }, "lease-stderr");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static void requirePostgres() {
    JdbcSettings db = JdbcSettings.fromConfig(JournalConfig.postgresFromEnvironment());
    try (Connection c = db.open()) {
      c.isValid(5);
    } catch (SQLException e) {
      String required = System.getenv("TROUPE_REQUIRE_POSTGRES");
      if (required != null && !required.isBlank() && !required.equals("0")) fail("PostgreSQL unreachable at " + db + ": " + e.getMessage());
      assumeTrue(false, "PostgreSQL unreachable at " + db + ": " + e.getMessage());
    }
  }
}
