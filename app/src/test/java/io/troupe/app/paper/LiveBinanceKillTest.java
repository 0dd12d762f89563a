package io.troupe.app.paper;

import static io.troupe.app.paper.LiveBinanceRun.HISTORY;
import static io.troupe.app.paper.LiveBinanceRun.KEY;
import static io.troupe.app.paper.LiveBinanceRun.SECRET;
import static io.troupe.app.paper.LiveBinanceRun.SYMBOL;
import static io.troupe.app.paper.LiveBinanceRun.WAIT;
import static io.troupe.app.paper.LiveBinanceRun.progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.gateway.binance.BinanceCredentials;
import io.troupe.gateway.binance.BinanceRestClient;
import io.troupe.gateway.binance.BinanceSettings;
import io.troupe.persistence.JournalEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe live --venue binance} in a JVM of its own against the fake Binance (orders, user-data stream and
 * klines on one localhost port), SIGKILLed between steps with an order of its own working at the venue; that order
 * trades while nothing runs; the same command again, run by another build (the same code under another fingerprint:
 * {@link PaperProcess#anotherBuild}), resumes from the last step's checkpoint, reconciles (the fill made
 * while it was down is journaled as found and applied once), and runs to --to. No client order id went to the venue
 * twice, every fill at the venue is journaled once, {@code journal verify} passes, the journaled position is the
 * venue's, and the API secret is in no output and nowhere in the state folder.
 */
class LiveBinanceKillTest {

  static final java.util.regex.Pattern ACROSS =
      java.util.regex.Pattern.compile("live: the checkpoint at step (\\d+) \\(written by build (\\w+), this is (\\w+)\\) is in format 1 and decodes");

  @Test
  void killedWithAnOrderWorkingItResumesReconciledWithNothingSentTwice(@TempDir Path dir) throws Exception {
    try (LiveBinanceRun run = new LiveBinanceRun(dir)) {
      var fake = run.fake;
      int end = run.end();
      PaperProcess first = run.launch();
      first.awaitLine(l -> l.startsWith("live: risk limits:"), "the risk limits", WAIT);
      first.awaitLine(l -> l.contains("connected to the live stream"), "the kline stream", WAIT);
      first.awaitLine(l -> progress(l) >= HISTORY, "the history's last step", WAIT);
      assertTrue(fake.orders().isEmpty(), "no order goes out on the venue's history (the warm-up): " + fake.orders().keySet());
      // Bars one at a time, each step awaited, until an order of the session works at the venue (a bracket's stop or
      // target once an entry has filled, or a resting entry).
      int served = HISTORY;
      JsonNode working = null;
      while (working == null) {
        assertTrue(served < end - 20, "no order working at the venue by bar " + served + "; standard error:\n" + first.tail());
        run.serve(served);
        int step = served + 1;
        first.awaitLine(l -> progress(l) >= step, "step " + step, WAIT);
        served++;
        working = run.openOrder();
      }
      first.kill();
      run.outputs.addAll(first.stderr);
      assertTrue(first.stderr.stream().anyMatch(l -> l.startsWith("live: caught up with the feed at step")), first.tail());

      // While nothing runs the order trades at the venue (another participant's trade at its price).
      String workingId = working.path("clientOrderId").asText();
      double price = working.path("type").asText().startsWith("STOP") ? working.path("stopPrice").asDouble() : working.path("price").asDouble();
      double left = working.path("origQty").asDouble() - working.path("executedQty").asDouble();
      fake.trade(SYMBOL, price, left);
      assertEquals("FILLED", fake.orders().get(workingId).path("status").asText(), "the working order filled while Troupe was down");
      // And another client puts an order on the account: not the session's, so it is cancelled (troupe.venue.unknown-orders).
      BinanceRestClient other = new BinanceRestClient(run.kit.system(), fake.settings(BinanceSettings.fromConfig(PaperRuns.config(Map.of()))),
          BinanceCredentials.of(KEY, SECRET));
      other.newOrder(Map.of("symbol", SYMBOL, "side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.001", "price", "1000",
          "newClientOrderId", "someone-else-1")).toCompletableFuture().get();
      int ordersAtKill = fake.orders().size();
      // And the account's USDT changes while Troupe is down (a deposit): one balance difference, and no other asset's.
      fake.deposit("USDT", 250);

      // The restart is another build (the same code under another fingerprint): the last step's checkpoint is in the
      // format that build reads and decodes, so it resumes from it (before versioned checkpoints it was refused, exit 2).
      PaperProcess second = run.launch(PaperProcess.anotherBuild(dir));
      String api = second.awaitLine(l -> l.startsWith("http: the API is at "), "the API", WAIT);
      String across = second.awaitLine(l -> ACROSS.matcher(l).find(), "the checkpoint read across builds", WAIT);
      java.util.regex.Matcher m = ACROSS.matcher(across);
      assertTrue(m.find());
      assertNotEquals(m.group(2), m.group(3), "the restart is another build: " + across);
      assertEquals(served, Integer.parseInt(m.group(1)), "the checkpoint of the last completed step");
      String reconciled = second.awaitLine(l -> LiveBinanceRun.RECONCILED.matcher(l).find(), "the reconciliation", WAIT);
      assertTrue(reconciled.contains("after a restart after step " + served), reconciled);
      assertTrue(second.stderr.stream().anyMatch(l -> l.startsWith("live: reconciling: fill_while_down " + workingId.substring(workingId.indexOf('-') + 1))),
          "the fill made while down is found: " + second.tail());
      second.awaitLine(l -> l.contains("connected to the live stream"), "the kline stream", WAIT);
      assertEquals(ordersAtKill, fake.orders().size(), "nothing sent while the session rebuilt and reconciled");
      assertEquals("CANCELED", fake.orders().get("someone-else-1").path("status").asText(), "the unknown order is cancelled");
      // Until a bar comes from the stream the session holds its orders, and says so.
      assertEquals("RECONCILING", LiveBinanceRun.tradingState(api), "/status while the session has not caught up");
      run.serve(served);
      int firstAfter = served + 1;
      second.awaitLine(l -> progress(l) >= firstAfter, "step " + firstAfter, WAIT);
      assertEquals("ACTIVE", LiveBinanceRun.tradingState(api), "/status once caught up");
      for (int i = served + 1; i <= end; i++) run.serve(i);
      assertEquals(0, second.awaitExit(WAIT), second.tail());
      run.outputs.addAll(second.stderr);
      for (String l : run.outputs) if (l.startsWith("live:")) System.out.println("LiveBinanceKillTest child: " + l);
      System.out.printf("LiveBinanceKillTest: killed after step %d with %s working; %d orders sent, %d fills at the venue%n", served, workingId,
          fake.orders().size(), fake.trades().size());

      // Nothing sent twice: each client order id went out in one new order.
      Map<String, Integer> sent = run.newOrdersById();
      assertFalse(sent.isEmpty());
      sent.remove("someone-else-1");
      for (var e : sent.entrySet()) assertEquals(1, e.getValue(), "client order id " + e.getKey() + " sent " + e.getValue() + " times");
      assertEquals(1, sent.getOrDefault(workingId, 0));

      List<JournalEvent> events = run.events();
      assertTrue(events.stream().anyMatch(e -> e.manifest().endsWith("$VenueDifference") && e.payload().get("kind").asText().equals("fill_while_down")),
          "the fill made while down is journaled as found");
      assertTrue(events.stream().anyMatch(e -> e.manifest().endsWith("$VenueDifference") && e.payload().get("kind").asText().equals("unknown_order")
          && e.payload().get("subject").asText().equals("someone-else-1") && e.payload().get("action").asText().equals("cancel")), "the unknown order journaled");
      assertTrue(events.stream().anyMatch(e -> e.manifest().endsWith("$TradingStateRecorded") && e.payload().get("state").asText().equals("RECONCILING")));
      // The balances: USDT off by the deposit alone (the journaled fills, their fees and the fill found while down
      // explain the rest), BTC as expected; one balance difference in the journal, printed and counted in Reconciled.
      List<JsonNode> balances = events.stream().filter(e -> e.manifest().endsWith("$VenueDifference") && e.payload().get("kind").asText().equals("balance"))
          .map(JournalEvent::payload).toList();
      assertEquals(1, balances.size(), "one balance difference: " + balances);
      assertEquals("USDT", balances.get(0).get("subject").asText());
      assertTrue(balances.get(0).get("detail").asText().contains("off by 250"), balances.get(0).toString());
      assertTrue(run.outputs.stream().anyMatch(l -> l.startsWith("live: reconciling: balance USDT: ")), "the balance difference printed");
      assertTrue(events.stream().anyMatch(e -> e.manifest().endsWith("$Reconciled") && e.payload().get("differences").toString().contains("balance USDT")),
          "counted in Reconciled");
      run.assertTheEnd(events);
    }
  }
}
