package io.troupe.gateway.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.gateway.feed.FeedEvents;
import io.troupe.market.Bar;
import io.troupe.market.Timeframe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live market data from the fake exchange's combined streams: closed klines, repeats, gaps, reconnects, trades, book tickers. */
class BinanceMarketDataTest {
  static final long M = 60_000;
  static final long T0 = 1_640_995_200_000L; // 2022-01-01T00:00Z
  static ActorTestKit kit;
  FakeBinance fake;
  BinanceSettings settings;
  final List<String> events = new CopyOnWriteArrayList<>();
  final FeedEvents recorder = new FeedEvents() {
    @Override
    public void connected(long number) {
      events.add("connected " + number);
    }

    @Override
    public void gap(String symbol, long from, long to, int filled) {
      events.add("gap " + symbol + " " + (from - T0) / M + ".." + (to - T0) / M + " filled " + filled);
    }

    @Override
    public void lateTrade(String symbol, long time) {
      events.add("late " + symbol + " " + (time - T0));
    }

    @Override
    public void partialBar(String symbol, long time) {
      events.add("partial " + symbol + " " + (time - T0) / M);
    }
  };

  @BeforeAll
  static void startKit() {
    kit = ActorTestKit.create();
  }

  @AfterAll
  static void stopKit() {
    kit.shutdownTestKit();
  }

  @BeforeEach
  void start() {
    fake = new FakeBinance(kit.system(), "k", "s").start();
    settings = new BinanceSettings(fake.restUrl(), fake.streamUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), 2,
        Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMinutes(30));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  static Bar bar(String symbol, int minute, double close) {
    return new Bar(symbol, T0 + minute * M, close - 1, close + 2, close - 3, close, 10 + minute);
  }

  @Test
  void closedKlinesInOrderWithRepeatsDroppedAndAGapFilledFromHistory() {
    fake.klines("BTCUSDT", "1m", List.of(bar("BTCUSDT", 2, 102)));
    var client = new BinanceRestClient(kit.system(), settings, null);
    var result = BinanceMarketData.klineBars(kit.system(), settings, List.of("BTCUSDT", "ETHUSDT"), Timeframe.parse("1m"), client, recorder)
        .take(5).runWith(Sink.seq(), kit.system());
    FakeBinance.await(() -> fake.marketConnections() == 1, Duration.ofSeconds(10), "the market stream");
    fake.publishKline("1m", bar("BTCUSDT", 0, 100), false); // still forming: not a bar
    fake.publishKline("1m", bar("BTCUSDT", 0, 100), true);
    fake.publishKline("1m", bar("ETHUSDT", 0, 10), true);
    fake.publishKline("1m", bar("BTCUSDT", 1, 101), true);
    fake.publishKline("1m", bar("BTCUSDT", 1, 101), true); // a repeat
    fake.publishKline("1m", bar("BTCUSDT", 3, 103), true); // minute 2 never came
    List<Bar> bars = result.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    assertEquals(List.of(bar("BTCUSDT", 0, 100), bar("ETHUSDT", 0, 10), bar("BTCUSDT", 1, 101), bar("BTCUSDT", 2, 102), bar("BTCUSDT", 3, 103)), bars);
    assertEquals(List.of("connected 1", "gap BTCUSDT 2..3 filled 1"), events);
  }

  @Test
  void aDroppedConnectionIsReopened() {
    var result = BinanceMarketData.klineBars(kit.system(), settings, List.of("BTCUSDT"), Timeframe.parse("1m"), null, recorder)
        .take(2).runWith(Sink.seq(), kit.system());
    FakeBinance.await(() -> fake.marketConnections() == 1, Duration.ofSeconds(10), "the market stream");
    fake.publishKline("1m", bar("BTCUSDT", 0, 100), true);
    FakeBinance.await(() -> events.size() == 1, Duration.ofSeconds(10), "the first connection");
    fake.dropConnections();
    FakeBinance.await(() -> fake.marketConnections() == 1, Duration.ofSeconds(10), "the market stream again");
    fake.publishKline("1m", bar("BTCUSDT", 1, 101), true);
    assertEquals(List.of(bar("BTCUSDT", 0, 100), bar("BTCUSDT", 1, 101)), result.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join());
    assertEquals("connected 2", events.get(events.size() - 1));
  }

