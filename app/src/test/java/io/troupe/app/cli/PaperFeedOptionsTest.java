package io.troupe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code paper --feed} refuses what it cannot run in one line naming the option, exit 2, before anything is written or reached. */
class PaperFeedOptionsTest {
  @TempDir Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", Path.of("..").toAbsolutePath().normalize().toString());
  }

  private void refused(String expected, String... options) {
    Path state = dir.resolve("state");
    String[] args = new String[options.length + 5];
    args[0] = "paper";
    System.arraycopy(options, 0, args, 1, options.length);
    System.arraycopy(new String[] {"--state", state.toString(), "--http", "off"}, 0, args, options.length + 1, 4);
    CliRun run = CliRun.run(args);
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains(expected), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertFalse(Files.exists(state), "nothing is written");
  }

  @Test
  void badFeedsAreRefusedNamingTheOption() {
    refused("--feed 'kraken:XBTUSD': unknown venue 'kraken'", "--feed", "kraken:XBTUSD", "--timeframe", "1m");
    refused("--feed 'binance': expected VENUE:SYMBOL", "--feed", "binance", "--timeframe", "1m");
    refused("--feed 'binance:BTCUSDT,BTCUSDT': BTCUSDT is named twice", "--feed", "binance:BTCUSDT,BTCUSDT", "--timeframe", "1m");
    refused("--feed 'binance:BTC-USDT': 'BTC-USDT' is not a Binance symbol", "--feed", "binance:BTC-USDT", "--timeframe", "1m");
    refused("--feed: give the bars' --timeframe too", "--feed", "binance:BTCUSDT");
    refused("--timeframe 2m: Binance has no such kline interval", "--feed", "binance:BTCUSDT", "--timeframe", "2m");
    refused("--speed: a session on a live feed trades each bar as it closes", "--feed", "binance:BTCUSDT", "--timeframe", "1m", "--speed", "10");
    refused("--feed and --data", "--feed", "binance:BTCUSDT", "--timeframe", "1m", "--data", "data/btc-perp-20211231-20220201_1m.csv");
  }
}
