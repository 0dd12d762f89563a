package io.troupe.app.paper;

import io.troupe.app.marketdata.BarCsvFile;
import io.troupe.app.marketdata.BarRecorder;
import io.troupe.app.marketdata.LiveBarFeed;
import io.troupe.gateway.feed.FeedEvents;
import io.troupe.market.Bar;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;

/**
 * A live session's steps after its recording: the feed's bars, from where the recording ends (or the warm-up's start
 * for a new session), grouped into steps ({@link LiveSteps}) and each step recorded ({@link BarRecorder}, the CSV the
 * backtester reads) before the session journals it, so every journaled step is in the recording and a resume replays
 * the recording. Pulled by the runner's thread, one bar at a time, with backpressure.
 */
final class FeedSteps implements AutoCloseable {
  private final LiveBarFeed feed;
  private final Path recording;
  private final BarRecorder recorder;
  private final LiveSteps steps;
  private final SinkQueueWithCancel<Bar> queue;
  private final ArrayDeque<List<Bar>> ready = new ArrayDeque<>();
  private CompletableFuture<Optional<Bar>> pending;
  /** Bars the feed's source has emitted; at the stream's first connection, how many of them were its history (-1 before). */
  private final java.util.concurrent.atomic.AtomicLong emitted;
  private final java.util.concurrent.atomic.AtomicLong history;
  /** Bars taken from the queue by {@link #poll}. */
  private long pulled;

  private FeedSteps(LiveBarFeed feed, Path recording, BarRecorder recorder, LiveSteps steps, SinkQueueWithCancel<Bar> queue,
      java.util.concurrent.atomic.AtomicLong emitted, java.util.concurrent.atomic.AtomicLong history) {
    this.emitted = emitted;
    this.history = history;
    this.feed = feed;
    this.recording = recording;
    this.recorder = recorder;
    this.steps = steps;
    this.queue = queue;
  }

  /** The recording's file of {@code symbol}. */
  static Path file(Path recording, LiveBarFeed feed, String symbol) {
    return BarCsvFile.fileFor(recording, symbol, feed.timeframe().label());
  }

  /** The recording's files, of the symbols that have one. */
  static Map<String, Path> recorded(Path recording, LiveBarFeed feed) {
    Map<String, Path> out = new LinkedHashMap<>();
    for (String s : feed.symbols()) {
      Path f = file(recording, feed, s);
      if (Files.isRegularFile(f)) out.put(s, f);
    }
    return out;
  }

