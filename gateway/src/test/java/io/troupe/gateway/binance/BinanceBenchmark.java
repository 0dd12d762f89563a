package io.troupe.gateway.binance;

import io.troupe.gateway.feed.FeedEvents;
import io.troupe.market.Bar;
import io.troupe.market.Timeframe;
import io.troupe.model.ExecutionReport;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Speed figures against the fake exchange on localhost (test scope; run it by hand, see docs/venues.md):
 * WebSocket market data into bars (closed klines, and aggTrades built into bars), in messages per second of wall and
 * of process CPU time; and the REST order round trip (a market order's POST answered), through the client alone and
 * through the venue adapter (Send to the fill report), p50 and p99.
 */
public final class BinanceBenchmark {
  static final long T0 = 1_640_995_200_000L;

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int orders = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    ActorTestKit kit = ActorTestKit.create();
    try (FakeBinance fake = new FakeBinance(kit.system(), "key", "secret").start()) {
      BinanceSettings settings = new BinanceSettings(fake.restUrl(), fake.streamUrl(), Duration.ofSeconds(5), Duration.ofSeconds(10), 3,
          Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMinutes(30));
      for (int round = 1; round <= 2; round++) {
        System.out.println("round " + round);
        parseOnly(messages);
        klines(kit, fake, settings, messages, round);
        trades(kit, fake, settings, messages, round);
      }
      fake.listSymbol("BTCUSDT", "BTC", "USDT", 49_990, 50_010).deposit("USDT", 1e12).deposit("BTC", 1e6);
      rest(kit, fake, settings, orders);
      venue(kit, fake, settings, orders / 2);
    } finally {
      kit.shutdownTestKit();
    }
  }

  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static void report(String what, int n, long wallNanos, long cpuNanos) {
    System.out.printf("  %-36s %,9d messages  %,10.0f msg/s wall  %,10.0f msg/s of CPU  (%.2f s wall, %.2f s CPU)%n", what, n,
        n / (wallNanos / 1e9), n / (cpuNanos / 1e9), wallNanos / 1e9, cpuNanos / 1e9);
  }

  /** The parse from a message's text to a bar alone, on this thread: the adapter's own share of the cost. */
  static void parseOnly(int n) {
    String[] texts = new String[1000];
    for (int i = 0; i < texts.length; i++) {
      double p = 46_000 + i * 0.5;
      texts[i] = "{\"stream\":\"btcusdt@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":" + (T0 + 60_000) + ",\"s\":\"BTCUSDT\",\"k\":{\"t\":" + (T0 + i * 60_000L)
          + ",\"T\":" + (T0 + i * 60_000L + 59_999) + ",\"s\":\"BTCUSDT\",\"i\":\"1m\",\"f\":100,\"L\":200,\"o\":\"" + p + "\",\"c\":\"" + (p + 1)
          + "\",\"h\":\"" + (p + 5) + "\",\"l\":\"" + (p - 5) + "\",\"v\":\"12.5\",\"n\":100,\"x\":true,\"q\":\"0\",\"V\":\"0\",\"Q\":\"0\",\"B\":\"0\"}}}";
    }
    long sink = 0;
    long cpu0 = cpu();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) sink += BinanceMarketData.closedKline(BinanceMarketData.payload(texts[i % texts.length])).map(Bar::time).orElse(0L);
    report("kline text -> bar (parse only)", n, System.nanoTime() - t0, cpu() - cpu0);
    if (sink == 42) System.out.println();
  }

  static void klines(ActorTestKit kit, FakeBinance fake, BinanceSettings settings, int n, int round) throws Exception {
    List<String> symbols = List.of("BTCUSDT", "ETHUSDT");
    long base = T0 + (long) round * n * 60_000L;
    var done = BinanceMarketData.klineBars(kit.system(), settings, symbols, Timeframe.parse("1m"), null, FeedEvents.NONE)
        .take(n).runWith(Sink.fold(0L, (c, b) -> c + 1), kit.system());
    FakeBinance.await(() -> fake.marketConnections() == 1, Duration.ofSeconds(10), "connection");
    long cpu0 = cpu();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String s = symbols.get(i & 1);
      double p = 46_000 + (i % 1000) * 0.5;
      fake.publishKline("1m", new Bar(s, base + (i / 2) * 60_000L, p, p + 5, p - 5, p + 1, 12.5), true);
    }
    long count = done.toCompletableFuture().get(120, TimeUnit.SECONDS);
    report("closed klines -> bars", (int) count, System.nanoTime() - t0, cpu() - cpu0);
    fake.dropConnections();
  }

  static void trades(ActorTestKit kit, FakeBinance fake, BinanceSettings settings, int n, int round) throws Exception {
    int perBar = 100;
    var done = BinanceMarketData.tradeBars(kit.system(), settings, List.of("BTCUSDT"), Timeframe.parse("1m"), FeedEvents.NONE)
        .take(n / perBar - 1).runWith(Sink.fold(0L, (c, b) -> c + 1), kit.system());
    FakeBinance.await(() -> fake.marketConnections() == 1, Duration.ofSeconds(10), "connection");
    long base = T0 + (long) round * n * 60_000L;
    long cpu0 = cpu();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) fake.publishAggTrade("BTCUSDT", (long) round * n + i, 46_000 + (i % 50), 0.01, base + (i / perBar) * 60_000L + (i % perBar), false);
    done.toCompletableFuture().get(120, TimeUnit.SECONDS);
    report("aggTrades -> bars (100 a bar)", n - perBar, System.nanoTime() - t0, cpu() - cpu0);
    fake.dropConnections();
  }

  static void rest(ActorTestKit kit, FakeBinance fake, BinanceSettings settings, int n) {
    BinanceRestClient client = new BinanceRestClient(kit.system(), settings, BinanceCredentials.of("key", "secret"));
    client.syncTime().toCompletableFuture().join();
    long[] micros = new long[n];
    for (int i = 0; i < n; i++) {
      OrderRequest o = OrderRequest.market("bench-" + i, "BTCUSDT", i % 2 == 0 ? Side.BUY : Side.SELL, 0.001, 0);
      long t0 = System.nanoTime();
      client.newOrder(BinanceOrders.newOrderParams(o)).toCompletableFuture().join();
      micros[i] = (System.nanoTime() - t0) / 1000;
    }
    percentiles("REST market order round trip (client)", Arrays.copyOfRange(micros, n / 10, n)); // first tenth: warm-up
  }

  static void venue(ActorTestKit kit, FakeBinance fake, BinanceSettings settings, int n) {
    BinanceRestClient client = new BinanceRestClient(kit.system(), settings, BinanceCredentials.of("key", "secret"));
    var venue = kit.spawn(BinanceVenue.create(client, "b1-"));
    var probe = kit.createTestProbe(VenueReports.class);
    venue.tell(new VenueCommand.Connect(probe.ref()));
    FakeBinance.await(() -> fake.userConnections() >= 1, Duration.ofSeconds(10), "user stream");
    long[] micros = new long[n];
    for (int i = 0; i < n; i++) {
      OrderRequest o = OrderRequest.market("venue-" + i, "BTCUSDT", i % 2 == 0 ? Side.BUY : Side.SELL, 0.001, 0);
      long t0 = System.nanoTime();
      venue.tell(new VenueCommand.Send(0, List.of(o), List.of(), List.of()));
      boolean filled = false;
      while (!filled) {
        for (ExecutionReport r : probe.receiveMessage(Duration.ofSeconds(10)).reports()) filled |= r instanceof ExecutionReport.Fill f && f.remaining() <= 1e-12;
      }
      micros[i] = (System.nanoTime() - t0) / 1000;
    }
    percentiles("order to fill report (venue adapter)", Arrays.copyOfRange(micros, n / 10, n));
    kit.stop(venue);
  }

  static void percentiles(String what, long[] micros) {
    long[] s = micros.clone();
    Arrays.sort(s);
    System.out.printf("  %-36s %,6d orders  p50 %,7d us  p99 %,7d us  max %,7d us%n", what, s.length, s[s.length / 2], s[(int) (s.length * 0.99)], s[s.length - 1]);
  }
}
