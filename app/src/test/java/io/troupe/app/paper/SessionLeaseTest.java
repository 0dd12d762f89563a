package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.troupe.app.ChildJava;
import io.troupe.app.cli.TroupeCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per session: while a paper session runs, a second process started on the same session is refused at
 * once (exit 2, naming the holder), and the first goes on. Two real processes for each journal backend.
 */
class SessionLeaseTest {

  private static final long WAIT_SECONDS = 60;
  private static final String END = PaperKillRecoveryTest.END;

  @Test
  void aSecondProcessOnAnH2SessionIsRefusedAtOnce(@TempDir Path dir) throws Exception {
    twoWriters(dir, List.of("--state", dir.resolve("state").toString()), "paper-session");
  }

  @Test
  void aSecondProcessOnAPostgresSessionIsRefusedAtOnce(@TempDir Path dir) throws Exception {
    PaperKillRecoveryTest.requirePostgres();
    String session = "lease-" + UUID.randomUUID();
    twoWriters(dir, List.of("--set", "troupe.persistence.backend=postgres", "--session", session), session);
  }

  private static void twoWriters(Path dir, List<String> journal, String session) throws Exception {
    // Paced at 20x real time, the first session runs for many minutes: it is live while the second starts.
    Process first = start(command(dir.resolve("first"), journal));
    BlockingQueue<String> firstErr = PaperKillRecoveryTest.drain(first);
    try {
      awaitLine(firstErr, "paper: session '" + session + "' on the", first);

      Process second = start(command(dir.resolve("second"), journal));
      BlockingQueue<String> secondErr = PaperKillRecoveryTest.drain(second);
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
    List<String> c = new ArrayList<>(List.of(ChildJava.BINARY, ChildJava.QUICK_START, "-cp",
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
}
