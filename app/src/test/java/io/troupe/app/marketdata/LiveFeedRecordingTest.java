package io.troupe.app.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.gateway.binance.BinanceMarketData;
import io.troupe.gateway.binance.BinanceSettings;
import io.troupe.gateway.binance.FakeBinance;
import io.troupe.gateway.feed.FeedEvents;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.Timeframe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live kline feed recorded as it arrives, read back by the backtest's reader: the same bars. */
class LiveFeedRecordingTest {
  @TempDir Path dir;

  @Test
  void aRecordedStretchReadsBackAsTheBarsThatArrived() throws Exception {
    ActorTestKit kit = ActorTestKit.create();
    try (FakeBinance fake = new FakeBinance(kit.system(), "k", "s").start()) {
      BinanceSettings settings = new BinanceSettings(fake.restUrl(), fake.streamUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), 2,
          Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMinutes(30));
      List<Bar> sent = new ArrayList<>();
      long t0 = 1_640_995_200_000L;
      for (int i = 0; i < 30; i++) {
        sent.add(new Bar("BTCUSDT", t0 + i * 60_000L, 46_000 + i * 0.1, 46_010.25 + i, 45_990.5 - i, 46_001.12345678 + i, 12.00000001 * i));
        sent.add(new Bar("ETHUSDT", t0 + i * 60_000L, 3_700.01, 3_720 + i, 3_690, 3_705.5 + i / 3.0, 0.1 + i));
      }
      BarRecorder recorder = new BarRecorder(dir, "1m");
      var done = BinanceMarketData.klineBars(kit.system(), settings, List.of("BTCUSDT", "ETHUSDT"), Timeframe.parse("1m"), null, FeedEvents.NONE)
          .take(sent.size()).runWith(recorder.sink(), kit.system());
      FakeBinance.await(() -> fake.marketConnections() == 1, Duration.ofSeconds(10), "the market stream");
      for (Bar b : sent) {
        fake.publishKline("1m", b, false); // forming: not recorded
        fake.publishKline("1m", b, true);
      }
      done.toCompletableFuture().get(10, TimeUnit.SECONDS);
      for (String symbol : List.of("BTCUSDT", "ETHUSDT")) {
        List<Bar> back = new ArrayList<>();
        BarFiles.forEach(BarCsvFile.fileFor(dir, symbol, "1m"), null, null, back::add);
        assertEquals(sent.stream().filter(b -> b.symbol().equals(symbol)).toList(), back);
      }
      // Recording again into the same folder continues after the last bar: a repeat is not written twice.
      try (BarRecorder again = new BarRecorder(dir, "1m")) {
        again.record(sent.get(sent.size() - 2));
      }
      List<Bar> back = new ArrayList<>();
      BarFiles.forEach(BarCsvFile.fileFor(dir, "BTCUSDT", "1m"), null, null, back::add);
      assertEquals(30, back.size());
    } finally {
      kit.shutdownTestKit();
    }
  }
}