  /**
   * Starts the feed after the recording: each symbol's bars from one bar after its last recorded one; a symbol with
   * none from {@code warmUpFrom}. {@code lastStepTime} is the recording's last step, {@code end} the session's end
   * (exclusive; {@link Long#MAX_VALUE}: none).
   */
  static FeedSteps start(ActorSystem<?> system, LiveBarFeed feed, Path recording, Map<String, List<Bar>> recordedBars, long lastStepTime,
      long warmUpFrom, long end, PrintWriter log) {
    long length = feed.timeframe().millis();
    Map<String, Long> from = new LinkedHashMap<>();
    for (String s : feed.symbols()) {
      List<Bar> bars = recordedBars.get(s);
      from.put(s, bars == null || bars.isEmpty() ? (lastStepTime == Long.MIN_VALUE ? warmUpFrom : lastStepTime + length) : bars.get(bars.size() - 1).time() + length);
    }
    LiveSteps steps = new LiveSteps(feed.symbols(), length, lastStepTime, end, (bar, last) -> {
      log.printf("paper: feed %s: the %s bar of %s came after the step of %s had run; left out%n", feed.name(), bar.symbol(), Instant.ofEpochMilli(bar.time()),
          Instant.ofEpochMilli(last));
      log.flush();
    });
    java.util.concurrent.atomic.AtomicLong emitted = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong history = new java.util.concurrent.atomic.AtomicLong(-1);
    FeedEvents events = new FeedEvents() {
      @Override
      public void connected(long number) {
        // The stream connects once the history has gone through the source: what was emitted by then is history.
        history.compareAndSet(-1, emitted.get());
        log.printf("paper: feed %s: connected to the live stream (connection %d)%n", feed.name(), number);
        log.flush();
      }

      @Override
      public void gap(String symbol, long gapFrom, long to, int filled) {
        log.printf("paper: feed %s: %s bars from %s to %s missed the live stream; %d filled from the venue's history%n", feed.name(), symbol,
            Instant.ofEpochMilli(gapFrom), Instant.ofEpochMilli(to), filled);
        log.flush();
      }

      @Override
      public void lateTrade(String symbol, long time) {
        log.printf("paper: feed %s: a %s trade at %s came after its bar was built; left out%n", feed.name(), symbol, Instant.ofEpochMilli(time));
        log.flush();
      }

      @Override
      public void partialBar(String symbol, long time) {
        log.printf("paper: feed %s: the %s bar of %s holds only the trades since the stream connected (the venue's history did not give it)%n",
            feed.name(), symbol, Instant.ofEpochMilli(time));
        log.flush();
      }
    };
    log.printf("paper: feed %s: bars from %s on, the venue's history first, then live%n", feed.name(),
        Instant.ofEpochMilli(from.values().stream().mapToLong(Long::longValue).min().orElse(warmUpFrom)));
    log.flush();
    if (!feed.instruments().isEmpty()) {
      // Beside the bars, the terms they were traded on: a backtest of the recording takes it with --config.
      try {
        Files.createDirectories(recording);
        io.troupe.app.report.AtomicFiles.DISK.writeString(recording.resolve(io.troupe.app.config.InstrumentTerms.FILE),
            io.troupe.app.config.InstrumentTerms.render(new java.util.TreeMap<>(feed.instruments())));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot write " + recording.resolve(io.troupe.app.config.InstrumentTerms.FILE), e);
      }
    }
    SinkQueueWithCancel<Bar> queue = feed.bars(system, from, System::currentTimeMillis, events).map(b -> {
      emitted.incrementAndGet();
      return b;
    }).runWith(Sink.queue(), system);
    return new FeedSteps(feed, recording, new BarRecorder(recording, feed.timeframe().label()), steps, queue, emitted, history);
  }

  /**
   * The next step, waiting at most {@code nanos} for it; null when none is complete by then. A feed that failed (its
   * history could not be read) or ended is a failure naming the feed.
   */
  List<Bar> poll(long nanos) {
    long deadline = System.nanoTime() + nanos;
    while (ready.isEmpty()) {
      if (pending == null) pending = queue.pull().toCompletableFuture();
      Optional<Bar> bar;
      try {
        long left = deadline - System.nanoTime();
        bar = pending.get(Math.max(0, left), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        bar = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the feed", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new PaperFailure("paper: the feed " + feed.name() + " failed: " + cause.getMessage(), cause);
      }
      if (bar == null) return null;
      pending = null;
      if (bar.isEmpty()) throw new PaperFailure("paper: the feed " + feed.name() + " ended");
      pulled++;
      ready.addAll(steps.add(bar.get()));
    }
    return ready.pollFirst();
  }

  /**
   * The feed has caught up: the last bar taken came from the live stream, not from the venue's history (the warm-up of
   * a new session, or what closed while nothing ran). A live session sends no order before.
   */
  boolean caughtUp() {
    long h = history.get();
    return h >= 0 && pulled > h;
  }

  /** Writes the step's bars to the recording, flushed, before the session journals the step. */
  void record(List<Bar> step) {
    for (Bar b : step) recorder.record(b);
  }

  Path recording() {
    return recording;
  }

  @Override
  public void close() {
    queue.cancel();
    try {
      recorder.close();
    } catch (IOException ignored) {
      // each bar was flushed as it was written
    }
  }
}
