package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.app.cli.TroupeCli;
import io.troupe.gateway.binance.FakeBinance;
import io.troupe.gateway.fix.FixExchange;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalEvent;
import io.troupe.persistence.JournalInspector;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe live --venue fix} in a JVM of its own: orders over FIX 4.4 to the test exchange (a QuickFIX/J acceptor
 * on localhost), bars from the fake Binance's klines. SIGKILLed between steps with an order of its own working at the
 * exchange; the order trades while nothing runs; the same command again resumes from the last step's checkpoint (the
 * venue restored with it, the sequence numbers from its store), reconciles at logon and runs to --to. Each ClOrdID
 * reached the exchange in one NewOrderSingle, every fill is journaled once, {@code journal verify} passes, and the
 * journaled position and each order's filled quantity are the exchange's.
 */
class LiveFixKillTest {
  static final String SYMBOL = "BTCUSDT";
  static final int HISTORY = 120;
  static final int BARS = 400;
  static final long WAIT = 90;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", PaperRuns.HOME.toString());
  }

  @Test
  void killedWithAnOrderWorkingItResumesReconciledAtLogonWithNothingSentTwice(@TempDir Path dir) throws Exception {
    List<Bar> bars = new ArrayList<>();
    BarFiles.forEach(PaperRuns.BTC, SYMBOL, null, b -> {
      if (bars.size() < BARS) bars.add(b);
    });
    ActorTestKit kit = ActorTestKit.create();
    FakeBinance klines = new FakeBinance(kit.system(), "unused-key", "unused-secret").start();
    try (FixExchange exchange = new FixExchange().massStatus(true)) {
      exchange.quote(SYMBOL, bars.get(HISTORY - 1).close() - 0.5, bars.get(HISTORY - 1).close() + 0.5);
      // The account's cash, in CollateralReports, moves with the trades (what they cost; the exchange charges no commission).
      exchange.cash("USDT", 1_000_000).settle(SYMBOL, "USDT");
      klines.listSymbol(SYMBOL, "BTC", "USDT", bars.get(0).close(), bars.get(0).close());
      klines.klines(SYMBOL, "1m", bars.subList(0, HISTORY));
      int end = BARS - 1;
      Path state = dir.resolve("state");
      List<String> args = new ArrayList<>(List.of("--venue", "fix", "--live", "--feed", "binance:" + SYMBOL, "--timeframe", "1m",
          "--from", Instant.ofEpochMilli(bars.get(0).time()).toString(), "--to", Instant.ofEpochMilli(bars.get(end).time()).toString(),
          "--state", state.toString(), "--out", dir.resolve("out").toString(), "--http", "off", "--progress-every", "1",
          "--strategy", "sma-cross", "--param", "period=5",
          "--set", "troupe.venue.fix.port=" + exchange.port(), "--set", "troupe.venue.fix.reconnect-interval=1s",
          "--set", "troupe.venue.fix.reconcile=mass-status",
          "--set", "troupe.venue.binance.rest-url=\"" + klines.restUrl() + "\"", "--set", "troupe.venue.binance.stream-url=\"" + klines.streamUrl() + "\"",
          "--set", "troupe.venue.binance.reconnect.min-backoff=100ms", "--set", "troupe.venue.binance.reconnect.max-backoff=1s"));

      PaperProcess first = started(PaperProcess.start("live", args, Map.of(), 0, dir.resolve("stdout-1.txt")));
      first.awaitLine(l -> l.startsWith("live: risk limits:"), "the risk limits", WAIT);
      first.awaitLine(l -> progress(l) >= HISTORY, "the history's last step", WAIT);
      assertTrue(exchange.newOrdersSeen().isEmpty(), "no order goes out on the venue's history: " + exchange.newOrdersSeen());
      int served = HISTORY;
      String working = null;
      while (working == null) {
        assertTrue(served < end - 20, "no order working at the exchange by bar " + served + "; standard error:\n" + first.tail());
        serve(exchange, klines, bars.get(served));
        int step = served + 1;
        first.awaitLine(l -> progress(l) >= step, "step " + step, WAIT);
        served++;
        List<String> open = exchange.working();
        working = open.isEmpty() ? null : open.get(0);
      }
      first.kill();

      exchange.tradeAgainst(working);
      assertTrue(exchange.filled(working), "the working order filled while Troupe was down");
      // Another client on the account rests an order, far from the market: the mass status at logon shows it.
      exchange.restOtherClientsOrder("OTHER-1", SYMBOL, quickfix.field.Side.SELL, 0.01, bars.get(HISTORY - 1).close() * 2);
      int sentAtKill = exchange.newOrdersSeen().size();
      // And 40 USDT leave the account while Troupe is down: one balance difference; the fill found at logon (valued at
      // its order's notional) explains the rest.
      exchange.cash("USDT", exchange.cashOf("USDT") - 40);

      PaperProcess second = started(PaperProcess.start("live", args, Map.of(), 0, dir.resolve("stdout-2.txt")));
      String afterStep = "live: reconciled with fix after a restart after step " + served + ":";
      String reconciled = second.awaitLine(l -> l.startsWith(afterStep), "the reconciliation", WAIT);
      String id = working.substring(working.indexOf('-') + 1); // ClOrdID: RUNTAG-ORDERID, the tag without a dash
      assertTrue(second.stderr.stream().anyMatch(l -> l.startsWith("live: reconciling: ended_while_down " + id)), "the order's end found: " + second.tail());
      assertTrue(second.stderr.stream().anyMatch(l -> l.startsWith("live: reconciling: fill_while_down " + id)), "its fill found: " + second.tail());
      assertTrue(second.stderr.stream().anyMatch(l -> l.startsWith("live: reconciling: unknown_order OTHER-1") && l.endsWith("(cancelled)")),
          "the other client's order found and cancelled: " + second.tail());
      assertTrue(second.stderr.stream().noneMatch(l -> l.startsWith("live: reconciling: position")), "the peer's position is the journal's and the fill found: "
          + second.tail());
      assertFalse(exchange.working().contains("OTHER-1"));
      List<String> balanceLines = second.stderr.stream().filter(l -> l.startsWith("live: reconciling: balance")).toList();
      assertEquals(1, balanceLines.size(), "one balance difference: " + second.tail());
      assertTrue(balanceLines.get(0).startsWith("live: reconciling: balance USDT: ") && balanceLines.get(0).contains("off by -40"), balanceLines.get(0));
      second.awaitLine(l -> l.contains("connected to the live stream"), "the kline stream", WAIT);
      assertEquals(sentAtKill, exchange.newOrdersSeen().size(), "nothing sent while the session rebuilt and reconciled: " + reconciled);
      for (int i = served; i <= end; i++) serve(exchange, klines, bars.get(i));
      assertEquals(0, second.awaitExit(WAIT), second.tail());
      for (String l : first.stderr) if (l.startsWith("live:")) System.out.println("LiveFixKillTest child 1: " + l);
      for (String l : second.stderr) if (l.startsWith("live:")) System.out.println("LiveFixKillTest child 2: " + l);
      System.out.printf("LiveFixKillTest: killed after step %d with %s working; %d orders, %d fills at the exchange%n", served, working,
          exchange.newOrdersSeen().size(), exchange.trades().size());

      // Each ClOrdID went out in one NewOrderSingle.
      Map<String, Integer> sent = new HashMap<>();
      for (String c : exchange.newOrdersSeen()) sent.merge(c, 1, Integer::sum);
      for (var e : sent.entrySet()) assertEquals(1, e.getValue(), "ClOrdID " + e.getKey() + " sent " + e.getValue() + " times");

      // Every fill journaled once; per order, the journaled quantity is the exchange's; so is the position.
      List<JournalEvent> events;
      try (JournalInspector j = JournalInspector.open(JournalConfig.h2(state))) {
        events = j.events(PaperSession.DEFAULT_ID);
      }
      PaperKillRecoveryTest.assertEveryStepOnce(events, end);
      Map<String, Double> journaledByOrder = new HashMap<>();
      double position = 0;
      for (JournalEvent e : events) {
        if (!e.manifest().endsWith("$StepCompleted")) continue;
        for (JsonNode f : e.payload().get("fills")) {
          double q = f.get("fill").get("quantity").asDouble();
          journaledByOrder.merge(f.get("fill").get("clientOrderId").asText(), q, Double::sum);
          position += ("BUY".equals(f.get("fill").get("side").asText()) ? 1 : -1) * q;
        }
      }
      Map<String, Double> exchangeByOrder = new HashMap<>();
      String tag = working.substring(0, working.indexOf('-') + 1);
      for (FixExchange.Trade t : exchange.trades()) exchangeByOrder.merge(t.order().substring(tag.length()), t.quantity(), Double::sum);
      assertEquals(exchangeByOrder.keySet(), journaledByOrder.keySet());
      for (var e : exchangeByOrder.entrySet()) assertEquals(e.getValue(), journaledByOrder.get(e.getKey()), 1e-9, "order " + e.getKey());
      assertEquals(exchange.position(SYMBOL), position, 1e-9, "the journaled position is the exchange's");
      assertTrue(events.stream().anyMatch(e -> e.manifest().endsWith("$VenueDifference") && e.payload().get("kind").asText().equals("ended_while_down")));
      assertEquals(List.of("USDT"), events.stream().filter(e -> e.manifest().endsWith("$VenueDifference") && e.payload().get("kind").asText().equals("balance"))
          .map(e -> e.payload().get("subject").asText()).toList(), "one balance difference journaled");
      assertTrue(events.stream().anyMatch(e -> e.manifest().endsWith("$VenueDifference") && e.payload().get("kind").asText().equals("unknown_order")
          && e.payload().get("action").asText().equals("cancel")), "the cancel of the other client's order is journaled");
      assertEquals(0, TroupeCli.newCommandLine().execute("journal", "verify", "--state", state.toString()));
      assertFalse(exchangeByOrder.isEmpty());
    } finally {
      for (PaperProcess p : children) p.kill(); // a failed assertion must not leave a session running
      klines.close();
      kit.shutdownTestKit();
    }
  }

  /** The bar closes: the exchange's house quotes around its close (stops it crosses trigger), the kline goes out. */
  private static void serve(FixExchange exchange, FakeBinance klines, Bar bar) {
    exchange.quote(SYMBOL, bar.close() - 0.5, bar.close() + 0.5);
    exchange.trade(SYMBOL, quickfix.field.Side.BUY, 0, bar.close());
    klines.klinesAdd(SYMBOL, "1m", bar);
    klines.publishKline("1m", bar, true);
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
