package io.troupe.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream source and the resampling flow, run on a real materializer. */
class BarSourceTest {
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final ActorSystem<Void> system = testKit.system();

  @TempDir Path dir;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void streamsARealFileAndMaterializesTheSameReportAsTheLoop() throws Exception {
    Path file = RealData.file("ETH_BTC-5m.json");
    Pair<CompletionStage<ReadReport>, CompletionStage<List<Bar>>> run =
        BarFiles.source(file, null, ReadOptions.DEFAULT).toMat(Sink.seq(), Keep.both()).run(system);
    List<Bar> streamed = await(run.second());
    List<Bar> looped = new ArrayList<>();
    ReadReport loopReport = BarFiles.forEach(file, null, ReadOptions.DEFAULT, looped::add);
    assertEquals(looped, streamed);
    assertEquals(5760, streamed.size());
    assertEquals(loopReport, await(run.first()));
  }

  @Test
  void eachMaterializationReadsAfresh() throws Exception {
    Source<Bar, CompletionStage<ReadReport>> source = BarFiles.source(RealData.file("2006-day-001.txt"), "IDX", null);
    assertEquals(255, await(source.runWith(Sink.seq(), system)).size());
    assertEquals(255, await(source.runWith(Sink.seq(), system)).size());
  }

  @Test
  void badRowFailsTheStreamAndTheReport() throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "time,open,high,low,close\n2022-01-01,1,2,1,2\n2022-01-02,1,2,1,0.5\n", StandardCharsets.UTF_8);
    Pair<CompletionStage<ReadReport>, TestSubscriber.Probe<Bar>> run =
        BarFiles.source(file, "X", ReadOptions.DEFAULT).toMat(TestSink.probe(system.classicSystem()), Keep.both()).run(system);
    TestSubscriber.Probe<Bar> probe = run.second();
    probe.request(10);
    assertEquals(1.0, probe.expectNext().open());
    Throwable streamError = probe.expectError();
    assertTrue(streamError instanceof BadRowException, streamError.toString());
    assertEquals(file + ": line 3, field 'low': 1 is above min(open, close) 0.5", streamError.getMessage());
    ExecutionException reportError = assertThrows(ExecutionException.class, () -> await(run.first()));
    assertSame(streamError, reportError.getCause());
  }

  @Test
  void missingFileFailsTheReport() {
    Path file = dir.resolve("missing.csv");
    CompletionStage<ReadReport> report =
        BarFiles.source(file, "X", ReadOptions.DEFAULT).to(Sink.ignore()).run(system);
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(report));
    assertEquals(file + ": no such file", e.getCause().getMessage());
  }

  @Test
  void earlyCancellationCompletesTheReportWithWhatWasRead() throws Exception {
    Pair<CompletionStage<ReadReport>, CompletionStage<List<Bar>>> run =
        BarFiles.source(RealData.file("ETH_BTC-5m.json"), null, ReadOptions.DEFAULT)
            .take(10)
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    assertEquals(10, await(run.second()).size());
    assertTrue(await(run.first()).rows() >= 10);
  }

  @Test
  void resamplesTheRealBtcFileToFiveMinutes() throws Exception {
    Path file = RealData.file("btc-perp-20211231-20220201_1m.csv");
    List<Bar> source = new ArrayList<>();
    BarFiles.forEach(file, null, ReadOptions.DEFAULT, source::add);
    List<Bar> resampled =
        await(BarFiles.source(file, null, ReadOptions.DEFAULT).via(Resample.flow(Timeframe.parse("5m"))).runWith(Sink.seq(), system));

    // Every 5m bucket that has at least one 1m bar appears once.
    long buckets = source.stream().mapToLong(b -> Math.floorDiv(b.time(), 300_000L)).distinct().count();
    assertEquals(buckets, resampled.size());
    assertTrue(Math.abs(resampled.size() - 45031 / 5) <= 2, "resampled " + resampled.size());

    // First 1m bar is 23:01, so the first bucket (23:00) holds 4 bars; check a full one: 23:05..23:09.
    Bar bucket = resampled.get(1);
    assertEquals(java.time.Instant.parse("2021-12-31T23:05:00Z").toEpochMilli(), bucket.time());
    List<Bar> five = source.subList(4, 9);
    assertEquals(bucket.time(), five.get(0).time());
    assertEquals(bucket.time() + 4 * 60_000L, five.get(4).time());
    assertEquals(five.get(0).open(), bucket.open());
    assertEquals(five.stream().mapToDouble(Bar::high).max().orElseThrow(), bucket.high());
    assertEquals(five.stream().mapToDouble(Bar::low).min().orElseThrow(), bucket.low());
    assertEquals(five.get(4).close(), bucket.close());
    assertEquals(five.stream().mapToDouble(Bar::volume).sum(), bucket.volume(), 1e-6);
    assertEquals("BTC-PERP", bucket.symbol());
  }
}
