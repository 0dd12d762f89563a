package io.troupe.app.paper;

import static io.troupe.app.paper.LiveBinanceRun.HISTORY;
import static io.troupe.app.paper.LiveBinanceRun.WAIT;
import static io.troupe.app.paper.LiveBinanceRun.progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe live --venue binance} SIGKILLed between steps with an order of its own working at the fake Binance,
 * then restarted by another build (the same code under another fingerprint: {@link PaperProcess#anotherBuild}): the
 * last step's checkpoint is in the format that build reads and decodes, so it resumes from it (before versioned
 * checkpoints it was refused, exit 2), reconciles, sends nothing twice and runs to --to.
 */
class LiveBinanceNewBuildTest {

  static final Pattern ACROSS = Pattern.compile("live: the checkpoint at step (\\d+) \\(written by build (\\w+), this is (\\w+)\\) is in format 1 and decodes");

  @Test
  void aNewBuildResumesALiveSessionFromItsCheckpoint(@TempDir Path dir) throws Exception {
    try (LiveBinanceRun run = new LiveBinanceRun(dir)) {
      var fake = run.fake;
      int end = run.end();
      PaperProcess first = run.launch();
      first.awaitLine(l -> l.contains("connected to the live stream"), "the kline stream", WAIT);
      first.awaitLine(l -> progress(l) >= HISTORY, "the history's last step", WAIT);
      int served = HISTORY;
      while (run.openOrder() == null) {
        assertTrue(served < end - 20, "no order working at the venue by bar " + served + "; standard error:\n" + first.tail());
        run.serve(served);
        int step = served + 1;
        first.awaitLine(l -> progress(l) >= step, "step " + step, WAIT);
        served++;
      }
      String workingId = run.openOrder().path("clientOrderId").asText();
      first.kill();
      run.outputs.addAll(first.stderr);
      int ordersAtKill = fake.orders().size();

      PaperProcess second = run.launch(PaperProcess.anotherBuild(dir));
      String across = second.awaitLine(l -> ACROSS.matcher(l).find(), "the checkpoint read across builds", WAIT);
      Matcher m = ACROSS.matcher(across);
      assertTrue(m.find());
      assertNotEquals(m.group(2), m.group(3), "the restart is another build: " + across);
      assertEquals(served, Integer.parseInt(m.group(1)), "the checkpoint of the last completed step");
      String reconciled = second.awaitLine(l -> LiveBinanceRun.RECONCILED.matcher(l).find(), "the reconciliation", WAIT);
      assertTrue(reconciled.contains("after a restart after step " + served), reconciled);
      second.awaitLine(l -> l.contains("connected to the live stream"), "the kline stream", WAIT);
      assertEquals(ordersAtKill, fake.orders().size(), "nothing sent while the session rebuilt and reconciled");
      for (int i = served; i <= end; i++) run.serve(i);
      assertEquals(0, second.awaitExit(WAIT), second.tail());
      run.outputs.addAll(second.stderr);

      Map<String, Integer> sent = run.newOrdersById();
      assertFalse(sent.isEmpty());
      for (var e : sent.entrySet()) assertEquals(1, e.getValue(), "client order id " + e.getKey() + " sent " + e.getValue() + " times");
      assertEquals(1, sent.getOrDefault(workingId, 0), "the order working at the kill was not sent again");
      run.assertTheEnd(run.events());
    }
  }
}
