package io.troupe.gateway.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.Instrument;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Instruments from Binance's exchange information, spot and USD-M futures, read from the fake server's answers. */
class ExchangeInfoTest {
  static ActorTestKit kit;

  @BeforeAll
  static void startKit() {
    kit = ActorTestKit.create();
  }

  @AfterAll
  static void stopKit() {
    kit.shutdownTestKit();
  }

  private static BinanceRestClient client(FakeBinance fake, BinanceMarket market) {
    return new BinanceRestClient(kit.system(), new BinanceSettings(fake.restUrl(), fake.streamUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), 2,
        Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMinutes(30)), null, market);
  }

  @Test
  void spotSymbolsCarryTheirQuoteTickLotAndMinimumNotional() {
    try (FakeBinance fake = new FakeBinance(kit.system(), BinanceVenueTest.KEY, BinanceVenueTest.SECRET).start()) {
      fake.listSymbol("BTCUSDT", "BTC", "USDT", 99, 101).filters("BTCUSDT", "0.01000000", "0.00001000", "5.00000000");
      fake.listSymbol("ETHBTC", "ETH", "BTC", 0.05, 0.0501).filters("ETHBTC", "0.00001000", "0.00010000", "0.00010000");
      fake.listSymbol("BNBBTC", "BNB", "BTC", 0.01, 0.0101);
      Map<String, Instrument> got = BinanceRestClientTest.join(client(fake, BinanceMarket.SPOT).instruments(List.of("BTCUSDT", "ETHBTC")));
      assertEquals(new Instrument("BTCUSDT", Instrument.Kind.SPOT, "USDT", 0.01, 0.00001, 5, 1, 0, Instrument.Settlement.CASH, 1), got.get("BTCUSDT"));
      assertEquals(new Instrument("ETHBTC", Instrument.Kind.SPOT, "BTC", 0.00001, 0.0001, 0.0001, 1, 0, Instrument.Settlement.CASH, 1), got.get("ETHBTC"));
      assertEquals(List.of("BTCUSDT", "ETHBTC"), List.copyOf(got.keySet()));
      // Asked by name, as the documents say: symbols=["BTCUSDT","ETHBTC"]; BNBBTC was not asked for.
      assertTrue(fake.queriesSeen().stream().anyMatch(q -> q.startsWith("/api/v3/exchangeInfo?symbols=%5B%22BTCUSDT%22%2C%22ETHBTC%22%5D")), fake.queriesSeen().toString());
      // An order on that grid: the price to the tick, the quantity down to the lot.
      Instrument btc = got.get("BTCUSDT");
      assertEquals(100.13, btc.roundPrice(100.1299));
      assertEquals(0.12345, btc.roundQuantity(0.123459));
    }
  }

  @Test
  void theOlderMinNotionalFilterIsReadToo() {
    try (FakeBinance fake = new FakeBinance(kit.system(), BinanceVenueTest.KEY, BinanceVenueTest.SECRET).legacyMinNotional().start()) {
      fake.listSymbol("BTCUSDT", "BTC", "USDT", 99, 101).filters("BTCUSDT", "0.01", "0.001", "10.00000000");
      assertEquals(10, BinanceRestClientTest.join(client(fake, BinanceMarket.SPOT).instruments(List.of("BTCUSDT"))).get("BTCUSDT").minNotional());
    }
  }

  @Test
  void anUnknownSymbolIsBinancesInvalidSymbol() {
    try (FakeBinance fake = new FakeBinance(kit.system(), BinanceVenueTest.KEY, BinanceVenueTest.SECRET).start()) {
      fake.listSymbol("BTCUSDT", "BTC", "USDT", 99, 101);
      var e = assertInstanceOf(BinanceApiException.class,
          assertThrows(CompletionException.class, () -> BinanceRestClientTest.join(client(fake, BinanceMarket.SPOT).instruments(List.of("NOPEUSDT")))).getCause());
      assertEquals(-1121, e.code());
    }
  }

  @Test
  void aFuturesPerpetualIsAPerpetualOnMarginWithItsNotional() {
    try (FakeBinance fake = new FakeBinance(kit.system(), BinanceVenueTest.KEY, BinanceVenueTest.SECRET).futures().start()) {
      fake.listSymbol("BTCUSDT", "BTC", "USDT", 99, 101).filters("BTCUSDT", "0.10", "0.001", "100");
      Instrument perp = BinanceRestClientTest.join(client(fake, BinanceMarket.USDM).instruments(List.of("BTCUSDT"))).get("BTCUSDT");
      assertEquals(new Instrument("BTCUSDT", Instrument.Kind.PERPETUAL, "USDT", 0.1, 0.001, 100, 1, 0, Instrument.Settlement.MARGIN, 1), perp);
      assertTrue(fake.queriesSeen().stream().anyMatch(q -> q.startsWith("/fapi/v1/exchangeInfo?")), fake.queriesSeen().toString());
      // A symbol the answer lacks is named.
      var e = assertThrows(CompletionException.class, () -> BinanceRestClientTest.join(client(fake, BinanceMarket.USDM).instruments(List.of("ETHUSDT"))));
      assertTrue(e.getCause().getMessage().contains("no symbol ETHUSDT"), e.getCause().getMessage());
    }
  }
}
