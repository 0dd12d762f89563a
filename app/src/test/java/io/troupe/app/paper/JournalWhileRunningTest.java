package io.troupe.app.paper;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.troupe.app.ChildJava;
import io.troupe.app.cli.CliRun;
import io.troupe.app.cli.TroupeCli;
import io.troupe.persistence.H2JournalServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code troupe journal ...} reads an H2 journal while the session writing it runs, through that process's server. */
class JournalWhileRunningTest {

  private static final Pattern PROGRESS = Pattern.compile("paper: step (\\d+)/");

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", PaperSessionTest.HOME.toString());
  }

  @Test
  void theJournalCommandsReadARunningSessionsH2Journal(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("btc-perp_1m.csv");
    Files.write(data, Files.readAllLines(Path.of(PaperSessionTest.BTC)).subList(0, 2001));
    Path state = dir.resolve("state");
    List<String> command = List.of(ChildJava.BINARY, ChildJava.QUICK_START, "-cp", System.getProperty("java.class.path"),
        "-Dtroupe.home=" + PaperSessionTest.HOME, TroupeCli.class.getName(), "paper", "--data", data.toString(), "--speed", "3000", "--state",
        state.toString(), "--out", dir.resolve("out").toString(), "--progress-every", "10");
    Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
    try {
      BlockingQueue<String> lines = PaperKillRecoveryTest.drain(p);
      waitForStep(lines, 100);
      assertNotNull(H2JournalServer.runningUrl(state), "the running session serves its journal");

      CliRun list = run("journal", "list", "--state", state.toString());
      assertEquals(0, list.exit(), list.err());
      assertTrue(list.out().contains(PaperSession.DEFAULT_ID), list.out());
      CliRun verify = run("journal", "verify", "--state", state.toString());
      assertEquals(0, verify.exit(), verify.out() + verify.err());
      Matcher steps = Pattern.compile("steps completed (\\d+)").matcher(verify.out());
      assertTrue(steps.find() && Long.parseLong(steps.group(1)) >= 100, verify.out());
      CliRun export = run("journal", "export", "--state", state.toString(), "--out", dir.resolve("events.jsonl").toString());
      assertEquals(0, export.exit(), export.err());
      assertTrue(Files.readAllLines(dir.resolve("events.jsonl")).size() > 200);
      assertTrue(p.isAlive(), "reading did not disturb the session");
    } finally {
      p.destroy(); // SIGTERM: the session stops after its step
      assertTrue(p.waitFor(PaperKillRecoveryTest.WAIT_SECONDS, TimeUnit.SECONDS));
    }
    assertEquals(143, p.exitValue());
    assertNull(H2JournalServer.runningUrl(state), "a stopped session serves nothing");
    assertFalse(Files.exists(state.resolve(H2JournalServer.FILE)));
    CliRun after = run("journal", "verify", "--state", state.toString());
    assertEquals(0, after.exit(), "and the file opens directly again: " + after.out() + after.err());
  }

  private static void waitForStep(BlockingQueue<String> lines, int step) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PaperKillRecoveryTest.WAIT_SECONDS);
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(PaperKillRecoveryTest.END)) fail("the session ended or stalled before step " + step + ":\n" + String.join("\n", seen));
      seen.add(line);
      Matcher m = PROGRESS.matcher(line);
      if (m.find() && Integer.parseInt(m.group(1)) >= step) return;
    }
  }
}
