package io.troupe.app.paper;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * SIGINT or SIGTERM asks a running session to stop: the JVM's shutdown hook sets the request and wakes the runner,
 * which finishes its current step, makes the journal durable and returns; the hook then waits (bounded) until the
 * command has said where it stopped, and the JVM exits with 128 + the signal (130, 143). Pekko's own shutdown hook is
 * off for paper sessions, so the actor system is not torn down under a step in progress.
 */
public final class GracefulStop {

  /** How long a signal waits for the step in progress and the journal; then the JVM exits regardless. */
  static final Duration BOUND = Duration.ofSeconds(30);

  private volatile boolean requested;
  private final java.util.concurrent.CompletableFuture<Void> whenRequested = new java.util.concurrent.CompletableFuture<>();
  private final Thread runner;
  private final CountDownLatch finished = new CountDownLatch(1);
  private Thread hook;

  private GracefulStop(Thread runner) {
    this.runner = runner;
  }

  /** A stop nobody but a test can request: for runs in a JVM that is not the session's own. */
  public static GracefulStop manual() {
    return new GracefulStop(Thread.currentThread());
  }

  /** Installs the shutdown hook for the session run on the calling thread; {@link #close} removes it. */
  public static GracefulStop onSignals() {
    GracefulStop stop = new GracefulStop(Thread.currentThread());
    stop.hook = new Thread(() -> {
      stop.request();
      try {
        stop.finished.await(BOUND.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }, "troupe-stop");
    Runtime.getRuntime().addShutdownHook(stop.hook);
    return stop;
  }

  public void request() {
    requested = true;
    LockSupport.unpark(runner);
    whenRequested.complete(null);
  }

  /** Completes when a stop is requested: for a wait that is not a step (a clustered session standing by). */
  public java.util.concurrent.CompletionStage<Void> whenRequested() {
    return whenRequested;
  }

  public boolean requested() {
    return requested;
  }

  /** The command has said where it stopped (or the session ended): a pending signal may exit the JVM now. */
  public void close() {
    finished.countDown();
    if (hook != null && !requested) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // a signal came in just now: the hook runs and finds the latch open
      }
    }
  }
}
