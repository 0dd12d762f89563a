package io.troupe.gateway.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.troupe.model.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The presets of config/binance.conf as the settings read them. */
class BinanceSettingsTest {
  @Test
  void credentialsShowNothingOfTheKeyOrTheSecret() {
    String shown = BinanceCredentials.of("test-api-key-0123456789", "test-secret-abcdefghij")
        .toString();
    assertEquals("BinanceCredentials[key=hidden, secret=hidden]", shown);
  }

  @Test
  void theTestnetIsTheDefaultAndProductionAPreset() {
    BinanceSettings testnet = BinanceSettings.fromConfig(ConfigFactory.load());
    assertEquals("https://testnet.binance.vision", testnet.restUrl());
    assertEquals("wss://stream.testnet.binance.vision", testnet.streamUrl());
    assertEquals(Duration.ofSeconds(5), testnet.recvWindow());
    BinanceSettings production = BinanceSettings.fromConfig(ConfigFactory.parseString("troupe.venue.binance.preset = production").withFallback(ConfigFactory.load()));
    assertEquals("https://api.binance.com", production.restUrl());
    assertEquals("wss://stream.binance.com:9443", production.streamUrl());
    BinanceSettings futures = BinanceSettings.fromConfig(ConfigFactory.parseString("troupe.venue.binance.preset = production").withFallback(ConfigFactory.load()),
        BinanceMarket.USDM);
    assertEquals("https://fapi.binance.com", futures.restUrl());
    assertEquals("wss://fstream.binance.com", futures.streamUrl());
    assertEquals("https://testnet.binancefuture.com", BinanceSettings.fromConfig(ConfigFactory.load(), BinanceMarket.USDM).restUrl());
    BinanceSettings local = BinanceSettings.fromConfig(ConfigFactory.parseString("troupe.venue.binance.rest-url = \"http://127.0.0.1:9/\"").withFallback(ConfigFactory.load()));
    assertEquals("http://127.0.0.1:9", local.restUrl());
    assertEquals("wss://stream.testnet.binance.vision", local.streamUrl());
  }

  @Test
  void anUnknownPresetIsNamed() {
    var e = assertThrows(InvalidInputException.class,
        () -> BinanceSettings.fromConfig(ConfigFactory.parseString("troupe.venue.binance.preset = staging").withFallback(ConfigFactory.load())));
    assertEquals("troupe.venue.binance.preset 'staging' is not a preset; the presets are production, testnet", e.getMessage());
  }
}
