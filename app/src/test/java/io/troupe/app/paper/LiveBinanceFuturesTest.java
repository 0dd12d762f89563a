package io.troupe.app.paper;

import static io.troupe.app.paper.LiveBinanceRun.HISTORY;
import static io.troupe.app.paper.LiveBinanceRun.KEY;
import static io.troupe.app.paper.LiveBinanceRun.SECRET;
import static io.troupe.app.paper.LiveBinanceRun.SYMBOL;
import static io.troupe.app.paper.LiveBinanceRun.WAIT;
import static io.troupe.app.paper.LiveBinanceRun.progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.gateway.binance.BinanceCredentials;
import io.troupe.gateway.binance.BinanceMarket;
import io.troupe.gateway.binance.BinanceRestClient;
import io.troupe.gateway.binance.BinanceSettings;
import io.troupe.gateway.binance.FuturesPosition;
import io.troupe.persistence.JournalEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe live --venue binance --market usdm} in a JVM of its own against the fake Binance playing USD-M futures
 * (/fapi, ORDER_TRADE_UPDATE, positionRisk): the instrument is the venue's perpetual, the session trades on the futures
 * bars, its protective exits go out reduce-only in futures' order types; SIGKILLed between steps holding a position and
 * started again, it reconciles positionRisk and the wallet balance (realized P&L less fees) with its journal without a
 * difference; and it ends with the journaled position equal to what {@code GET /fapi/v2/positionRisk} says.
 */
class LiveBinanceFuturesTest {

  @Test
  void aFuturesSessionTradesPerpetualsAndEndsWithTheVenuesPosition(@TempDir Path dir) throws Exception {
    try (LiveBinanceRun run = new LiveBinanceRun(dir, true)) {
      var fake = run.fake;
      int end = run.end();
      PaperProcess session = run.launch();
      String venue = session.awaitLine(l -> l.startsWith("live: venue binance"), "the venue line", WAIT);
      assertTrue(venue.startsWith("live: venue binance usdm futures at " + fake.restUrl()), venue);
      assertTrue(venue.contains("account: the USD-M futures account of the API key in TROUPE_BINANCE_API_KEY"), venue);
      session.awaitLine(l -> l.contains("connected to the live stream"), "the kline stream", WAIT);
      session.awaitLine(l -> progress(l) >= HISTORY, "the history's last step", WAIT);
      assertTrue(fake.orders().isEmpty(), "no order goes out on the venue's history: " + fake.orders().keySet());
      // Bars one at a time, each step awaited: the venue's book is at the bar's close when the step's orders arrive.
      BinanceRestClient client = new BinanceRestClient(run.kit.system(), fake.settings(BinanceSettings.fromConfig(PaperRuns.config(Map.of()))),
          BinanceCredentials.of(KEY, SECRET), BinanceMarket.USDM);
      int heldOpen = 0;
      boolean restarted = false;
      for (int i = HISTORY; i <= end; i++) {
        run.serve(i);
        int step = i + 1;
        if (i == end) break; // the last bar ends the session (--to)
        String line = session.awaitLine(l -> progress(l) >= step, "step " + step, WAIT);
        // While the session says it holds a position, positionRisk has one (the venue's record, one-way mode).
        boolean open = line.contains(" 1 open position;") && venuePosition(client) != 0;
        if (open) heldOpen++;
        if (open && !restarted && i >= HISTORY + 100) {
          // Killed between steps holding a position, with trades journaled: the restart reconciles the venue's
          // positionRisk and its wallet (start + realized P&L - fees) with the journal, and finds them equal.
          session.kill();
          run.outputs.addAll(session.stderr);
          session = run.launch();
          String reconciled = session.awaitLine(l -> LiveBinanceRun.RECONCILED.matcher(l).find(), "the reconciliation", WAIT);
          assertTrue(reconciled.contains("after a restart after step " + step), reconciled);
          for (String l : session.stderr) {
            assertFalse(l.startsWith("live: reconciling: position") || l.startsWith("live: reconciling: balance"), "no position or balance difference: " + l);
            assertFalse(l.startsWith("live: reconciling: balances not compared"), l);
          }
          session.awaitLine(l -> l.contains("connected to the live stream"), "the kline stream", WAIT);
          restarted = true;
        }
      }
      assertTrue(heldOpen > 0, "the session held a position the venue's positionRisk shows");
      assertTrue(restarted, "killed and restarted holding a position");
      assertEquals(0, session.awaitExit(WAIT), session.tail());
      run.outputs.addAll(session.stderr);
      System.out.printf("LiveBinanceFuturesTest: %d orders sent, %d fills at the venue, position %s%n", fake.orders().size(), fake.trades().size(),
          fake.position(SYMBOL));

      assertFalse(fake.trades().isEmpty(), "the session traded: " + session.tail());
      // The protective exits (a bracket's stop and target) went out reduce-only, the stop as STOP_MARKET.
      int legs = 0;
      for (JsonNode o : fake.orders().values()) {
        String id = o.path("clientOrderId").asText();
        if (!id.endsWith("-sl") && !id.endsWith("-tp")) continue;
        legs++;
        assertTrue(o.path("reduceOnly").asBoolean(), "an exit leg goes out reduce-only: " + o);
        if (id.endsWith("-sl")) assertEquals("STOP_MARKET", o.path("origType").asText(), "a futures stop: " + o);
      }
      assertTrue(legs > 0, "a bracket went out: " + fake.orders().keySet());
      Map<String, Integer> sent = run.newOrdersById();
      for (var e : sent.entrySet()) assertEquals(1, e.getValue(), "client order id " + e.getKey() + " sent " + e.getValue() + " times");

      List<JournalEvent> events = run.events();
      JsonNode started = events.stream().filter(e -> e.manifest().endsWith("$SessionStarted")).findFirst().orElseThrow().payload();
      assertEquals("PERPETUAL", started.get("instruments").get(SYMBOL).get("kind").asText(), "the venue's perpetual: " + started.get("instruments"));
      assertEquals("USDT", started.get("instruments").get(SYMBOL).get("quoteCurrency").asText());
      // The journaled position is what positionRisk says (one-way mode: the net position).
      double journaled = 0;
      for (JournalEvent e : events) {
        if (!e.manifest().endsWith("$StepCompleted")) continue;
        for (JsonNode f : e.payload().get("fills")) journaled += ("BUY".equals(f.get("fill").get("side").asText()) ? 1 : -1) * f.get("fill").get("quantity").asDouble();
      }
      List<FuturesPosition> positions = client.positions().toCompletableFuture().get();
      double atVenue = positions.stream().filter(p -> p.symbol().equals(SYMBOL)).mapToDouble(FuturesPosition::quantity).sum();
      assertEquals(atVenue, journaled, 1e-9, "the journaled position is positionRisk's: " + positions);
      run.assertTheEnd(events);
    }
  }

  private static double venuePosition(BinanceRestClient client) throws Exception {
    return client.positions().toCompletableFuture().get().stream().filter(p -> p.symbol().equals(SYMBOL)).mapToDouble(FuturesPosition::quantity).sum();
  }
}