  @Test
  void tradesBecomeBarsInEventTime() {
    var result = BinanceMarketData.tradeBars(kit.system(), settings, List.of("BTCUSDT"), Timeframe.parse("1m"), recorder)
        .take(2).runWith(Sink.seq(), kit.system());
    FakeBinance.await(() -> fake.marketConnections() == 1, Duration.ofSeconds(10), "the market stream");
    fake.publishAggTrade("BTCUSDT", 1, 100, 0.5, T0 + 1_000, false);
    fake.publishAggTrade("BTCUSDT", 2, 104, 0.25, T0 + 20_000, true);
    fake.publishAggTrade("BTCUSDT", 2, 104, 0.25, T0 + 20_000, true); // a repeat by its id
    fake.publishAggTrade("BTCUSDT", 3, 98, 1, T0 + 59_999, false);
    fake.publishAggTrade("BTCUSDT", 4, 99, 2, T0 + M, false); // closes minute 0
    fake.publishAggTrade("BTCUSDT", 5, 97, 1, T0 + 30_000, false); // late for minute 0
    fake.publishAggTrade("BTCUSDT", 6, 101, 1, T0 + 3 * M, false); // closes minute 1
    List<Bar> bars = result.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    assertEquals(new Bar("BTCUSDT", T0, 100, 104, 98, 98, 1.75), bars.get(0));
    assertEquals(new Bar("BTCUSDT", T0 + M, 99, 99, 99, 99, 2), bars.get(1));
    // Minute 0 began before the connection (no venue to take its kline from here); the trade at 0:30 came too late.
    assertEquals(List.of("connected 1", "late BTCUSDT 30000", "partial BTCUSDT 0"), events.stream().sorted().toList());
  }

  @Test
  void eachConnectionsFirstTradeBarAndAGapAreTheVenuesKlines() {
    // The venue's own bars of minutes 0, 2 and 3; the stream shows minute 0 from its middle, then loses minute 2.
    fake.klines("BTCUSDT", "1m", List.of(bar("BTCUSDT", 0, 100), bar("BTCUSDT", 2, 102), bar("BTCUSDT", 3, 103)));
    var client = new BinanceRestClient(kit.system(), settings, null);
    var result = BinanceMarketData.tradeBars(kit.system(), settings, List.of("BTCUSDT"), Timeframe.parse("1m"), client, Map.of(), recorder)
        .take(4).runWith(Sink.seq(), kit.system());
    FakeBinance.await(() -> events.contains("connected 1"), Duration.ofSeconds(10), "the market stream");
    fake.publishAggTrade("BTCUSDT", 1, 99.5, 1, T0 + 40_000, false); // minute 0's earlier trades were before the connection
    fake.publishAggTrade("BTCUSDT", 2, 101, 2, T0 + M + 1_000, false);
    fake.publishAggTrade("BTCUSDT", 3, 103, 1, T0 + M + 50_000, false);
    fake.publishAggTrade("BTCUSDT", 4, 102, 1, T0 + 2 * M + 5_000, false); // closes minute 1; minute 2 under way
    FakeBinance.await(() -> fake.marketConnections() == 1, Duration.ofSeconds(10), "the market stream");
    fake.dropConnections();
    FakeBinance.await(() -> events.contains("connected 2"), Duration.ofSeconds(10), "the market stream again");
    fake.publishAggTrade("BTCUSDT", 7, 104, 1, T0 + 3 * M + 30_000, false); // minute 3 seen from its middle
    fake.publishAggTrade("BTCUSDT", 8, 105, 1, T0 + 4 * M + 1_000, false); // closes it
    List<Bar> bars = result.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    assertEquals(List.of(bar("BTCUSDT", 0, 100), new Bar("BTCUSDT", T0 + M, 101, 103, 101, 103, 3), bar("BTCUSDT", 2, 102), bar("BTCUSDT", 3, 103)), bars);
    assertEquals(List.of("connected 1", "connected 2", "gap BTCUSDT 2..3 filled 1"), events);
  }

  @Test
  void aFirstTradeBarTheVenueCannotReplaceIsKeptAndReported() {
    var client = new BinanceRestClient(kit.system(), settings, null);
    var result = BinanceMarketData.tradeBars(kit.system(), settings, List.of("BTCUSDT"), Timeframe.parse("1m"), client, Map.of(), recorder)
        .take(1).runWith(Sink.seq(), kit.system());
    FakeBinance.await(() -> events.contains("connected 1"), Duration.ofSeconds(10), "the market stream");
    fake.publishAggTrade("BTCUSDT", 1, 99.5, 1, T0 + 40_000, false);
    fake.publishAggTrade("BTCUSDT", 2, 101, 2, T0 + M + 1_000, false);
    assertEquals(List.of(new Bar("BTCUSDT", T0, 99.5, 99.5, 99.5, 99.5, 1)), result.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join());
    assertEquals(List.of("connected 1", "partial BTCUSDT 0"), events);
  }

  @Test
  void bookTickersAreParsed() {
    var result = BinanceMarketData.bookTickers(kit.system(), settings, List.of("BNBUSDT")).take(1).runWith(Sink.seq(), kit.system());
    FakeBinance.await(() -> fake.marketConnections() == 1, Duration.ofSeconds(10), "the market stream");
    fake.publishBookTicker("BNBUSDT", 400900217, 25.3519, 31.21, 25.3652, 40.66);
    assertEquals(List.of(new BookTicker("BNBUSDT", 400900217, 25.3519, 31.21, 25.3652, 40.66)), result.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join());
  }
}
