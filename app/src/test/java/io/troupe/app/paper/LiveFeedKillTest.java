package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.cli.CliRun;
import io.troupe.app.cli.TroupeCli;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalInspector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe paper --feed} in a JVM of its own against the fake Binance, SIGKILLed while it trades on the kline
 * stream, again as a resume starts replaying, and once more after bars came while nothing ran; each time started again
 * with the same command. The finished session's recording is what the venue served, bar for bar, each step and each
 * fill is journaled once, and its trades, orders and equity are a backtest's of the recording, byte for byte: nothing
 * lost, nothing twice.
 */
class LiveFeedKillTest {
  static final int BARS = 1100;
  static final Pattern CONNECTED = Pattern.compile("paper: feed binance:BTCUSDT: connected to the live stream");
  static final Pattern RESUMING = Pattern.compile("paper: resuming session '[^']*': (\\d+) steps journaled");
  static final long WAIT_SECONDS = 120;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", PaperRuns.HOME.toString());
  }

  @Test
  void aSessionOnTheLiveFeedKilledAndResumedLosesAndRepeatsNothing(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("state");
    Path out = dir.resolve("paper");
    Random random = new Random(20261201);
    try (LiveFeed feed = new LiveFeed(BARS + 1, 300)) {
      List<String> args = new ArrayList<>(List.of("--state", state.toString(), "--out", out.toString(), "--http", "off", "--to", feed.time(BARS),
          "--progress-every", "10", "--set", "troupe.paper.checkpoint-every=200"));
      args.addAll(feed.options());

      // Live on the stream, killed mid-way.
      PaperProcess first = PaperProcess.start(args, Map.of(), 0, dir.resolve("stdout-1.txt"));
      first.awaitLine(l -> CONNECTED.matcher(l).find(), "the kline stream", WAIT_SECONDS);
      feed.serveUpTo(650);
      int k1 = 400 + random.nextInt(240);
      int done = progress(first.awaitLine(l -> progress(l) >= k1, "live step " + k1, WAIT_SECONDS));
      first.kill();

      // Killed as its replay starts.
      PaperProcess second = PaperProcess.start(args, Map.of(), 0, dir.resolve("stdout-2.txt"));
      assertDurable(second.awaitLine(l -> RESUMING.matcher(l).find(), "the resume", WAIT_SECONDS), done);
      second.kill();

      // Bars served while nothing ran come from the venue's history, then the stream again; killed mid-way.
      feed.serveUpTo(800);
      PaperProcess third = PaperProcess.start(args, Map.of(), 0, dir.resolve("stdout-3.txt"));
      assertDurable(third.awaitLine(l -> RESUMING.matcher(l).find(), "the resume", WAIT_SECONDS), done);
      third.awaitLine(l -> CONNECTED.matcher(l).find(), "the kline stream", WAIT_SECONDS);
      feed.serveUpTo(1000);
      int k2 = 850 + random.nextInt(140);
      done = progress(third.awaitLine(l -> progress(l) >= k2, "live step " + k2, WAIT_SECONDS));
      third.kill();

      // To the end (--to).
      PaperProcess last = PaperProcess.start(args, Map.of(), 0, dir.resolve("stdout-4.txt"));
      assertDurable(last.awaitLine(l -> RESUMING.matcher(l).find(), "the resume", WAIT_SECONDS), done);
      last.awaitLine(l -> CONNECTED.matcher(l).find(), "the kline stream", WAIT_SECONDS);
      feed.serveUpTo(BARS + 1);
      assertEquals(0, last.awaitExit(WAIT_SECONDS), last.tail());

      feed.assertRecorded(state, PaperSession.DEFAULT_ID, BARS);
      try (JournalInspector j = JournalInspector.open(JournalConfig.h2(state))) {
        PaperKillRecoveryTest.assertEveryStepOnce(j.events(PaperSession.DEFAULT_ID), BARS);
      }
      assertEquals(0, TroupeCli.newCommandLine().execute("journal", "verify", "--state", state.toString()));
      Path recorded = PaperRunner.recordingFolder(state, PaperSession.DEFAULT_ID).resolve("BTCUSDT-1m.csv");
      CliRun backtest = CliRun.run("backtest", "--data", recorded.toString(), "--config", recorded.resolveSibling("instruments.conf").toString(), "--out", dir.resolve("backtest").toString(), "--quiet");
      assertEquals(0, backtest.exit(), backtest.err());
      for (String f : PaperSessionTest.SAME_FILES) {
        assertArrayEquals(Files.readAllBytes(dir.resolve("backtest").resolve(f)), Files.readAllBytes(out.resolve(f)), f);
      }
      assertTrue(Files.readAllLines(out.resolve("trades.csv")).size() > 1, "the session should trade");
      assertTrue(Files.readAllLines(out.resolve("orders.csv")).size() > 1, "the session should order");
    }
  }

  /** A step reported done had its start journaled before it ran: a resume finds at least that many. */
  private static void assertDurable(String resuming, int reported) {
    Matcher m = RESUMING.matcher(resuming);
    assertTrue(m.find(), resuming);
    assertTrue(Integer.parseInt(m.group(1)) >= reported, "step " + reported + " was reported done before the kill: " + resuming);
  }

  private static int progress(String line) {
    Matcher m = PaperKillRecoveryTest.PROGRESS.matcher(line);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
