package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.app.ChildJava;
import io.troupe.app.cli.TroupeCli;
import io.troupe.persistence.JdbcSettings;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalEvent;
import io.troupe.persistence.JournalInspector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe paper} in its own JVM, SIGKILLed at random points (while live, and once while it replays), restarted
 * with the same command each time: the finished session has exactly the trades, orders and equity of an
 * uninterrupted run, each step and each fill journaled once. On H2 and on PostgreSQL.
 */
public class PaperKillRecoveryTest {

  static final Path HOME = PaperSessionTest.HOME;
  static final String TO = "2022-01-02";
  static final int STEPS = 1499;
  static final Pattern PROGRESS = Pattern.compile("paper: step (\\d+)/");
  /** The same line of a live session ({@code troupe live} names its lines live:). */
  static final Pattern LIVE_PROGRESS = Pattern.compile("live: step (\\d+)/");
  public static final Pattern RESUMING = Pattern.compile("paper: resuming session '[^']*': (\\d+) steps journaled");
  public static final Pattern CHECKPOINT = Pattern.compile("agents from the checkpoint at step (\\d+)");
  static final long WAIT_SECONDS = 90;
  /** The checkpoint each resume started from (0: none). */
  static final List<Integer> fromCheckpoint = new ArrayList<>();

  @TempDir static Path shared;
  static Path reference;

  /** The uninterrupted run, in this JVM. */
  @BeforeAll
  static void uninterrupted() {
    System.setProperty("troupe.home", HOME.toString());
    reference = shared.resolve("reference");
    StringWriter err = new StringWriter();
    var cli = TroupeCli.newCommandLine();
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("paper", "--data", PaperSessionTest.BTC, "--to", TO, "--speed", "max", "--state", shared.resolve("reference-state").toString(),
        "--out", reference.toString(), "--quiet");
    assertEquals(0, exit, err.toString());
  }

  @Test
  void anH2SessionKilledAtRandomPointsFinishesAsIfUninterrupted(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("state");
    killAndResume(dir, List.of("--state", state.toString()), new Random(20221));
    try (JournalInspector j = JournalInspector.open(JournalConfig.h2(state))) {
      assertJournaledOnce(j.events(PaperSession.DEFAULT_ID));
    }
    assertEquals(0, TroupeCli.newCommandLine().execute("journal", "verify", "--state", state.toString()));
  }

  @Test
  void aPostgresSessionKilledAtRandomPointsFinishesAsIfUninterrupted(@TempDir Path dir) throws Exception {
    requirePostgres();
    String session = "paper-kill-" + UUID.randomUUID();
    killAndResume(dir, List.of("--set", "troupe.persistence.backend=postgres", "--session", session), new Random(20222));
    try (JournalInspector j = JournalInspector.open(JournalConfig.postgresFromEnvironment())) {
      assertJournaledOnce(j.events(session));
    }
    assertEquals(0, TroupeCli.newCommandLine().execute("journal", "verify", "--postgres", "--session", session));
  }

  /** Three kills while live at rising random steps, one kill as soon as a resume starts replaying, then a run to the end. */
  private static void killAndResume(Path dir, List<String> journal, Random random) throws Exception {
    Path out = dir.resolve("out");
    List<String> command = new ArrayList<>(List.of(ChildJava.BINARY, ChildJava.QUICK_START, "-cp", System.getProperty("java.class.path"), "-Dtroupe.home=" + HOME,
        TroupeCli.class.getName(), "paper", "--data", PaperSessionTest.BTC, "--to", TO, "--speed", "max", "--out", out.toString(),
        "--progress-every", "10", "--set", "troupe.paper.checkpoint-every=200"));
    command.addAll(journal);
    fromCheckpoint.clear();

    int[] killAt = random.ints(3, 50, STEPS - 50).sorted().toArray();
    // A live step reported done had its start journaled before it ran: a resume must find at least that many steps.
    int durable = 0;
    for (int i = 0; i < killAt.length; i++) {
      int k = killAt[i];
      durable = Math.max(durable, runUntil(command, dir, line -> progress(line) >= k, "live step " + k, durable));
      if (i == 1) runUntil(command, dir, line -> line.startsWith("paper: resuming"), "the start of a replay", durable);
    }
    runUntil(command, dir, line -> false, "the end", durable);
    assertTrue(fromCheckpoint.stream().anyMatch(step -> step > 0), "some resume started from a checkpoint: " + fromCheckpoint);
    for (String f : PaperSessionTest.SAME_FILES) {
      assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
    }
    assertTrue(Files.readAllLines(out.resolve("trades.csv")).size() > 1, "the slice should trade");
  }

