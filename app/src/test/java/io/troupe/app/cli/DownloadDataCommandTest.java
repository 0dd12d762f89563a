package io.troupe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.gateway.binance.FakeBinance;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code troupe download-data} against the fake Binance server: paged klines, resumable, the backtester's format. */
class DownloadDataCommandTest {
  static final long M = 60_000;
  static final long T0 = 1_640_995_200_000L; // 2022-01-01T00:00Z
  static ActorTestKit kit;
  static FakeBinance fake;
  static final List<Bar> btc = series("BTCUSDT", 46_000, 2_500, 1);
  static final List<Bar> eth = series("ETHUSDT", 3_700, 2_500, 2);

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    kit = ActorTestKit.create();
    fake = new FakeBinance(kit.system(), "k", "s").start();
    fake.klines("BTCUSDT", "1m", btc).klines("ETHUSDT", "1m", eth);
  }

  @AfterAll
  static void stop() {
    fake.close();
    kit.shutdownTestKit();
  }

  static List<Bar> series(String symbol, double price, int n, long seed) {
    Random r = new Random(seed);
    List<Bar> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double open = Math.round(price * 100) / 100.0;
      price = Math.max(1, price + r.nextGaussian() * price * 0.001);
      double close = Math.round(price * 100) / 100.0;
      double high = Math.max(open, close) + Math.round(r.nextDouble() * 500) / 100.0;
      double low = Math.min(open, close) - Math.round(r.nextDouble() * 500) / 100.0;
      out.add(new Bar(symbol, T0 + i * M, open, high, low, close, Math.round(r.nextDouble() * 1e8) / 1e6));
    }
    return out;
  }

  static List<Bar> read(Path file, String symbol) {
    List<Bar> out = new ArrayList<>();
    BarFiles.forEach(file, symbol, null, out::add);
    return out;
  }

  CliRun download(String to) {
    return CliRun.run("download-data", "--venue", "binance", "--symbols", "BTCUSDT,ethusdt", "--timeframe", "1m", "--from", "2022-01-01", "--to", to,
        "--out", dir.toString(), "--base-url", fake.restUrl(), "--quiet");
  }

  @Test
  void pagesOfKlinesBecomeTheBacktestersFilesAndASecondRunContinues() throws Exception {
    CliRun first = download("2022-01-02T01:00:00Z"); // 1,500 minutes: two pages each
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().contains("BTCUSDT: 1,500 bars written to"), first.out());
    Path btcFile = dir.resolve("BTCUSDT-1m.csv");
    assertEquals(btc.subList(0, 1_500), read(btcFile, "BTCUSDT"));
    assertEquals(eth.subList(0, 1_500), read(dir.resolve("ETHUSDT-1m.csv"), "ETHUSDT"));
    assertEquals("timestamp,open,high,low,close,volume", Files.readAllLines(btcFile).get(0));

    // a kill mid-row leaves a cut line: the next run drops it and continues after the last whole bar
    Files.writeString(btcFile, "2022-01-02 01:00:00,460", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    CliRun second = download("2022-01-02T17:40:00Z");
    assertEquals(0, second.exit(), second.err());
    assertTrue(second.out().contains("BTCUSDT: 1,000 bars written to " + btcFile + " (continued after 2022-01-02 00:59)"), second.out());
    assertEquals(btc, read(btcFile, "BTCUSDT"));
    assertEquals(eth, read(dir.resolve("ETHUSDT-1m.csv"), "ETHUSDT"));

    CliRun third = download("2022-01-02T17:40:00Z");
    assertTrue(third.out().contains("BTCUSDT: 0 bars written"), third.out());
    assertEquals(btc, read(btcFile, "BTCUSDT"));
  }

  @Test
  void badOptionsAreNamed() {
    CliRun tf = CliRun.run("download-data", "--venue", "binance", "--symbols", "BTCUSDT", "--timeframe", "7m", "--from", "2022-01-01", "--to", "2022-01-02",
        "--out", dir.toString(), "--base-url", fake.restUrl());
    assertEquals(2, tf.exit());
    assertTrue(tf.err().contains("--timeframe 7m: Binance has no such kline interval"), tf.err());
    CliRun from = CliRun.run("download-data", "--venue", "binance", "--symbols", "BTCUSDT", "--timeframe", "1m", "--from", "yesterday", "--to", "2022-01-02",
        "--out", dir.toString());
    assertEquals(2, from.exit());
    assertTrue(from.err().contains("--from yesterday: not a date"), from.err());
    CliRun url = CliRun.run("download-data", "--venue", "binance", "--symbols", "BTCUSDT", "--timeframe", "1m", "--from", "2022-01-01", "--to", "2022-01-02",
        "--out", dir.toString(), "--base-url", "ftp://x");
    assertEquals(2, url.exit());
    assertTrue(url.err().contains("--base-url"), url.err());
    CliRun window = CliRun.run("download-data", "--venue", "binance", "--symbols", "BTCUSDT", "--timeframe", "1m", "--from", "2022-01-01", "--to", "2022-01-02",
        "--out", dir.toString(), "--set", "troupe.venue.binance.recv-window=90s");
    assertEquals(2, window.exit());
    assertTrue(window.err().contains("troupe.venue.binance.recv-window must be in (0, 60s]"), window.err());
    CliRun unknown = CliRun.run("download-data", "--venue", "binance", "--symbols", "BTCUSDT", "--timeframe", "1m", "--from", "2022-01-01", "--to", "2022-01-02",
        "--out", dir.toString(), "--set", "troupe.venue.binance.recv-windw=1s");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("unknown key troupe.venue.binance.recv-windw; did you mean troupe.venue.binance.recv-window?"), unknown.err());
  }
}
