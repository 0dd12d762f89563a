package io.troupe.app.paper;

import static io.troupe.app.paper.LiveBinanceRun.HISTORY;
import static io.troupe.app.paper.LiveBinanceRun.WAIT;
import static io.troupe.app.paper.LiveBinanceRun.progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.gateway.binance.FakeBinance;
import io.troupe.persistence.JournalEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe live --venue binance} SIGKILLed in the middle of a step, with an order in flight: it reached the
 * venue (the fake's late-ack fault: taken at once, its answer held back) and its answer never came. The same command
 * again finds the order by its client order id (the ids the restored order manager gives next), takes it back into
 * the book with its fills, runs the step again without sending it, and goes on to --to: that id went out in one new
 * order, every venue trade is journaled once, the position is the venue's.
 */
class LiveBinanceInFlightKillTest {

  @Test
  void killedWithAnOrderInFlightTheRestartFindsItByItsIdAndNeverSendsItTwice(@TempDir Path dir) throws Exception {
    // The answer is held back longer than the session waits: the step is still waiting for it when it is killed.
    try (LiveBinanceRun run = new LiveBinanceRun(dir, "--set", "troupe.venue.binance.request-timeout=3m")) {
      FakeBinance fake = run.fake;
      PaperProcess first = run.launch();
      first.awaitLine(l -> l.contains("connected to the live stream"), "the kline stream", WAIT);
      first.awaitLine(l -> progress(l) >= HISTORY, "the history's last step", WAIT);
      fake.lateAcks(1_000, Duration.ofMinutes(2));
      int served = HISTORY;
      while (fake.orders().isEmpty()) {
        assertTrue(served < run.end() - 20, "no order sent by bar " + served + "; standard error:\n" + first.tail());
        run.serve(served);
        int step = served + 1;
        boolean[] stepDone = {false};
        FakeBinance.await(() -> !fake.orders().isEmpty() || (stepDone[0] |= first.sawLine(l -> progress(l) >= step)), Duration.ofSeconds(WAIT),
            "step " + step + " or an order");
        served++;
      }
      first.kill(); // the order is at the venue; its answer has not come back
      run.outputs.addAll(first.stderr);
      JsonNode inFlight = fake.orders().values().iterator().next();
      String venueId = inFlight.path("clientOrderId").asText();
      String orderId = venueId.substring(venueId.indexOf('-') + 1);
      List<JournalEvent> atKill = run.events();
      long recorded = atKill.stream().filter(e -> e.manifest().endsWith("$StepRecorded")).count();
      long completed = atKill.stream().filter(e -> e.manifest().endsWith("$StepCompleted")).count();
      assertEquals(served, recorded, "the step that sent it was started");
      assertEquals(served - 1, completed, "and never completed: killed in the middle of it");
      fake.lateAcks(0, Duration.ZERO);
      // While nothing runs, the entry in flight fills (another participant's trade at its price), so the restart takes
      // back a filled entry, which must get its protection.
      JsonNode atVenue = fake.orders().get(venueId);
      if (!atVenue.path("status").asText().equals("FILLED")) {
        fake.trade(LiveBinanceRun.SYMBOL, atVenue.path("price").asDouble(), atVenue.path("origQty").asDouble() - atVenue.path("executedQty").asDouble());
      }
      assertEquals("FILLED", fake.orders().get(venueId).path("status").asText(), "the entry in flight filled while Troupe was down");
      int ordersAtKill = fake.orders().size();
      int rerun = served;

      PaperProcess second = run.launch();
      String reconciled = second.awaitLine(l -> LiveBinanceRun.RECONCILED.matcher(l).find(), "the reconciliation", WAIT);
      assertTrue(reconciled.contains("after a restart after step " + (served - 1)), reconciled);
      assertTrue(second.stderr.stream().anyMatch(l -> l.startsWith("live: reconciling: in_flight " + orderId + ": ") && l.contains("taken back")),
          "the order in flight is found by its id: " + second.tail());
      second.awaitLine(l -> l.contains("connected to the live stream"), "the kline stream", WAIT);
      second.awaitLine(l -> progress(l) >= rerun, "the step run again", WAIT);
      assertEquals(ordersAtKill, fake.orders().size(), "nothing sent while the session rebuilt, reconciled and ran the step again");
      for (int i = served; i <= run.end(); i++) run.serve(i);
      assertEquals(0, second.awaitExit(WAIT), second.tail());
      run.outputs.addAll(second.stderr);
      System.out.printf("LiveBinanceInFlightKillTest: killed in step %d with %s in flight (%s); %d orders sent, %d fills at the venue%n", served, venueId,
          inFlight.path("type").asText(), fake.orders().size(), fake.trades().size());

      Map<String, Integer> sent = run.newOrdersById();
      assertEquals(1, sent.get(venueId), "the order in flight went out once");
      for (var e : sent.entrySet()) assertEquals(1, e.getValue(), "client order id " + e.getKey() + " sent " + e.getValue() + " times");
      List<JournalEvent> events = run.events();
      assertTrue(events.stream().anyMatch(e -> e.manifest().endsWith("$VenueDifference") && e.payload().get("kind").asText().equals("in_flight")
          && e.payload().get("subject").asText().equals(orderId) && e.payload().get("action").asText().equals("recover")), "journaled as taken back");
      // Its fill, not yet journaled when the session reconciled, explains the balances: no balance difference.
      assertTrue(events.stream().noneMatch(e -> e.manifest().endsWith("$VenueDifference") && e.payload().get("kind").asText().equals("balance")),
          "the balances agree: " + second.tail());
      // The recovered entry is protected like any: once it has filled, its bracket's stop goes out (reduce-only) when
      // RECONCILING is over, at the exit settings' stop (its signal's was lost with the step).
      JsonNode stop = fake.orders().get(venueId + "-sl");
      assertTrue(stop != null, "the recovered entry's stop went out: " + fake.orders().keySet());
      assertEquals(inFlight.path("side").asText().equals("BUY") ? "SELL" : "BUY", stop.path("side").asText(), stop.toString());
      assertEquals(inFlight.path("origQty").asDouble(), stop.path("origQty").asDouble(), 1e-12, "for the whole entry: " + stop);
      System.out.printf("LiveBinanceInFlightKillTest: the recovered entry %s filled while down; its stop %s%n", orderId, stop);
      long entryNumber = fake.orders().get(venueId).path("orderId").asLong();
      for (JsonNode t : fake.trades()) {
        if (t.path("orderId").asLong() != entryNumber) continue;
        String tradeId = "binance-" + LiveBinanceRun.SYMBOL + "-" + t.path("id").asText();
        assertTrue(LiveBinanceRun.journaledFillIds(events).contains(tradeId), "its fill is the session's, journaled: " + tradeId);
      }
      run.assertTheEnd(events);
    }
  }
}
