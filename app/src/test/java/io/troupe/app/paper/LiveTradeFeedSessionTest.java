package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.cli.CliRun;
import io.troupe.gateway.binance.FakeBinance;
import io.troupe.market.Bar;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe paper --feed binance:BTCUSDT --set troupe.paper.feed.bars=trades} against the fake Binance: the venue's
 * history as warm-up, then bars built from the aggregate-trade stream in trade time. The stream joins its first live
 * bar in the middle, so that bar is the venue's kline; every later one is built from its four trades. The recording is
 * exactly those bars, and a backtest of it gives the session's files byte for byte.
 */
class LiveTradeFeedSessionTest {
  static final int BARS = 400;
  static final int HISTORY = 300;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", PaperRuns.HOME.toString());
  }

  @Test
  void aSessionOnBarsBuiltFromTradesRecordsThemAndReplaysAsABacktest(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("state");
    try (LiveFeed feed = new LiveFeed(BARS + 1, HISTORY)) {
      // What each live bar is once built from its trades (open, high, low, close, a quarter of the volume each): the
      // venue's klines are the same bars, as an exchange's klines are its trades'.
      List<Bar> expected = new ArrayList<>(feed.bars.subList(0, HISTORY));
      for (int i = HISTORY; i <= BARS; i++) expected.add(built(feed.bars.get(i)));
      feed.fake.klines(LiveFeed.SYMBOL, "1m", expected.subList(0, HISTORY + 1));
      List<String> args = new ArrayList<>(List.of("paper", "--state", state.toString(), "--out", dir.resolve("paper").toString(), "--http", "off",
          "--to", feed.time(BARS), "--progress-every", "100", "--set", "troupe.paper.feed.bars=trades"));
      args.addAll(feed.options());
      StringWriter err = new StringWriter();
      CompletableFuture<Integer> exit = LiveFeed.start(args, err);
      FakeBinance.await(() -> feed.fake.marketConnections() == 1 || exit.isDone(), Duration.ofSeconds(120), "the session's trade stream");
      // The first live bar's earlier trades were before the connection: only its close is on the stream.
      long id = 1;
      Bar first = feed.bars.get(HISTORY);
      feed.fake.publishAggTrade(LiveFeed.SYMBOL, id++, first.close(), first.volume() / 4, first.time() + 59_000, false);
      // The trade of bar BARS finishes the last bar before --to, which ends the session.
      for (int i = HISTORY + 1; i <= BARS; i++) {
        Bar b = feed.bars.get(i);
        double q = b.volume() / 4;
        feed.fake.publishAggTrade(LiveFeed.SYMBOL, id++, b.open(), q, b.time(), false);
        feed.fake.publishAggTrade(LiveFeed.SYMBOL, id++, b.high(), q, b.time() + 1_000, false);
        feed.fake.publishAggTrade(LiveFeed.SYMBOL, id++, b.low(), q, b.time() + 2_000, true);
        feed.fake.publishAggTrade(LiveFeed.SYMBOL, id++, b.close(), q, b.time() + 59_000, true);
      }
      assertEquals(0, exit.get(180, TimeUnit.SECONDS), err.toString());
      String log = err.toString();
      assertTrue(log.contains("paper: feed binance:BTCUSDT: connected to the live stream"), log);
      assertTrue(!log.contains("holds only the trades"), log);

      assertEquals(expected.subList(0, BARS), feed.recorded(state, PaperSession.DEFAULT_ID), "the recording: the history, then the bars built from trades");
      Path recorded = PaperRunner.recordingFolder(state, PaperSession.DEFAULT_ID).resolve("BTCUSDT-1m.csv");
      CliRun backtest = CliRun.run("backtest", "--data", recorded.toString(), "--config", recorded.resolveSibling("instruments.conf").toString(), "--out", dir.resolve("backtest").toString(), "--quiet");
      assertEquals(0, backtest.exit(), backtest.err());
      for (String f : PaperSessionTest.SAME_FILES) {
        assertArrayEquals(Files.readAllBytes(dir.resolve("backtest").resolve(f)), Files.readAllBytes(dir.resolve("paper").resolve(f)), f);
      }
    }
  }

  /** {@code b} as built from its four trades: the volume summed in their order, as the bar builder sums it. */
  static Bar built(Bar b) {
    double q = b.volume() / 4;
    double v = 0;
    for (int k = 0; k < 4; k++) v += q;
    return new Bar(b.symbol(), b.time(), b.open(), Math.max(b.open(), Math.max(b.high(), Math.max(b.low(), b.close()))),
        Math.min(b.open(), Math.min(b.high(), Math.min(b.low(), b.close()))), b.close(), v);
  }
}
