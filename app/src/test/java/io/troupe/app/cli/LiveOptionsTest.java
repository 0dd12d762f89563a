package io.troupe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.gateway.binance.BinanceCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe live} refuses in one line, exit 2, before anything is written or any venue reached: without --live,
 * without Binance's credentials in the environment, without a feed, with a venue it does not know, with a bad
 * troupe.venue.unknown-orders, with a currency conversion.
 */
class LiveOptionsTest {
  @TempDir Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", Path.of("..").toAbsolutePath().normalize().toString());
  }

  private void refused(String expected, String... options) {
    Path state = dir.resolve("state");
    String[] args = new String[options.length + 5];
    args[0] = "live";
    System.arraycopy(options, 0, args, 1, options.length);
    System.arraycopy(new String[] {"--state", state.toString(), "--http", "off"}, 0, args, options.length + 1, 4);
    CliRun run = CliRun.run(args);
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains(expected), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertFalse(Files.exists(state), "nothing is written");
  }

  @Test
  void withoutTheLiveFlagNothingRuns() {
    refused("live: this sends real orders to binance; add --live to mean it", "--venue", "binance", "--feed", "binance:BTCUSDT", "--timeframe", "1m");
    refused("live: this sends real orders to fix; add --live to mean it", "--venue", "fix", "--feed", "binance:BTCUSDT", "--timeframe", "1m");
    refused("live: this sends real orders to binance; add --live to mean it", "--venue", "binance", "--market", "usdm", "--feed", "binance:BTCUSDT",
        "--timeframe", "1m");
  }

  @Test
  void binanceWithoutCredentialsIsRefusedNamingTheVariable() {
    assumeTrue(System.getenv(BinanceCredentials.KEY_VARIABLE) == null, "the test's environment has Binance credentials");
    refused("set " + BinanceCredentials.KEY_VARIABLE, "--venue", "binance", "--live", "--feed", "binance:BTCUSDT", "--timeframe", "1m");
    refused("set " + BinanceCredentials.KEY_VARIABLE, "--venue", "binance", "--market", "usdm", "--live", "--feed", "binance:BTCUSDT", "--timeframe", "1m");
  }

  @Test
  void badOptionsAreRefusedNamingThem() {
    refused("--venue: 'kraken' is not one of binance, fix", "--venue", "kraken", "--live", "--feed", "binance:BTCUSDT", "--timeframe", "1m");
    refused("live: give --feed binance:SYMBOL", "--venue", "fix", "--live");
    refused("--market: 'coinm' is not one of spot, usdm", "--venue", "binance", "--market", "coinm", "--live", "--feed", "binance:BTCUSDT", "--timeframe", "1m");
    refused("--market: only with --venue binance", "--venue", "fix", "--market", "usdm", "--live", "--feed", "binance:BTCUSDT", "--timeframe", "1m");
    refused("troupe.venue.unknown-orders", "--venue", "fix", "--live", "--feed", "binance:BTCUSDT", "--timeframe", "1m", "--set",
        "troupe.venue.unknown-orders=ignore");
    refused("troupe.account.conversions: not with troupe live", "--venue", "fix", "--live", "--feed", "binance:BTCUSDT", "--timeframe", "1m", "--set",
        "troupe.account.currency=EUR", "--set", "troupe.account.conversions.USDT=0.9");
  }

  @Test
  void helpNamesTheVenueTheFlagAndThePaperOptions() {
    CliRun run = CliRun.run("live", "--help");
    assertEquals(0, run.exit(), run.err());
    for (String option : new String[] {"--venue", "--market", "--live", "--feed", "--state", "--http", "TROUPE_BINANCE_API_KEY"}) {
      assertTrue(run.out().contains(option), option + " in:\n" + run.out());
    }
  }
}
