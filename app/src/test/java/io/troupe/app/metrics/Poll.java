package io.troupe.app.metrics;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Waiting on a condition outside this JVM (a Prometheus server's answer), with a bound: the answer, or a failure naming what never came. */
public final class Poll {

  private Poll() {}

  /** Asks {@code attempt} every {@code every} until it gives a value, at most {@code bound}; the last failure is in the error. */
  public static <T> T until(Duration bound, Duration every, String what, Callable<Optional<T>> attempt) {
    long deadline = System.nanoTime() + bound.toNanos();
    Exception last = null;
    while (true) {
      try {
        Optional<T> v = attempt.call();
        if (v.isPresent()) return v.get();
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within " + bound.toSeconds() + " s" + (last == null ? "" : " (last: " + last + ")"), last);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(every.toMillis()));
    }
  }
}