  /**
   * Starts the command and SIGKILLs it once a line of its standard error matches (or, when none does, waits for it to
   * exit 0). A resume must report at least {@code durable} journaled steps. Returns the last live step it reported.
   */
  private static int runUntil(List<String> command, Path dir, Predicate<String> killWhen, String what, int durable) throws Exception {
    Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
    BlockingQueue<String> lines = drain(p);
    List<String> seen = new ArrayList<>();
    int lastStep = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(END)) {
        boolean exited = p.waitFor(line == null ? 0 : WAIT_SECONDS, TimeUnit.SECONDS);
        if (line != null && exited && p.exitValue() == 0 && what.equals("the end")) return lastStep;
        p.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        fail("the run ended or stalled before " + what + (line == null ? " (timeout)" : "") + "; its standard error:\n"
            + String.join("\n", seen.subList(Math.max(0, seen.size() - 40), seen.size())) + "\nits standard output:\n"
            + Files.readString(dir.resolve("stdout.txt")));
      }
      seen.add(line);
      Matcher resumed = RESUMING.matcher(line);
      if (resumed.find()) {
        int journaled = Integer.parseInt(resumed.group(1));
        assertTrue(journaled >= durable, "step " + durable + " was reported done before the kill, but only " + journaled + " steps are journaled");
        Matcher checkpoint = CHECKPOINT.matcher(line);
        fromCheckpoint.add(checkpoint.find() ? Integer.parseInt(checkpoint.group(1)) : 0);
      }
      lastStep = Math.max(lastStep, progress(line));
      if (killWhen.test(line)) break;
    }
    p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
    assertTrue(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "a killed process lingers");
    return lastStep;
  }

  static final String END = "\u0000end";

  /** Standard error, line by line, until it closes (then {@link #END}). */
  static BlockingQueue<String> drain(Process p) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) lines.add(line);
      } catch (java.io.IOException ignored) {
        // the process was killed: its pipe closed
      }
      lines.add(END);
    }, "paper-stderr");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static int progress(String line) {
    Matcher m = PROGRESS.matcher(line);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** Every step recorded once and completed once, in order; no fill id twice; each resume that finished its replay reconciled. */
  private static void assertJournaledOnce(List<JournalEvent> events) {
    assertEveryStepOnce(events, STEPS);
    // Four resumes; the one killed as its replay started most likely never got to reconcile.
    long reconciled = events.stream().filter(e -> e.manifest().endsWith("$Reconciled")).count();
    assertTrue(reconciled == 3 || reconciled == 4, "each resume that finished its replay reconciles: " + reconciled);
  }

  /** Every step recorded once and completed once, in order; no fill id twice. */
  static void assertEveryStepOnce(List<JournalEvent> events, int steps) {
    List<Long> started = new ArrayList<>();
    List<Long> completed = new ArrayList<>();
    Set<String> fillIds = new HashSet<>();
    for (JournalEvent e : events) {
      if (e.manifest().endsWith("$StepRecorded")) started.add(e.payload().get("step").asLong());
      if (e.manifest().endsWith("$StepCompleted")) {
        completed.add(e.payload().get("step").asLong());
        for (var f : e.payload().get("fills")) assertTrue(fillIds.add(f.get("fill").get("fillId").asText()), "fill journaled twice: " + f);
      }
    }
    assertEquals(steps, started.size());
    assertEquals(steps, completed.size());
    for (int i = 0; i < steps; i++) {
      assertEquals(i + 1, started.get(i));
      assertEquals(i + 1, completed.get(i));
    }
    assertTrue(!fillIds.isEmpty());
  }

  /** Skips a test without PostgreSQL, or fails it when TROUPE_REQUIRE_POSTGRES is set (CI); shared by the PostgreSQL tests. */
  public static void requirePostgres() {
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
