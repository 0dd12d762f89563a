package io.troupe.app.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.junit.jupiter.api.Test;

/**
 * Every wait of the backtest runner has a bound and says what did not answer (issue 17: {@code backtest} with an empty
 * specialists folder parked in {@code BacktestRunner.await} forever).
 */
class BoundedWaitTest {

  @Test
  void aStageThatNeverCompletesFailsAtItsBoundNamingWhatDidNotAnswer() {
    BacktestRunner.StuckException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(BacktestRunner.StuckException.class,
        () -> BacktestRunner.await(new CompletableFuture<String>(), Duration.ofMillis(200), "the agent 'positions' (asked GetResults)")));
    assertEquals("the agent 'positions' (asked GetResults) did not answer within 200 ms", e.getMessage());
  }

  @Test
  void anAskThatTimedOutIsNamedAndAnInputErrorSurfacesAsItself() {
    BacktestRunner.StuckException e = assertThrows(BacktestRunner.StuckException.class,
        () -> BacktestRunner.await(CompletableFuture.failedFuture(new TimeoutException("Ask timed out")), Duration.ofSeconds(1), "the trading node"));
    assertTrue(e.getMessage().startsWith("the trading node did not answer within"), e.getMessage());
    InvalidInputException bad = new InvalidInputException("x.csv: line 3, field 'high': bad");
    assertEquals(bad, assertThrows(InvalidInputException.class,
        () -> BacktestRunner.await(CompletableFuture.failedFuture(new RuntimeException(bad)), Duration.ofSeconds(1), "the feed")));
  }

  @Test
  void aFeedThatStopsMovingFailsAfterTheBoundNamingTheLastStep() {
    long t = Instant.parse("2022-01-11T15:50:00Z").toEpochMilli();
    AtomicLong read = new AtomicLong(17);
    long started = System.nanoTime();
    BacktestRunner.StuckException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(BacktestRunner.StuckException.class,
        () -> BacktestRunner.awaitFeed(new CompletableFuture<Done>(), read, new AtomicLong(t), Duration.ofMillis(500))));
    assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(500));
    assertEquals("the trading node answered no step for 500 ms (the last handed over at 2022-01-11T15:50:00Z, 17 bars read): an agent did not answer"
        + " (a failure of one is logged above)", e.getMessage());
  }

  @Test
  void aFeedThatKeepsMovingIsWaitedForPastTheBound() throws Exception {
    AtomicLong read = new AtomicLong();
    CompletableFuture<Done> done = new CompletableFuture<>();
    long started = System.nanoTime();
    // The feed reads all the time (a spinning thread, so a busy machine cannot make it look stalled for a second) and
    // ends only after three bounds of wall time.
    Thread reader = new Thread(() -> {
      while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3)) {
        read.incrementAndGet();
        Thread.onSpinWait();
      }
      done.complete(Done.getInstance());
    }, "feed");
    reader.setDaemon(true);
    reader.start();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> BacktestRunner.awaitFeed(done, read, new AtomicLong(Long.MIN_VALUE), Duration.ofSeconds(1)));
    assertTrue(done.isDone());
    assertTrue(System.nanoTime() - started >= TimeUnit.SECONDS.toNanos(3), "it waited past its bound while the feed moved");
  }

  @Test
  void aFeedThatFailsFailsAtOnceWithItsCause() {
    InvalidInputException bad = new InvalidInputException("x.csv: line 3, field 'high': bad");
    assertEquals(bad, assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(InvalidInputException.class,
        () -> BacktestRunner.awaitFeed(CompletableFuture.failedFuture(bad), new AtomicLong(), new AtomicLong(), Duration.ofSeconds(60)))));
  }
}
