package io.troupe.app.paper;

import io.troupe.model.TradingState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The operators' controls waiting for a running session's next step boundary. Anyone may submit (the HTTP API does,
 * from its own threads); only the runner takes them, between two steps, journals each and then applies it, so a
 * control lands at one definite place in the session and a replay puts it there again. A submission completes once
 * its control has taken effect (or fails when the session is not live).
 */
public final class SessionControls {

  /**
   * What a control did: where it took effect, and the trading state after it; for a swap, the desk's answer (it may
   * have refused it, changing nothing), else null.
   */
  public record Applied(long afterStep, long time, TradingState state, String stateReason, io.troupe.desk.DeskCommand.SwapAnswer swap) {
    public Applied(long afterStep, long time, TradingState state, String stateReason) {
      this(afterStep, time, state, stateReason, null);
    }
  }

  /** A control as submitted, waiting for the boundary. */
  record Submitted(OperatorControl control, String by, String reason, long wallClock, CompletableFuture<Applied> done) {}

  /** Thrown through a submission's stage when the session takes no controls (not live yet, or ended). */
  public static final class NotLive extends RuntimeException {
    NotLive(String message) {
      super(message, null, false, false);
    }
  }

  /** Bounded: a flood of controls is refused rather than held. */
  private static final int CAPACITY = 1000;

  private final LinkedBlockingQueue<Submitted> queue = new LinkedBlockingQueue<>(CAPACITY);
  private volatile String closedBecause = "the session is not live yet (recovering or replaying)";

  /**
   * Queues {@code control} for the next step boundary. {@code by} is the operator's name (a token's name, never its
   * secret); {@code wallClock} when it was given (epoch ms).
   */
  public synchronized CompletionStage<Applied> submit(OperatorControl control, String by, String reason, long wallClock) {
    CompletableFuture<Applied> done = new CompletableFuture<>();
    if (closedBecause != null) {
      done.completeExceptionally(new NotLive(closedBecause));
    } else if (!queue.offer(new Submitted(control, by, reason, wallClock, done))) {
      done.completeExceptionally(new NotLive("too many controls are waiting for the next step (" + CAPACITY + ")"));
    }
    return done;
  }

  /** The session is live: controls are taken from now on. */
  synchronized void open() {
    closedBecause = null;
  }

  /** The session ran its last step or stopped: nothing more is taken, and what waits is refused. */
  synchronized void close(String why) {
    closedBecause = why;
    List<Submitted> left = new ArrayList<>();
    queue.drainTo(left);
    for (Submitted s : left) s.done().completeExceptionally(new NotLive(why));
  }

  boolean isOpen() {
    return closedBecause == null;
  }

  /** Every control waiting now, in the order submitted. */
  List<Submitted> drain() {
    if (queue.isEmpty()) return List.of();
    List<Submitted> out = new ArrayList<>();
    queue.drainTo(out);
    return out;
  }

  /** The first control to arrive within {@code nanos}, or null. */
  Submitted poll(long nanos) throws InterruptedException {
    return queue.poll(nanos, TimeUnit.NANOSECONDS);
  }
}
