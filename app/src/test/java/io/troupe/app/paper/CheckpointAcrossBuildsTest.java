package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.cli.CliRun;
import io.troupe.app.cli.TroupeCli;
import io.troupe.checkpoint.StateCodec;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalInspector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paper session killed by one build and resumed by another (the same code under another fingerprint:
 * {@link PaperProcess#anotherBuild}) starts from the checkpoint the first wrote, since it is in the format the second
 * reads and decodes, replays only the steps after it, and finishes with the files of an uninterrupted run.
 */
class CheckpointAcrossBuildsTest {

  static final Pattern ACROSS = Pattern.compile("paper: the checkpoint at step (\\d+) \\(written by build (\\w+), this is (\\w+)\\) is in format 1 and decodes");

  @Test
  void aCheckpointOfOneBuildIsUsedByAnother(@TempDir Path dir) throws Exception {
    System.setProperty("troupe.home", PaperSessionTest.HOME.toString());
    Path reference = dir.resolve("reference");
    StringWriter err = new StringWriter();
    var cli = TroupeCli.newCommandLine();
    cli.setErr(new PrintWriter(err));
    assertEquals(0, cli.execute("paper", "--data", PaperSessionTest.BTC, "--to", PaperKillRecoveryTest.TO, "--speed", "max",
        "--state", dir.resolve("reference-state").toString(), "--out", reference.toString(), "--quiet"), err.toString());

    Path state = dir.resolve("state");
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>(List.of("--data", PaperSessionTest.BTC, "--to", PaperKillRecoveryTest.TO, "--speed", "max",
        "--state", state.toString(), "--out", out.toString(), "--progress-every", "10", "--set", "troupe.paper.checkpoint-every=200"));
    PaperProcess first = PaperProcess.start(args, Map.of(), 0, dir.resolve("stdout-1.txt"));
    first.awaitLine(l -> progress(l) >= 700, "step 700", PaperKillRecoveryTest.WAIT_SECONDS);
    first.kill();

    PaperProcess second = PaperProcess.start("paper", args, Map.of(), 0, dir.resolve("stdout-2.txt"), PaperProcess.anotherBuild(dir));
    String across = second.awaitLine(l -> ACROSS.matcher(l).find(), "the checkpoint read across builds", PaperKillRecoveryTest.WAIT_SECONDS);
    Matcher m = ACROSS.matcher(across);
    assertTrue(m.find());
    assertNotEquals(m.group(2), m.group(3), "the second run is another build: " + across);
    int at = Integer.parseInt(m.group(1));
    assertTrue(at >= 600, "the checkpoint of step " + at);
    String resuming = second.awaitLine(l -> PaperKillRecoveryTest.RESUMING.matcher(l).find(), "the resume", PaperKillRecoveryTest.WAIT_SECONDS);
    assertTrue(resuming.contains("agents from the checkpoint at step " + at), resuming);
    assertEquals(0, second.awaitExit(PaperKillRecoveryTest.WAIT_SECONDS), second.tail());
    assertTrue(second.stderr.stream().noneMatch(l -> l.contains("recovering from the events alone")), second.tail());

    for (String f : PaperSessionTest.SAME_FILES) assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
    try (JournalInspector j = JournalInspector.open(JournalConfig.h2(state))) {
      PaperKillRecoveryTest.assertEveryStepOnce(j.events(PaperSession.DEFAULT_ID), PaperKillRecoveryTest.STEPS);
    }
    assertEquals(0, TroupeCli.newCommandLine().execute("journal", "verify", "--state", state.toString()));
  }

  /**
   * A checkpoint whose state does not decode under this build (simulated by the codec's class loader, which here
   * does not have the position monitor's class, as a build without it would not): the session says which agent and
   * class, recovers from its events alone, replays every step and still writes the same files.
   */
  @Test
  void aCheckpointThatDoesNotDecodeIsReplayedPast(@TempDir Path dir) throws Exception {
    System.setProperty("troupe.home", PaperSessionTest.HOME.toString());
    Path state = dir.resolve("state");
    String[] slice = {"paper", "--data", PaperSessionTest.BTC, "--to", PaperKillRecoveryTest.TO, "--speed", "max", "--state", state.toString()};
    CliRun first = CliRun.run(concat(slice, "--out", dir.resolve("first").toString()));
    assertEquals(0, first.exit(), first.err());

    String hidden = "io.troupe.position.PositionKeeper";
    ClassLoader app = StateCodec.class.getClassLoader();
    StateCodec.useClassLoader(new ClassLoader(app) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.equals(hidden)) throw new ClassNotFoundException(name);
        return super.loadClass(name, resolve);
      }
    });
    CliRun again;
    try {
      again = CliRun.run(concat(slice, "--out", dir.resolve("again").toString()));
    } finally {
      StateCodec.useClassLoader(app);
    }
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.err().contains("the checkpoint at step 1000 does not decode: agent 'positions': checkpoint unreadable as Object: checkpoint names class "
        + hidden + ", which this build does not have; recovering from the events alone and replaying from the first step"), again.err());
    assertTrue(again.err().contains("no checkpoint, replaying 1499 steps"), again.err());
    for (String f : PaperSessionTest.SAME_FILES) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("first").resolve(f)), Files.readAllBytes(dir.resolve("again").resolve(f)), f);
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int progress(String line) {
    Matcher m = PaperKillRecoveryTest.PROGRESS.matcher(line);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
