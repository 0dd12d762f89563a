package io.troupe.app.alerts;

import io.troupe.app.paper.SessionObserver;
import io.troupe.model.TradingState;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.risk.Restriction;
import io.troupe.risk.RiskCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Raises a paper session's alerts and posts them to the configured webhooks, retrying with backoff. It watches through
 * the {@link SessionObserver} seam: restrictions the risk supervisor puts in force (from each step's baselines, and at
 * once through its trading-state subscription for an operator's command between steps), a data stall in a paced
 * session, a reconciliation difference after a resume, a journal write failure ({@link #journalFailed}).
 *
 * <p>One alert per event: an alert's id names its cause ({@link AlertRules}), and the {@link AlertOutbox} remembers
 * every id raised and which webhooks acknowledged it, across resumes. At live the restrictions in force are checked
 * against it (one raised just before a kill is not lost) and what a webhook did not acknowledge is sent to it again.
 *
 * <p>Nothing here runs on the runner's thread but a comparison of the step's restrictions with the last: the outbox,
 * its file and the retries live on one thread of their own, the requests on {@link HttpClient}'s. Sending goes through
 * {@code java.net.http} rather than Pekko HTTP's client because the alerts that matter most come as the session's actor
 * system is going away (a failed reconciliation stops the session, a journal failure ends it), and an alert's delivery
 * must not depend on it. A session waits for pending deliveries at its end and on those failures, at most
 * {@code troupe.alerts.drain-timeout}; what is still pending then is sent when the session resumes.
 */
public final class SessionAlerts implements SessionObserver {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
  private static final long STALL_CHECK_MILLIS = 100;

  private final String session;
  private final AlertSettings settings;
  private final PrintWriter log;
  private final AlertOutbox outbox;
  private final DataStallWatch stall;
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(daemon("troupe-alerts"));
  private final ExecutorService http = Executors.newCachedThreadPool(daemon("troupe-alerts-http"));
  private final HttpClient client;
  private final Object quiet = new Object();
  /** Raises queued and deliveries under way; guarded by {@link #quiet}. */
  private int outstanding;
  private volatile Live live;
  /** The last completed step and its event time, as one value (read off the runner's thread). */
  private record Completed(long step, long time) {}

  private volatile Completed last = new Completed(0, Long.MIN_VALUE);
  private List<Restriction> lastRestrictions = List.of();
  private ScheduledFuture<?> stallChecks;

  /**
   * @param outboxFile where raised and delivered alerts are kept (null: in memory, for a session with no webhook)
   * @param speed the session's pace (event time over wall time); infinite for an unpaced session, which has no stalls
   */
  public SessionAlerts(String session, AlertSettings settings, Path outboxFile, double speed, PrintWriter log) {
    this(session, settings, outboxFile, speed, Long.MAX_VALUE, log);
  }

  /** As above, for a session whose bar interval is known ({@code barMillis} of event time: a live feed's timeframe). */
  public SessionAlerts(String session, AlertSettings settings, Path outboxFile, double speed, long barMillis, PrintWriter log) {
    this.session = session;
    this.settings = settings;
    this.log = log;
    this.outbox = AlertOutbox.open(outboxFile, session);
    this.stall = Double.isInfinite(speed) ? null : new DataStallWatch(settings.stallTimeframes(), speed, barMillis);
    this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).executor(http).build();
  }

  /** The file that keeps a session's alerts, beside its manifest in {@code folder}. */
  public static Path outboxFile(Path folder, String session) {
    return folder.resolve("session-" + session.replaceAll("[^A-Za-z0-9._-]", "_") + ".alerts.json");
  }

  @Override
  public void live(Live session) {
    this.live = session;
    this.last = new Completed(session.completedSteps(), session.lastStepTime());
    ActorRef<RiskCommand.TradingStateChanged> listener = session.system().systemActorOf(
        Behaviors.receive(RiskCommand.TradingStateChanged.class).onMessage(RiskCommand.TradingStateChanged.class, m -> {
          if (m.state() != TradingState.ACTIVE) restrictionsInForce();
          return Behaviors.same();
        }).build(), "alerts-trading-state", Props.empty());
    session.agents().risk().tell(new RiskCommand.Subscribe(listener));
    track(() -> {
      for (Webhook hook : settings.webhooks()) {
        for (Alert a : outbox.undelivered(hook.key())) {
          log("alert " + a.id() + " was not delivered to " + hook.describe() + " before the session stopped: sending it again");
          send(a, hook, 1);
        }
      }
    });
    if (stall != null) stall.armed(session.completedSteps(), session.lastStepTime(), System.nanoTime());
    if (stall != null) stallChecks = worker.scheduleWithFixedDelay(this::checkStall, STALL_CHECK_MILLIS, STALL_CHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stepCompleted(long step, long totalSteps, StepAck ack, long stepNanos) {
    last = new Completed(step, ack.time());
    if (stall != null) stall.bar(step, ack.time(), System.nanoTime());
    if (ack.risk() == null || ack.risk().restrictions().equals(lastRestrictions)) return;
    List<Alert> raised = AlertRules.newRestrictions(session, step, lastRestrictions, ack.risk().restrictions(), Instant.now());
    lastRestrictions = ack.risk().restrictions();
    for (Alert a : raised) raise(a);
  }

  @Override
  public void journalWritten(int events, long nanos) {
    if (stall != null) stall.active(System.nanoTime());
  }

  /** The risk supervisor's restrictions as they stand (an operator's command between steps, or what a resume finds). */
  private void restrictionsInForce() {
    Live l = live;
    if (l == null) return;
    AskPattern.<RiskCommand, RiskCommand.RiskReport>ask(l.agents().risk(), RiskCommand.GetReport::new, ASK_TIMEOUT, l.system().scheduler())
        .thenAccept(report -> {
          Completed done = last;
          for (Restriction r : report.baselines().restrictions()) {
            // Begun after the last completed step: in the step under way, which the subscription heard of first.
            Alert a = AlertRules.restriction(session, r.since() > done.time() ? done.step() + 1 : done.step(), r, Instant.now());
            if (a != null) raise(a);
          }
        });
  }

  @Override
  public void reconciled(long step, List<String> differences) {
    if (differences.isEmpty()) return;
    raise(AlertRules.reconciliation(session, step, null, differences, Instant.now()));
    awaitQuiet(settings.drainTimeout()); // the session stops next: give the alert its chance first
  }

  /** The journal refused a write at {@code step}: alerted at once, waiting (bounded) for its delivery, as the session ends next. */
  @Override
  public void journalFailed(long step, String cause) {
    raise(AlertRules.journalFailure(session, step, cause, Instant.now()));
    awaitQuiet(settings.drainTimeout());
  }

  @Override
  public void ended(long completedSteps, long totalSteps) {
    if (stallChecks != null) stallChecks.cancel(false);
    if (!awaitQuiet(settings.drainTimeout())) {
      log("some alerts were not delivered within " + settings.drainTimeout().toSeconds() + " s (troupe.alerts.drain-timeout); they are sent again when the"
          + " session resumes");
    }
    worker.shutdownNow();
    http.shutdownNow();
  }

  /** How long the session's feed has been stalled (ms without a bar, past the stall threshold); -1 while bars come or in an unpaced session. */
  public long stalledMillis() {
    return stall == null ? -1 : stall.stalledMillis(System.nanoTime());
  }

  private void checkStall() {
    DataStallWatch.Stall s = stall.check(System.nanoTime());
    if (s != null) raise(AlertRules.dataStall(session, s.step(), s.time(), s.waitedMillis(), s.thresholdMillis(), Instant.now()));
  }

  /** Raises {@code alert} unless its cause was alerted already (in this run or one before a resume). */
  public void raise(Alert alert) {
    track(() -> {
      if (outbox.knows(alert.id())) return;
      try {
        outbox.raise(alert);
      } catch (IOException e) {
        log("alert " + alert.id() + " could not be recorded (" + e.getMessage() + "); sending it anyway, a resume may send it again");
      }
      log("alert " + alert.kind() + (alert.step() >= 0 ? " at step " + alert.step() : "") + ": " + alert.title() + (alert.detail() == null ? "" : " (" + alert.detail() + ")"));
      for (Webhook hook : settings.webhooks()) send(alert, hook, 1);
    });
  }

  /** Attempt {@code attempt} of one delivery; on the worker thread. */
  private void send(Alert alert, Webhook hook, int attempt) {
    if (attempt == 1) begin();
    HttpRequest request = HttpRequest.newBuilder(hook.url()).timeout(settings.timeout()).header("Content-Type", "application/json")
        .header("X-Troupe-Alert-Id", alert.id()).POST(HttpRequest.BodyPublishers.ofByteArray(hook.body(alert))).build();
    client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenCompleteAsync((response, failure) -> {
      if (failure == null && response.statusCode() / 100 == 2) {
        try {
          outbox.delivered(alert.id(), hook.key());
        } catch (IOException e) {
          log("alert " + alert.id() + " was delivered to " + hook.describe() + " but that could not be recorded (" + e.getMessage() + ")");
        }
        end();
        return;
      }
      // Never the URL or the exception's text, which may quote it: the status, or the kind of failure.
      String why = failure == null ? "HTTP " + response.statusCode() : failure.getClass().getSimpleName();
      if (attempt < settings.attempts()) {
        worker.schedule(() -> send(alert, hook, attempt + 1), settings.backoff(attempt).toMillis(), TimeUnit.MILLISECONDS);
      } else {
        log("alert " + alert.id() + " not delivered to " + hook.describe() + " after " + attempt + " attempts (last: " + why + "); it is sent again"
            + " when the session resumes");
        end();
      }
    }, worker);
  }

  private void track(Runnable task) {
    begin();
    try {
      worker.execute(() -> {
        try {
          task.run();
        } finally {
          end();
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      end(); // the session has ended
    }
  }

  private void begin() {
    synchronized (quiet) {
      outstanding++;
    }
  }

  private void end() {
    synchronized (quiet) {
      outstanding--;
      quiet.notifyAll();
    }
  }

  /** Waits until nothing is queued or under way, at most {@code bound}; whether it got there. */
  boolean awaitQuiet(Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    synchronized (quiet) {
      while (outstanding > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        try {
          TimeUnit.NANOSECONDS.timedWait(quiet, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  private void log(String line) {
    log.println("paper: " + line);
    log.flush();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
