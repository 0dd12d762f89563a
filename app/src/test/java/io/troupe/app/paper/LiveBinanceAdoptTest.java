package io.troupe.app.paper;

import static io.troupe.app.paper.LiveBinanceRun.HISTORY;
import static io.troupe.app.paper.LiveBinanceRun.KEY;
import static io.troupe.app.paper.LiveBinanceRun.SECRET;
import static io.troupe.app.paper.LiveBinanceRun.SYMBOL;
import static io.troupe.app.paper.LiveBinanceRun.WAIT;
import static io.troupe.app.paper.LiveBinanceRun.progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.gateway.binance.BinanceCredentials;
import io.troupe.gateway.binance.BinanceRestClient;
import io.troupe.gateway.binance.BinanceSettings;
import io.troupe.gateway.binance.FakeBinance;
import io.troupe.persistence.JournalEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe live --venue binance} with {@code troupe.venue.unknown-orders = adopt}: another client's resting order,
 * partly filled before the session starts, is adopted at the start; it fills further while the session runs (that fill
 * journaled once, in Troupe's account; the one before never), it is in the journal's orders, and the operator cancels
 * it through the API: the cancel reaches Binance under its own client order id.
 */
class LiveBinanceAdoptTest {
  private static final String OPERATOR = "op-secret-adopt-5c1e9a";

  @Test
  void anAdoptedOrderIsManagedItsFillsJournaledOnceAndTheOperatorCancelsIt(@TempDir Path dir) throws Exception {
    Path tokens = dir.resolve("tokens");
    Files.writeString(tokens, "alice operator " + OPERATOR + "\n");
    Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
    try (LiveBinanceRun run = new LiveBinanceRun(dir, "--set", "troupe.venue.unknown-orders=adopt", "--tokens", tokens.toString())) {
      FakeBinance fake = run.fake;
      // The account pays its fees in BNB: the session converts each at Binance's price of BNBUSDT.
      fake.deposit("BNB", 100).feesIn("BNB", 300).ticker("BNBUSDT", 312.5);
      double market = run.bars.get(HISTORY - 1).close();
      double price = Math.floor(market * 0.8);
      BinanceRestClient other = new BinanceRestClient(run.kit.system(), fake.settings(BinanceSettings.fromConfig(PaperRuns.config(Map.of()))),
          BinanceCredentials.of(KEY, SECRET));
      other.newOrder(Map.of("symbol", SYMBOL, "side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.01", "price", Long.toString((long) price),
          "newClientOrderId", "manual-1")).toCompletableFuture().get();
      fake.trade(SYMBOL, price, 0.004); // someone sells into it before the session starts: not the session's fill
      String before = "binance-" + SYMBOL + "-" + fake.trades().get(0).path("id").asText();
      fake.trade(SYMBOL, market, 0);

      PaperProcess session = run.launch();
      String api = session.awaitLine(l -> l.startsWith("http: the API is at "), "the API", WAIT);
      String adopted = session.awaitLine(l -> l.startsWith("live: reconciling: unknown_order manual-1"), "the adoption", WAIT);
      assertTrue(adopted.contains("adopted: in the order book"), adopted);
      session.awaitLine(l -> progress(l) >= HISTORY, "the history's last step", WAIT);
      int served = HISTORY;
      run.serve(served++);
      session.awaitLine(l -> progress(l) >= HISTORY + 1, "the first live step", WAIT);
      // It fills further while the session runs: that fill is the session's.
      fake.trade(SYMBOL, price, 0.002);
      String after = "binance-" + SYMBOL + "-" + fake.trades().get(fake.trades().size() - 1).path("id").asText();
      run.serve(served++);
      int step = served;
      session.awaitLine(l -> progress(l) >= step, "step " + step, WAIT);
      // The operator cancels it like any working order of the session.
      String base = api.substring("http: the API is at ".length(), api.indexOf(' ', "http: the API is at ".length()));
      HttpResponse<String> cancel = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/orders/manual-1/cancel"))
          .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Authorization", "Bearer " + OPERATOR)
          .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"not ours to keep\"}")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, cancel.statusCode(), cancel.body());
      run.serve(served++);
      FakeBinance.await(() -> fake.orders().get("manual-1").path("status").asText().equals("CANCELED"), Duration.ofSeconds(WAIT), "the cancel at Binance");
      for (int i = served; i <= run.end(); i++) run.serve(i);
      assertEquals(0, session.awaitExit(WAIT), session.tail());
      run.outputs.addAll(session.stderr);

      List<JournalEvent> events = run.events();
      assertTrue(events.stream().anyMatch(e -> e.manifest().endsWith("$VenueDifference") && e.payload().get("subject").asText().equals("manual-1")
          && e.payload().get("action").asText().equals("adopt")), "journaled as adopted");
      boolean booked = false;
      String lastStatus = null;
      for (JournalEvent e : events) {
        if (!e.manifest().endsWith("$StepCompleted")) continue;
        for (JsonNode o : e.payload().get("orders")) {
          if (!o.path("orderId").asText().equals("manual-1")) continue;
          booked = true;
          lastStatus = o.path("status").asText();
        }
      }
      assertTrue(booked, "in the journal's orders (and so the read side's)");
      assertEquals("CANCELED", lastStatus);
      List<String> fills = LiveBinanceRun.journaledFillIds(events);
      assertTrue(fills.contains(after), "its fill while the session ran is journaled: " + fills);
      assertEquals(1, fills.stream().filter(after::equals).count());
      assertTrue(!fills.contains(before), "the fill before the adoption is not the session's");
      // Each fill's fee journaled as charged (BNB) and converted at Binance's price into the quote currency.
      int converted = 0;
      for (JournalEvent e : events) {
        if (!e.manifest().endsWith("$StepCompleted")) continue;
        for (JsonNode f : e.payload().get("fills")) {
          JsonNode fill = f.get("fill");
          JsonNode charged = fill.get("charged");
          assertEquals("BNB", charged.get("asset").asText(), fill.toString());
          assertEquals("ticker BNBUSDT", charged.get("source").asText(), fill.toString());
          assertEquals(charged.get("amount").asDouble() * 312.5, fill.get("fee").asDouble(), 1e-9, fill.toString());
          converted++;
        }
      }
      assertTrue(converted > 0);
      run.assertTheEnd(events, Set.of(before), 0.004);
    }
  }
}
