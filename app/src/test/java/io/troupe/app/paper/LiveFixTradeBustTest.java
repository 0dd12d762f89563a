package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe live --venue fix} in a process of its own while the exchange busts a trade it made: the session books
 * the compensating fill once, journals it with the halt (HALTED, restriction trade_correction, naming the trade), sends
 * no new entry after it, and ends with the journaled position the exchange's and {@code journal verify} passing.
 */
class LiveFixTradeBustTest {
  static final String SYMBOL = "BTCUSDT";
  static final int HISTORY = 40;
  static final int BARS = 400;
  static final long WAIT = 90;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", PaperRuns.HOME.toString());
  }

  @Test
  void aBustedTradeIsReversedOnceJournaledAndHaltsNewEntries(@TempDir Path dir) throws Exception {
    List<Bar> bars = new ArrayList<>();
    BarFiles.forEach(PaperRuns.BTC, SYMBOL, null, b -> {
      if (bars.size() < BARS) bars.add(b);
    });
    ActorTestKit kit = ActorTestKit.create();
    FakeBinance klines = new FakeBinance(kit.system(), "unused-key", "unused-secret").start();
    PaperProcess live = null;
    try (FixExchange exchange = new FixExchange()) {
      exchange.quote(SYMBOL, bars.get(HISTORY - 1).close() - 0.5, bars.get(HISTORY - 1).close() + 0.5);
      klines.listSymbol(SYMBOL, "BTC", "USDT", bars.get(0).close(), bars.get(0).close());
      klines.klines(SYMBOL, "1m", bars.subList(0, HISTORY));
      int end = BARS - 1;
      Path state = dir.resolve("state");
      List<String> args = new ArrayList<>(List.of("--venue", "fix", "--live", "--feed", "binance:" + SYMBOL, "--timeframe", "1m",
          "--from", Instant.ofEpochMilli(bars.get(0).time()).toString(), "--to", Instant.ofEpochMilli(bars.get(end).time()).toString(),
          "--state", state.toString(), "--out", dir.resolve("out").toString(), "--http", "off", "--progress-every", "1",
          "--strategy", "sma-cross", "--param", "period=5",
          "--set", "troupe.venue.fix.port=" + exchange.port(), "--set", "troupe.venue.fix.reconnect-interval=1s",
          "--set", "troupe.venue.binance.rest-url=\"" + klines.restUrl() + "\"", "--set", "troupe.venue.binance.stream-url=\"" + klines.streamUrl() + "\"",
          "--set", "troupe.venue.binance.reconnect.min-backoff=100ms", "--set", "troupe.venue.binance.reconnect.max-backoff=1s"));

      live = PaperProcess.start("live", args, Map.of(), 0, dir.resolve("stdout.txt"));
      PaperProcess p = live;
      p.awaitLine(l -> l.startsWith("live: risk limits:"), "the risk limits", WAIT);
      p.awaitLine(l -> progress(l) >= HISTORY, "the history's last step", WAIT);
      // Serve bars until a trade of the session's is at the exchange and a step after it has run (it is applied).
      int served = HISTORY;
      while (exchange.trades().isEmpty()) {
        assertTrue(served < end - 40, "no trade by bar " + served + "; standard error:\n" + p.tail());
        List<String> open = exchange.working();
        if (!open.isEmpty()) exchange.tradeAgainst(open.get(0));
        serveAndAwait(p, exchange, klines, bars, served++);
      }
      serveAndAwait(p, exchange, klines, bars, served++);
      FixExchange.Trade busted = exchange.trades().get(0);
      exchange.bustTrade(busted.execId());
      serveAndAwait(p, exchange, klines, bars, served++); // the step that applies the bust
      serveAndAwait(p, exchange, klines, bars, served++); // and the one after: risk halted, the legs cancelled
      int sentAfterBust = exchange.newOrdersSeen().size();
      for (int i = served; i <= end; i++) serve(exchange, klines, bars.get(i));
      assertEquals(0, p.awaitExit(WAIT), p.tail());
      for (String l : p.stderr) if (l.startsWith("live:")) System.out.println("LiveFixTradeBustTest child: " + l);

      String tag = busted.order().substring(0, busted.order().indexOf('-') + 1);
      List<String> entriesAfter = exchange.newOrdersSeen().subList(sentAfterBust, exchange.newOrdersSeen().size()).stream()
          .filter(c -> c.substring(tag.length()).matches("O\\d+")).toList();
      assertEquals(List.of(), entriesAfter, "no new entry while halted");

      List<JournalEvent> events;
      try (JournalInspector j = JournalInspector.open(JournalConfig.h2(state))) {
        events = j.events(PaperSession.DEFAULT_ID);
      }
      PaperKillRecoveryTest.assertEveryStepOnce(events, end);
      double position = 0;
      int reversals = 0;
      for (JournalEvent e : events) {
        if (!e.manifest().endsWith("$StepCompleted")) continue;
        for (JsonNode f : e.payload().get("fills")) {
          double q = f.get("fill").get("quantity").asDouble();
          position += ("BUY".equals(f.get("fill").get("side").asText()) ? 1 : -1) * q;
          if (f.get("fill").get("fillId").asText().endsWith("/reversal")) {
            reversals++;
            assertEquals("trade_correction", f.get("reason").asText());
            assertEquals(busted.quantity(), q, 1e-9);
          }
        }
      }
      assertEquals(1, reversals, "the busted trade reversed once");
      assertEquals(exchange.position(SYMBOL), position, 1e-9, "the journaled position is the exchange's");
      assertTrue(events.stream().anyMatch(e -> e.manifest().endsWith("$TradingStateRecorded") && e.payload().get("state").asText().equals("HALTED")
          && e.payload().get("reason").asText().contains("trade_correction")), "the halt is journaled");
      assertTrue(events.stream().anyMatch(e -> e.manifest().endsWith("$RiskRecorded") && e.payload().toString().contains("trade bust")),
          "the restriction naming the trade is journaled");
      assertEquals(0, TroupeCli.newCommandLine().execute("journal", "verify", "--state", state.toString()));
    } finally {
      if (live != null) live.kill(); // a failed assertion must not leave a session running
      klines.close();
      kit.shutdownTestKit();
    }
  }

  /** Serves bar {@code i} and waits for its step (step i + 1: the history's steps come first). */
  private static void serveAndAwait(PaperProcess p, FixExchange exchange, FakeBinance klines, List<Bar> bars, int i) throws Exception {
    serve(exchange, klines, bars.get(i));
    p.awaitLine(l -> progress(l) >= i + 1, "step " + (i + 1), WAIT);
  }

  /** The bar closes: the exchange's house quotes around its close (stops it crosses trigger), the kline goes out. */
  private static void serve(FixExchange exchange, FakeBinance klines, Bar bar) {
    exchange.quote(SYMBOL, bar.close() - 0.5, bar.close() + 0.5);
    exchange.trade(SYMBOL, quickfix.field.Side.BUY, 0, bar.close());
    klines.klinesAdd(SYMBOL, "1m", bar);
    klines.publishKline("1m", bar, true);
  }

  private static int progress(String line) {
    Matcher m = PaperKillRecoveryTest.LIVE_PROGRESS.matcher(line);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
