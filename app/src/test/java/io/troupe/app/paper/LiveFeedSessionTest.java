package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.cli.CliRun;
import io.troupe.gateway.binance.FakeBinance;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe paper --feed binance:BTCUSDT} against the fake Binance, in this JVM: the venue's history as warm-up,
 * then bars from the kline stream; the session trades, records what the venue served (a CSV any parser reads, bar for
 * bar what was served) and ends at --to with the files a backtest of its recording writes, byte for byte.
 */
class LiveFeedSessionTest {
  static final int BARS = 1200;
  static final int HISTORY = 900;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", PaperRuns.HOME.toString());
  }

  @Test
  void aSessionOnTheLiveFeedTradesAndRecordsWhatTheVenueServed(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("state");
    try (LiveFeed feed = new LiveFeed(BARS + 1, HISTORY)) {
      List<String> args = new ArrayList<>(List.of("paper", "--state", state.toString(), "--out", dir.resolve("paper").toString(), "--http", "off",
          "--to", feed.time(BARS), "--progress-every", "100"));
      args.addAll(feed.options());
      StringWriter err = new StringWriter();
      CompletableFuture<Integer> exit = LiveFeed.start(args, err);
      FakeBinance.await(() -> feed.fake.marketConnections() == 1 || exit.isDone(), Duration.ofSeconds(120), "the session's kline stream");
      // The bar at --to closes the session: bars from there on are beyond it.
      feed.serveUpTo(BARS + 1);
      assertEquals(0, exit.get(180, TimeUnit.SECONDS), err.toString());
      String log = err.toString();
      assertTrue(log.contains("paper: feed binance:BTCUSDT: connected to the live stream"), log);

      feed.assertRecorded(state, PaperSession.DEFAULT_ID, BARS);
      Path recorded = PaperRunner.recordingFolder(state, PaperSession.DEFAULT_ID).resolve("BTCUSDT-1m.csv");
      CliRun backtest = CliRun.run("backtest", "--data", recorded.toString(), "--config", recorded.resolveSibling("instruments.conf").toString(), "--out", dir.resolve("backtest").toString(), "--quiet");
      assertEquals(0, backtest.exit(), backtest.err());
      for (String f : PaperSessionTest.SAME_FILES) {
        assertArrayEquals(Files.readAllBytes(dir.resolve("backtest").resolve(f)), Files.readAllBytes(dir.resolve("paper").resolve(f)), f);
      }
      assertTrue(Files.readAllLines(dir.resolve("paper/trades.csv")).size() > 1, "the session should trade");
      // It traded on the venue's grid, read from its exchange information, which the recording keeps beside the bars.
      com.typesafe.config.Config terms = com.typesafe.config.ConfigFactory.parseFile(recorded.resolveSibling("instruments.conf").toFile())
          .getConfig("troupe.instruments.BTCUSDT");
      assertEquals(List.of("USDT", "spot", 0.1, 0.001, 10.0), List.of(terms.getString("quote"), terms.getString("kind"), terms.getDouble("tick-size"),
          terms.getDouble("lot-size"), terms.getDouble("min-notional")));
      // Without them (the terms its name gives) the same bars trade other quantities: the session did trade on the venue's.
      CliRun byName = CliRun.run("backtest", "--data", recorded.toString(), "--out", dir.resolve("by-name").toString(), "--quiet");
      assertEquals(0, byName.exit(), byName.err());
      assertTrue(!Arrays.equals(Files.readAllBytes(dir.resolve("by-name/orders.csv")), Files.readAllBytes(dir.resolve("paper/orders.csv"))),
          "the venue's lot changes the orders");
    }
  }

  @Test
  void aSymbolTheVenueDoesNotListIsBadInputBeforeAnythingRuns(@TempDir Path dir) throws Exception {
    try (LiveFeed feed = new LiveFeed(10, 10)) {
      List<String> args = new ArrayList<>(List.of("paper", "--state", dir.resolve("state").toString(), "--http", "off"));
      for (String o : feed.options()) args.add(o.equals("binance:" + LiveFeed.SYMBOL) ? "binance:BTCUSDT,XYZUSDT" : o);
      CliRun r = CliRun.run(args.toArray(String[]::new));
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().contains("--feed: binance lists no symbol among [BTCUSDT, XYZUSDT]"), r.err());
      assertTrue(!Files.exists(dir.resolve("state")), "nothing written");
    }
  }
}
