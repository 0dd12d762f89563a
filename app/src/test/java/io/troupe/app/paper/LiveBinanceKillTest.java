package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.app.cli.TroupeCli;
import io.troupe.gateway.binance.BinanceCredentials;
import io.troupe.gateway.binance.BinanceRestClient;
import io.troupe.gateway.binance.BinanceSettings;
import io.troupe.gateway.binance.FakeBinance;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalEvent;
import io.troupe.persistence.JournalInspector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe live --venue binance} in a JVM of its own against the fake Binance (orders, user-data stream and
 * klines on one localhost port), SIGKILLed between steps with an order of its own working at the venue; that order
 * trades while nothing runs; the same command again resumes from the last step's checkpoint, reconciles (the fill made
 * while it was down is journaled as found and applied once), and runs to --to. No client order id went to the venue
 * twice, every fill at the venue is journaled once, {@code journal verify} passes, the journaled position is the
 * venue's, and the API secret is in no output and nowhere in the state folder.
 */
class LiveBinanceKillTest {
  static final String SYMBOL = "BTCUSDT";
  static final String KEY = "live-test-api-key-7f3a9c";
  static final String SECRET = "live-test-secret-d41d8cd98f00b204e9800998ecf8427e";
  static final int HISTORY = 120;
  static final int BARS = 400;
  static final long WAIT = 90;
  static final Pattern RECONCILED = Pattern.compile("live: reconciled with binance after (.*): (\\d+) orders working there, (\\d+) in the journal");

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", PaperRuns.HOME.toString());
  }

  @Test
  void killedWithAnOrderWorkingItResumesReconciledWithNothingSentTwice(@TempDir Path dir) throws Exception {
    List<Bar> bars = new ArrayList<>();
    BarFiles.forEach(PaperRuns.BTC, SYMBOL, null, b -> {
      if (bars.size() < BARS) bars.add(b);
    });
    ActorTestKit kit = ActorTestKit.create();
    FakeBinance fake = new FakeBinance(kit.system(), KEY, SECRET).start();
    try {
      fake.listSymbol(SYMBOL, "BTC", "USDT", bars.get(HISTORY - 1).close() - 0.5, bars.get(HISTORY - 1).close() + 0.5);
      fake.deposit("USDT", 1_000_000);
      fake.klines(SYMBOL, "1m", bars.subList(0, HISTORY));
      int end = BARS - 1;
      Path state = dir.resolve("state");
      List<String> args = new ArrayList<>(List.of("--venue", "binance", "--live", "--feed", "binance:" + SYMBOL, "--timeframe", "1m",
          "--from", Instant.ofEpochMilli(bars.get(0).time()).toString(), "--to", Instant.ofEpochMilli(bars.get(end).time()).toString(),
          "--state", state.toString(), "--out", dir.resolve("out").toString(), "--http", "127.0.0.1:0", "--progress-every", "1",
          "--strategy", "sma-cross", "--param", "period=5",
          "--set", "troupe.venue.binance.rest-url=\"" + fake.restUrl() + "\"", "--set", "troupe.venue.binance.stream-url=\"" + fake.streamUrl() + "\"",
          "--set", "troupe.venue.binance.reconnect.min-backoff=100ms", "--set", "troupe.venue.binance.reconnect.max-backoff=1s"));
      Map<String, String> env = Map.of("TROUPE_BINANCE_API_KEY", KEY, "TROUPE_BINANCE_API_SECRET", SECRET);
      List<String> outputs = new ArrayList<>();

      PaperProcess first = started(PaperProcess.start("live", args, env, 0, dir.resolve("stdout-1.txt")));
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
        serve(fake, bars.get(served));
        int step = served + 1;
        first.awaitLine(l -> progress(l) >= step, "step " + step, WAIT);
        served++;
        working = openOrder(fake);
      }
      first.kill();
      outputs.addAll(first.stderr);
      assertTrue(first.stderr.stream().anyMatch(l -> l.startsWith("live: caught up with the feed at step")), first.tail());

      // While nothing runs the order trades at the venue (another participant's trade at its price).
      String workingId = working.path("clientOrderId").asText();
      double price = working.path("type").asText().startsWith("STOP") ? working.path("stopPrice").asDouble() : working.path("price").asDouble();
      double left = working.path("origQty").asDouble() - working.path("executedQty").asDouble();
      fake.trade(SYMBOL, price, left);
      assertEquals("FILLED", fake.orders().get(workingId).path("status").asText(), "the working order filled while Troupe was down");
      // And another client puts an order on the account: not the session's, so it is cancelled (troupe.venue.unknown-orders).
      BinanceRestClient other = new BinanceRestClient(kit.system(), fake.settings(BinanceSettings.fromConfig(PaperRuns.config(Map.of()))), BinanceCredentials.of(KEY, SECRET));
      other.newOrder(Map.of("symbol", SYMBOL, "side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.001", "price", "1000",
          "newClientOrderId", "someone-else-1")).toCompletableFuture().get();
      int ordersAtKill = fake.orders().size();

      PaperProcess second = started(PaperProcess.start("live", args, env, 0, dir.resolve("stdout-2.txt")));
      String api = second.awaitLine(l -> l.startsWith("http: the API is at "), "the API", WAIT);
      String status = api.substring("http: the API is at ".length(), api.indexOf(' ', "http: the API is at ".length())) + "/status";
      String reconciled = second.awaitLine(l -> RECONCILED.matcher(l).find(), "the reconciliation", WAIT);
      assertTrue(reconciled.contains("after a restart after step " + served), reconciled);
      assertTrue(second.stderr.stream().anyMatch(l -> l.startsWith("live: reconciling: fill_while_down " + workingId.substring(workingId.indexOf('-') + 1))),
          "the fill made while down is found: " + second.tail());
      second.awaitLine(l -> l.contains("connected to the live stream"), "the kline stream", WAIT);
      assertEquals(ordersAtKill, fake.orders().size(), "nothing sent while the session rebuilt and reconciled");
      assertEquals("CANCELED", fake.orders().get("someone-else-1").path("status").asText(), "the unknown order is cancelled");
      // Until a bar comes from the stream the session holds its orders, and says so.
      assertEquals("RECONCILING", tradingState(status), "/status while the session has not caught up");
      serve(fake, bars.get(served));
      int firstAfter = served + 1;
      second.awaitLine(l -> progress(l) >= firstAfter, "step " + firstAfter, WAIT);
      assertEquals("ACTIVE", tradingState(status), "/status once caught up");
      for (int i = served + 1; i <= end; i++) serve(fake, bars.get(i));
      assertEquals(0, second.awaitExit(WAIT), second.tail());
      outputs.addAll(second.stderr);
      for (String l : outputs) if (l.startsWith("live:")) System.out.println("LiveBinanceKillTest child: " + l);
      for (String l : outputs) assertFalse(l.startsWith("paper:") || l.startsWith("error: paper:"), "a live session's line says live: " + l);
      System.out.printf("LiveBinanceKillTest: killed after step %d with %s working; %d orders sent, %d fills at the venue%n", served, workingId,
          fake.orders().size(), fake.trades().size());

      // Nothing sent twice: each client order id went out in one new order.
      Map<String, Integer> sent = new HashMap<>();
      for (String q : fake.queriesSeen()) {
        Matcher m = Pattern.compile("newClientOrderId=([^&]+)").matcher(q);
        if (q.startsWith("/api/v3/order?") && m.find()) sent.merge(m.group(1), 1, Integer::sum);
      }
      assertFalse(sent.isEmpty());
      sent.remove("someone-else-1");
      for (var e : sent.entrySet()) assertEquals(1, e.getValue(), "client order id " + e.getKey() + " sent " + e.getValue() + " times");
      assertEquals(1, sent.getOrDefault(workingId, 0));

      // Every fill at the venue journaled once, by its trade id; the journaled position is the venue's.
      Set<String> venueTrades = new HashSet<>();
      // The adapter's fill id is the venue's trade id, under the symbol (BinanceOrders).
      for (JsonNode t : fake.trades()) venueTrades.add("binance-" + SYMBOL + "-" + t.path("id").asText());
      List<String> journaled = new ArrayList<>();
      double position = 0;
      List<JournalEvent> events;
      try (JournalInspector j = JournalInspector.open(JournalConfig.h2(state))) {
        events = j.events(PaperSession.DEFAULT_ID);
      }
      for (JournalEvent e : events) {
        if (!e.manifest().endsWith("$StepCompleted")) continue;
        for (JsonNode f : e.payload().get("fills")) {
          journaled.add(f.get("fill").get("fillId").asText());
          position += ("BUY".equals(f.get("fill").get("side").asText()) ? 1 : -1) * f.get("fill").get("quantity").asDouble();
        }
      }
      assertEquals(venueTrades.size(), journaled.size(), "each venue fill journaled once: " + journaled + " vs " + venueTrades);
      assertEquals(venueTrades, new HashSet<>(journaled));
      assertEquals(fake.position(SYMBOL), position, 1e-9, "the journaled position is the venue's");
      PaperKillRecoveryTest.assertEveryStepOnce(events, end);
      assertTrue(events.stream().anyMatch(e -> e.manifest().endsWith("$VenueDifference") && e.payload().get("kind").asText().equals("fill_while_down")),
          "the fill made while down is journaled as found");
      assertTrue(events.stream().anyMatch(e -> e.manifest().endsWith("$VenueDifference") && e.payload().get("kind").asText().equals("unknown_order")
          && e.payload().get("subject").asText().equals("someone-else-1") && e.payload().get("action").asText().equals("cancel")), "the unknown order journaled");
      assertTrue(events.stream().anyMatch(e -> e.manifest().endsWith("$TradingStateRecorded") && e.payload().get("state").asText().equals("RECONCILING")));
      assertEquals(0, TroupeCli.newCommandLine().execute("journal", "verify", "--state", state.toString()));

      // The secret (and the key) in no output, no journal event, no file of the state folder.
      for (String line : outputs) assertFalse(line.contains(SECRET) || line.contains(KEY), "a secret in standard error: " + line);
      for (String f : List.of("stdout-1.txt", "stdout-2.txt")) assertFalse(Files.readString(dir.resolve(f)).contains(SECRET), f);
      for (JournalEvent e : events) assertFalse(e.payload().toString().contains(SECRET) || e.payload().toString().contains(KEY), "a secret in the journal: " + e);
      try (Stream<Path> files = Files.walk(state)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
          assertFalse(text.contains(SECRET) || text.contains(KEY), "a secret in " + f);
        }
      }
      assertNotNull(working);
    } finally {
      for (PaperProcess p : children) p.kill(); // a failed assertion must not leave a session running
      fake.close();
      kit.shutdownTestKit();
    }
  }

  /** The bar closes: the venue's book moves to its close (stops it crosses trigger), its history has it, the stream sends it. */
  private static void serve(FakeBinance fake, Bar bar) {
    fake.trade(SYMBOL, bar.close(), 0);
    fake.klinesAdd(SYMBOL, "1m", bar);
    fake.publishKline("1m", bar, true);
  }

  /** The trading state {@code GET /api/v1/status} gives (read-only on localhost without tokens). */
  private static String tradingState(String url) throws Exception {
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
        .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("trading_state").asText();
  }

  /** An order of the session still working at the venue, or null. */
  private static JsonNode openOrder(FakeBinance fake) {
    for (JsonNode o : fake.orders().values()) {
      String status = o.path("status").asText();
      if (status.equals("NEW") || status.equals("PARTIALLY_FILLED")) return o;
    }
    return null;
  }

  private final List<PaperProcess> children = new ArrayList<>();

  private PaperProcess started(PaperProcess p) {
    children.add(p);
    return p;
  }

  private static int progress(String line) {
    Matcher m = PaperKillRecoveryTest.LIVE_PROGRESS.matcher(line);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
