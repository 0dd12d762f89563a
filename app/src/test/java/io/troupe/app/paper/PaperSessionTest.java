package io.troupe.app.paper;

import static io.troupe.app.cli.CliRun.run;

import io.troupe.app.cli.CliRun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalEvent;
import io.troupe.persistence.JournalInspector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code troupe paper} in this JVM, on H2: the same files as a backtest, a finished session resumes at its end, other data is refused. */
class PaperSessionTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String BTC = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();
  static final List<String> SAME_FILES = List.of("trades.csv", "orders.csv", "equity.csv");

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }


  static List<JournalEvent> events(Path state) throws Exception {
    try (JournalInspector j = JournalInspector.open(JournalConfig.h2(state))) {
      return j.events(PaperSession.DEFAULT_ID);
    }
  }

  static long count(List<JournalEvent> events, String type) {
    return events.stream().filter(e -> e.manifest().endsWith("$" + type)).count();
  }

  @Test
  void aPaperRunWritesTheBacktestsFilesAndASecondRunResumesAtTheEnd(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("state");
    String[] slice = {"--data", BTC, "--to", "2022-01-02"};
    CliRun backtest = run(concat(concat(new String[] {"backtest"}, slice), "--out", dir.resolve("backtest").toString(), "--quiet"));
    assertEquals(0, backtest.exit(), backtest.err());

    CliRun paper = run(concat(concat(new String[] {"paper"}, slice), "--speed", "max", "--state", state.toString(), "--out", dir.resolve("paper").toString()));
    assertEquals(0, paper.exit(), paper.err());
    assertTrue(paper.out().contains("0 steps replayed") && paper.out().contains("1499 live"), paper.out());
    for (String f : SAME_FILES) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("backtest").resolve(f)), Files.readAllBytes(dir.resolve("paper").resolve(f)), f);
    }
    assertTrue(Files.readAllLines(dir.resolve("paper/trades.csv")).size() > 1, "the slice should trade");
    List<JournalEvent> first = events(state);
    assertEquals(1, count(first, "SessionStarted"));
    assertEquals(1499, count(first, "StepRecorded"));
    assertEquals(1499, count(first, "StepCompleted"));
    assertTrue(count(first, "TradingStateRecorded") >= 1, "the state the session went live in is journaled");
    assertEquals(1, count(first, "Checkpointed"), "the agents are checkpointed every 1000 steps");

    CliRun again = run(concat(concat(new String[] {"paper"}, slice), "--speed", "max", "--state", state.toString(), "--out", dir.resolve("again").toString()));
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.err().contains("1499 steps journaled, 1499 completed; agents from the checkpoint at step 1000, replaying 499 steps"), again.err());
    assertTrue(again.out().contains("499 steps replayed") && again.out().contains("0 live"), again.out());
    for (String f : SAME_FILES) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("paper").resolve(f)), Files.readAllBytes(dir.resolve("again").resolve(f)), f);
    }
    // Without the checkpoint (as after an upgrade): recovered from the events alone, every step replayed and checked.
    CliRun full = run(concat(concat(new String[] {"paper"}, slice), "--speed", "max", "--state", state.toString(), "--out", dir.resolve("full").toString(),
        "--set", "troupe.paper.use-checkpoints=off"));
    assertEquals(0, full.exit(), full.err());
    assertTrue(full.err().contains("checkpoints are off") && full.err().contains("no checkpoint, replaying 1499 steps"), full.err());
    for (String f : SAME_FILES) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("paper").resolve(f)), Files.readAllBytes(dir.resolve("full").resolve(f)), f);
    }

    List<JournalEvent> second = events(state);
    assertEquals(1499, count(second, "StepRecorded"), "no step journaled twice");
    assertEquals(1499, count(second, "StepCompleted"), "no fill journaled twice");
    assertEquals(2, count(second, "Reconciled"));
    JournalEvent reconciled = second.stream().filter(e -> e.manifest().endsWith("$Reconciled")).findFirst().orElseThrow();
    assertEquals(0, reconciled.payload().get("differences").size(), reconciled.payload().toString());
    assertEquals(1499, reconciled.payload().get("step").asLong());

    CliRun verify = run("journal", "verify", "--state", state.toString());
    assertEquals(0, verify.exit(), verify.out() + verify.err());
    assertTrue(verify.out().contains("verify: ok") && verify.out().contains("position BTC-PERP 0.0 = sum of its fills 0.0"), verify.out());
  }

  /**
   * The agents of a paper session keep only a window of their history (here 2 of each: equity points, trades, final
   * orders, regime changes); the files at its end are rebuilt from the journal, and are the backtest's byte for byte,
   * in one run and in a resume from a checkpoint that holds only the window.
   */
  @Test
  void withAHistoryWindowFarSmallerThanTheSessionTheFilesAreStillTheBacktests(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("state");
    String[] slice = {"--data", BTC, "--to", "2022-01-02"};
    CliRun backtest = run(concat(concat(new String[] {"backtest"}, slice), "--out", dir.resolve("backtest").toString(), "--quiet"));
    assertEquals(0, backtest.exit(), backtest.err());
    String[] windowed = {"--speed", "max", "--state", state.toString(), "--set", "troupe.paper.history-window=2", "--set", "troupe.paper.checkpoint-every=500"};
    CliRun paper = run(concat(concat(concat(new String[] {"paper"}, slice), windowed), "--out", dir.resolve("paper").toString()));
    assertEquals(0, paper.exit(), paper.err());
    assertTrue(Files.readAllLines(dir.resolve("paper/trades.csv")).size() > 3, "more trades than the window");
    assertTrue(Files.readAllLines(dir.resolve("paper/orders.csv")).size() > 3, "more orders than the window");
    CliRun again = run(concat(concat(concat(new String[] {"paper"}, slice), windowed), "--out", dir.resolve("again").toString()));
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.err().contains("agents from the checkpoint at step 1000, replaying 499 steps"), again.err());
    for (String f : SAME_FILES) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("backtest").resolve(f)), Files.readAllBytes(dir.resolve("paper").resolve(f)), f);
      assertArrayEquals(Files.readAllBytes(dir.resolve("backtest").resolve(f)), Files.readAllBytes(dir.resolve("again").resolve(f)), f);
    }
  }

  @Test
  void resumingOnOtherDataOrSettingsExitsTwoNamingWhereTheyDisagree(@TempDir Path dir) throws Exception {
    // A small file of its own, so one of its bars can change between the runs.
    Path data = dir.resolve("btc-perp_1m.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(BTC)).subList(0, 401));
    Files.write(data, lines);
    Path state = dir.resolve("state");
    String[] paper = {"paper", "--data", data.toString(), "--speed", "max", "--state", state.toString(), "--out", dir.resolve("out").toString(), "--quiet"};
    assertEquals(0, run(paper).exit());

    CliRun otherCash = run(concat(paper, "--cash", "5000"));
    assertEquals(2, otherCash.exit());
    assertTrue(otherCash.err().contains("other settings: cash = 10000.0 in the journal, 5000.0 now"), otherCash.err());

    // Line 301 holds bar 300: give it another volume.
    String[] cells = lines.get(300).split(",");
    cells[5] = "1.5";
    lines.set(300, String.join(",", cells));
    Files.write(data, lines);
    CliRun otherBars = run(paper);
    assertEquals(2, otherBars.exit());
    assertTrue(otherBars.err().contains("the data disagrees with the journal at step 300"), otherBars.err());

    Files.write(data, lines.subList(0, 201));
    CliRun shorter = run(paper);
    assertEquals(2, shorter.exit());
    assertTrue(shorter.err().contains("the journal recorded 400 steps, the data has only 200"), shorter.err());
  }

  @Test
  void speedScalesEventTimeToWallTime(@TempDir Path dir) {
    // 61 one-minute bars at 7200x: 60 minutes of event time between the first and the last step take 0.5 s.
    CliRun r = run("paper", "--data", BTC, "--to", "2022-01-01T00:02:00Z", "--speed", "7200", "--state", dir.resolve("state").toString(),
        "--out", dir.resolve("out").toString());
    assertEquals(0, r.exit(), r.err());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("61 live in ([0-9.]+) s").matcher(r.out());
    assertTrue(m.find(), r.out());
    double seconds = Double.parseDouble(m.group(1));
    assertTrue(seconds >= 0.49 && seconds < 30, "paced live run took " + seconds + " s");
  }

  @Test
  void badUsageExitsTwo(@TempDir Path dir) {
    CliRun noState = run("paper", "--data", BTC, "--speed", "max", "--out", dir.toString());
    assertEquals(2, noState.exit());
    assertTrue(noState.err().contains("--state"), noState.err());
    CliRun badSpeed = run("paper", "--data", BTC, "--speed", "fast", "--state", dir.toString(), "--out", dir.toString());
    assertEquals(2, badSpeed.exit());
    assertTrue(badSpeed.err().contains("--speed: 'fast'"), badSpeed.err());
    Path state = dir.resolve("state");
    CliRun shortRetention = run("paper", "--data", BTC, "--speed", "max", "--state", state.toString(), "--out", dir.resolve("out").toString(),
        "--set", "troupe.paper.h2.retention=2s");
    assertEquals(2, shortRetention.exit(), shortRetention.err());
    assertTrue(shortRetention.err().contains("troupe.paper.h2.retention: must be at least 5 x troupe.paper.h2.sync-every (5000 ms), got 2000 ms"),
        shortRetention.err());
    assertTrue(!Files.exists(state.resolve("journal.mv.db")), "nothing written");
    CliRun noSync = run("paper", "--data", BTC, "--speed", "max", "--state", state.toString(), "--out", dir.resolve("out").toString(),
        "--set", "troupe.paper.h2.sync-every=0s");
    assertEquals(2, noSync.exit(), noSync.err());
    assertTrue(noSync.err().contains("troupe.paper.h2.sync-every: must be longer than 0, got"), noSync.err());
  }

  static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
