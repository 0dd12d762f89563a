package io.troupe.app.paper;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.troupe.app.ChildJava;
import io.troupe.app.cli.TroupeCli;
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

/**
 * SIGINT and SIGTERM stop a paper session after its current step: the journal is durable, one line says where it
 * stopped, the exit code is 130 or 143, and no stack trace is printed. Resumed, the session ends as an unbroken run.
 */
class GracefulStopTest {

  private static final Pattern PROGRESS = Pattern.compile("paper: step (\\d+)/");
  private static final Pattern STOPPED = Pattern.compile("paper: stopped at step (\\d+) of 600; run the same command to resume");

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", PaperSessionTest.HOME.toString());
    // Typesafe Config caches the system properties at its first load: a test class run before this one in the same JVM
    // would leave troupe.home out of the in-process runs below, while the child processes have it.
    com.typesafe.config.ConfigFactory.invalidateCaches();
  }

  @Test
  void aSignalStopsTheSessionAfterItsStepAndTheResumeEndsAsAnUnbrokenRun(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("btc-perp_1m.csv");
    Files.write(data, Files.readAllLines(Path.of(PaperSessionTest.BTC)).subList(0, 601));
    assertEquals(0, run("paper", "--data", data.toString(), "--speed", "max", "--state", dir.resolve("reference-state").toString(), "--out",
        dir.resolve("reference").toString(), "--quiet").exit());

    // Paced at a 1m bar every 20 ms, so each signal lands in a live session, mostly while it waits for a bar.
    // `env --default-signal=INT` undoes an inherited "ignore SIGINT" (a build started in the background has one).
    List<String> command = List.of("env", "--default-signal=INT", ChildJava.BINARY, ChildJava.QUICK_START, "-cp",
        System.getProperty("java.class.path"), "-Dtroupe.home=" + PaperSessionTest.HOME, TroupeCli.class.getName(), "paper", "--data", data.toString(),
        "--speed", "3000", "--state", dir.resolve("state").toString(), "--out", dir.resolve("out").toString(), "--progress-every", "10", "--set",
        "troupe.paper.checkpoint-every=100");
    long first = stopWith("INT", 130, command, dir, 150);
    long second = stopWith("TERM", 143, command, dir, first + 150);
    assertTrue(second > first, "the second run resumed after the first stop: " + first + ", " + second);

    var finished = run("paper", "--data", data.toString(), "--speed", "max", "--state", dir.resolve("state").toString(), "--out",
        dir.resolve("out").toString(), "--quiet", "--set", "troupe.paper.checkpoint-every=100");
    assertEquals(0, finished.exit(), finished.err());
    for (String f : PaperSessionTest.SAME_FILES) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("reference").resolve(f)), Files.readAllBytes(dir.resolve("out").resolve(f)), f);
    }
    assertEquals(0, run("journal", "verify", "--state", dir.resolve("state").toString()).exit());
  }

  /** Runs the session until it reports step {@code atStep}, sends the signal, and checks how it ends; returns the step it stopped at. */
  private static long stopWith(String signal, int exit, List<String> command, Path dir, long atStep) throws Exception {
    Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout-" + signal + ".txt").toFile()).start();
    BlockingQueue<String> lines = PaperKillRecoveryTest.drain(p);
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PaperKillRecoveryTest.WAIT_SECONDS);
    boolean sent = false;
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        p.destroyForcibly();
        fail("no end within the bound after SIG" + signal + ":\n" + String.join("\n", seen));
      }
      if (line.equals(PaperKillRecoveryTest.END)) break;
      seen.add(line);
      Matcher m = PROGRESS.matcher(line);
      if (!sent && m.find() && Long.parseLong(m.group(1)) >= atStep) {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
        sent = true;
      }
    }
    assertTrue(p.waitFor(PaperKillRecoveryTest.WAIT_SECONDS, TimeUnit.SECONDS));
    assertTrue(sent, "the session ended before step " + atStep + ":\n" + String.join("\n", seen));
    assertEquals(exit, p.exitValue(), String.join("\n", seen));
    String last = seen.get(seen.size() - 1);
    Matcher stopped = STOPPED.matcher(last);
    assertTrue(stopped.matches(), "the last line says where it stopped: " + last);
    assertTrue(seen.stream().noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ") || l.contains(" ERROR ")), "no stack trace:\n" + String.join("\n", seen));
    long step = Long.parseLong(stopped.group(1));
    assertTrue(step >= atStep, "it stopped after the step it was at when signalled: " + step);
    assertTrue(SessionManifest.read(SessionManifest.file(dir.resolve("state"), PaperSession.DEFAULT_ID)).completedSteps() == step,
        "the manifest records the step it stopped at");
    return step;
  }
}
