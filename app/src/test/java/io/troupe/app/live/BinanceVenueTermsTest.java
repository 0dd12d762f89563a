package io.troupe.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.app.config.InstrumentTerms;
import io.troupe.gateway.binance.BinanceCredentials;
import io.troupe.gateway.binance.BinanceSettings;
import io.troupe.gateway.binance.FakeBinance;
import io.troupe.model.Instrument;
import io.troupe.model.InvalidInputException;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code troupe live --venue binance} takes each symbol's grid and quote currency from Binance's exchange information
 * (the fake's {@code GET /api/v3/exchangeInfo}, in the published shape), as {@code troupe.instruments} terms: the
 * session's instruments are the venue's, so its orders go out on the venue's tick and lot.
 */
class BinanceVenueTermsTest {
  static ActorTestKit kit;
  static FakeBinance fake;

  @BeforeAll
  static void venue() {
    kit = ActorTestKit.create();
    fake = new FakeBinance(kit.system(), "key-1", "secret-1").start();
    fake.listSymbol("ETHBTC", "ETH", "BTC", 0.05, 0.0501).filters("ETHBTC", "0.00000100", "0.00010000", "0.00010000");
  }

  @AfterAll
  static void stop() {
    fake.close();
    kit.shutdownTestKit();
  }

  private static BinanceLiveVenue venue(Config config) {
    return new BinanceLiveVenue(BinanceSettings.fromConfig(config), BinanceCredentials.of("key-1", "secret-1"));
  }

  private static Config local() {
    return ConfigFactory.parseString("troupe.venue.binance.rest-url = \"" + fake.restUrl() + "\"\ntroupe.venue.binance.stream-url = \""
        + fake.streamUrl() + "\"").withFallback(ConfigFactory.load()).resolve();
  }

  @Test
  void theSessionsInstrumentsAreTheVenues() {
    Config config = InstrumentTerms.over(local(), venue(local()).venueInstruments(local(), List.of("ETHBTC")));
    Instrument eth = InstrumentTerms.fromConfig(config.getConfig("troupe"), 0, 0, 1, 0).instrument("ETHBTC");
    assertEquals(Instrument.Kind.SPOT, eth.kind());
    assertEquals("BTC", eth.quoteCurrency());
    assertEquals(0.000001, eth.tickSize());
    assertEquals(0.0001, eth.lotSize());
    assertEquals(0.0001, eth.minNotional());
  }

  @Test
  void aSymbolTheVenueDoesNotListIsBadInput() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> venue(local()).venueInstruments(local(), List.of("NOSUCHPAIR")));
    assertTrue(e.getMessage().startsWith("--feed: binance lists no symbol among [NOSUCHPAIR]"), e.getMessage());
  }
}
