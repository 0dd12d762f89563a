package io.troupe.gateway.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST client alone against the fake exchange: signing, time sync, rate limits, Binance's error codes. */
class BinanceRestClientTest {
  static ActorTestKit kit;
  FakeBinance fake;
  BinanceRestClient client;

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
    fake = new FakeBinance(kit.system(), BinanceVenueTest.KEY, BinanceVenueTest.SECRET).start();
    fake.listSymbol("BTCUSDT", "BTC", "USDT", 99, 101).deposit("USDT", 1_000);
    client = new BinanceRestClient(kit.system(), new BinanceSettings(fake.restUrl(), fake.streamUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), 2,
        Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMinutes(30)), BinanceCredentials.of(BinanceVenueTest.KEY, BinanceVenueTest.SECRET));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  static <T> T join(java.util.concurrent.CompletionStage<T> s) {
    return s.toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
  }

  @Test
  void a429WaitsForRetryAfterThenSucceeds() {
    fake.rateLimit(1, 429, 1);
    long started = System.nanoTime();
    var balances = join(client.balances());
    assertEquals("USDT", balances.get(0).asset());
    assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(900), "waited for Retry-After");
    assertEquals(1, client.rateLimitWaits());
  }

  @Test
  void a418BeyondTheRetriesFailsWithBinancesCode() {
    fake.rateLimit(5, 418, 0);
    var e = assertInstanceOf(BinanceApiException.class, assertThrows(CompletionException.class, () -> join(client.balances())).getCause());
    assertEquals(418, e.status());
    assertEquals(BinanceApiException.TOO_MANY_REQUESTS, e.code());
  }

  @Test
  void aSkewedClockIsResyncedOnce() {
    fake.skewClock(30_000);
    join(client.balances());
    assertEquals(1, fake.rejectedTimestamps());
    assertEquals(1, client.timeSyncs());
    join(client.balances());
    assertEquals(1, fake.rejectedTimestamps(), "synced: no more -1021");
  }

  @Test
  void aBadSecretIsRefusedAsBinanceDoes() {
    var wrong = new BinanceRestClient(kit.system(), client.settings(), BinanceCredentials.of(BinanceVenueTest.KEY, "not-the-secret"));
    var e = assertInstanceOf(BinanceApiException.class, assertThrows(CompletionException.class, () -> join(wrong.balances())).getCause());
    assertEquals(-1022, e.code());
    assertTrue(!e.getMessage().contains("not-the-secret"));
  }
}
