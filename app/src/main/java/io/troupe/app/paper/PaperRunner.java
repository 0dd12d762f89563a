package io.troupe.app.paper;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.model.InvalidInputException;
import io.troupe.model.Instrument;
import io.troupe.app.backtest.BacktestResult;
import io.troupe.app.backtest.BacktestRunner;
import io.troupe.app.backtest.BacktestSettings;
import io.troupe.app.backtest.DataFit;
import io.troupe.app.backtest.Reconciliation;
import io.troupe.app.backtest.StepGrouping;
import io.troupe.checkpoint.CodeFingerprint;
import io.troupe.checkpoint.StateCodec;
import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.app.paper.PaperEvent.StepCompleted;
import io.troupe.gateway.sim.SimulatedExchange;
import org.apache.pekko.actor.typed.Behavior;
import io.troupe.app.paper.PaperEvent.SessionStarted;
import io.troupe.app.paper.PaperEvent.StepRecorded;
import io.troupe.gateway.sim.SimulatedExchangeActor;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.BarResampler;
import io.troupe.market.ReadOptions;
import io.troupe.market.ReadReport;
import io.troupe.market.Timeframe;
import io.troupe.node.NodeCommand;
import io.troupe.node.NodeCommand.Agents;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.node.NodeSettings;
import io.troupe.node.TradingNode;
import io.troupe.order.OrderManagerCommand;
import io.troupe.performance.PerformanceCommand;
import io.troupe.position.PositionCommand;
import io.troupe.risk.RiskCommand;
import io.troupe.venue.VenueCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A paper session: recorded bars through the trading actors and the simulated exchange, paced in scaled real time,
 * with a {@link PaperSession} journal written ahead of every step so a killed session resumes where it stopped.
 *
 * <p>Every {@code troupe.paper.checkpoint-every} live steps the agents' states are captured into the session's
 * snapshot. Resume: the node is built from the latest checkpoint (or fresh), and the steps completed after it are
 * replayed, unjournaled, each checked against the journal (its bars' digest, and its fills); the step that was started
 * but not completed, if any, is run again (the pipeline is deterministic). Then the venue and the books are reconciled
 * with each other and with the journaled account, and only then do live steps continue. Fills are journaled once per
 * step, by the live run that applied them.
 */
public final class PaperRunner {

  /** While a paced session waits for its next bar with controls to take, how often it looks for a stop request. */
  private static final long STOP_POLL_NANOS = 100_000_000L;

  /**
   * A feed's next bar that comes within this long was at hand (the venue's history, a stream running ahead): the
   * session goes on at once; beyond it the session waits, with the last step's end made durable first.
   */
  private static final long FEED_AT_HAND_NANOS = 20_000_000L;

  /** A guard against a stuck pipeline, not a decision input. */
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
  /** Recovery reads the latest snapshot and the events after it; without checkpoints, the whole journal (a month of 1m steps is ~90k events, a few seconds). */
  private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(2);

  /** What one invocation did, besides the run's result: how much was replayed and how much ran live. */
  public record Outcome(BacktestResult result, double recoverySeconds, long replayedSteps, double replaySeconds, long liveSteps, double liveSeconds, long liveBars,
      List<String> differences, long stoppedAfter, long totalSteps) {
    /** The session was asked to stop ({@link GracefulStop}) after {@link #stoppedAfter} completed steps; {@code result} is null. */
    public boolean stopped() {
      return stoppedAfter >= 0;
    }
  }

  private final BacktestSettings settings;
  private final Config config;
  private final Config journal;
  private final ReadOptions readOptions;
  private final Timeframe timeframe;
  private final Pacer pacer;
  private final String sessionId;
  private final int progressEvery;
  private final PrintWriter log;
  /** A checkpoint of the agents every this many live steps (0: never); see troupe.paper.checkpoint-every. */
  private int checkpointEvery;
  private final boolean readSideEnabled;
  private final SessionProjection.Starter readSide;
  /** Where the session's manifest lives (null: none is kept). */
  private Path manifestFile;
  private boolean acceptRollback;
  private long manifestWrittenAt;
  /** How a lost connection to the journal is retried (troupe.paper.journal-reconnect). */
  private final ReconnectPolicy reconnect;
  private ReconnectingJournal.Lease lease = ReconnectingJournal.Lease.NONE;
  private JournalConnectionListener connectionListener = JournalConnectionListener.WARNINGS;
  /** The build's fingerprint, recorded with each checkpoint (information: another build reads a checkpoint of its format). */
  private final String code;
  private final boolean useCheckpoints;
  private final int pruneSnapshotsEvery;
  private SessionObserver observer = SessionObserver.NONE;
  private GracefulStop stop = GracefulStop.manual();
  /** Operators' controls, taken at step boundaries; null when nothing can send any. */
  private SessionControls controls;
  /** Where the actor system and the trading node run: this process, or a cluster. */
  private SessionHost host = SessionHost.LOCAL;
  /** The LLM adviser of the session, or null (off). */
  private io.troupe.app.adviser.AdviserSetup adviser;
  /** A live feed instead of files (null: the files of the settings), its recording's folder and the warm-up. */
  private io.troupe.app.marketdata.LiveBarFeed feed;
  private Path recording;
  private int warmUpBars;
  /** A real venue instead of the simulated exchange (troupe live; null: paper), and what it does with orders it does not know. */
  private io.troupe.app.live.LiveVenue liveVenue;
  private io.troupe.app.live.UnknownOrders unknownOrders = io.troupe.app.live.UnknownOrders.CANCEL;
  /** troupe.venue.balance-tolerance: the share of an expected balance the venue's may be off by without a difference. */
  private double balanceTolerance = 1e-6;

  /**
   * @param journal the journal layer ({@code JournalConfig.h2(state)} or PostgreSQL), its tables already created
   * @param speed event time over wall time; {@code Double.POSITIVE_INFINITY} for as fast as possible
   * @param progressEvery a progress line on {@code log} every this many live steps; 0 for none
   * @param readSide the read side to keep current while the session runs (with {@code troupe.paper.read-side}); null for none
   */
  public PaperRunner(BacktestSettings settings, Config config, Config journal, ReadOptions readOptions, Timeframe timeframe, double speed,
      String sessionId, int progressEvery, PrintWriter log, SessionProjection.Starter readSide) {
    this.settings = settings;
    this.config = config;
    this.journal = journal;
    this.readOptions = readOptions;
    this.timeframe = timeframe;
    this.pacer = new Pacer(speed);
    this.sessionId = sessionId;
    this.progressEvery = progressEvery;
    this.log = log;
    this.checkpointEvery = config.getInt("troupe.paper.checkpoint-every");
    this.readSideEnabled = config.getBoolean("troupe.paper.read-side") && readSide != null;
    this.readSide = readSide;
    this.useCheckpoints = config.getBoolean("troupe.paper.use-checkpoints");
    this.pruneSnapshotsEvery = config.getInt("troupe.paper.prune-snapshots-every");
    this.reconnect = ReconnectPolicy.fromConfig(config);
    this.code = CodeFingerprint.of(TradingNode.class, PaperRunner.class);
  }

  /**
   * Keeps the session's manifest in {@code folder}, outside the journal database; {@code acceptRollback} resumes a
   * journal found behind it (journaled) instead of refusing it.
   */
  public PaperRunner withManifest(Path folder, boolean acceptRollback) {
    this.manifestFile = SessionManifest.file(folder, sessionId);
    this.acceptRollback = acceptRollback;
    return this;
  }

  /** A stop request (a signal) ends the session after its current step, durable, instead of at the data's end. */
  public PaperRunner withStop(GracefulStop stop) {
    this.stop = stop;
    return this;
  }

  /** Tells {@code observer} what the session does while it runs (the HTTP API, metrics and alerts watch through it). */
  public PaperRunner withObserver(SessionObserver observer) {
    this.observer = observer;
    return this;
  }

  /**
   * After a lost connection, {@code lease} is checked (and taken again) before the session writes again;
   * {@code listener} hears the loss and the return (default: a warning each).
   */
  public PaperRunner withJournalConnection(ReconnectingJournal.Lease lease, JournalConnectionListener listener) {
    this.lease = lease;
    this.connectionListener = listener;
    return this;
  }

  /** The connection listener, telling the observers too (before its warnings: a warning read means they know). */
  private JournalConnectionListener observedConnection() {
    JournalConnectionListener told = connectionListener;
    SessionObserver watching = observer;
    return new JournalConnectionListener() {
      @Override
      public void lost(String session, JournalFault fault, Duration reconnectFor) {
        watching.journalConnectionLost(Instant.now());
        told.lost(session, fault, reconnectFor);
      }

      @Override
      public void restored(String session, Duration down, int attempts) {
        watching.journalConnectionRestored();
        told.restored(session, down, attempts);
      }

      @Override
      public void gaveUp(String session, JournalFault fault, Duration tried, int attempts) {
        told.gaveUp(session, fault, tried, attempts);
      }
    };
  }

  /**
   * Reviews the session's entries with {@code setup}'s adviser (null: none); every ruling is journaled after its step,
   * and a resume's replay answers from the journaled ones.
   */
  public PaperRunner withAdviser(io.troupe.app.adviser.AdviserSetup setup) {
    this.adviser = setup;
    return this;
  }

  /** Runs the session's actor system and trading node on {@code host} (default: this process alone). */
  public PaperRunner withHost(SessionHost host) {
    this.host = host;
    return this;
  }

  /**
   * Trades on {@code feed}'s bars instead of files: each step recorded into {@code recording} (one CSV per symbol, the
   * backtester's) before it is journaled; a resume replays the recording, then the feed goes on from its end. A new
   * session starts with {@code warmUpBars} bars of the venue's history before the current one (from --from when given),
   * run as its first steps. Ends at --to, else only when stopped.
   */
  public PaperRunner withFeed(io.troupe.app.marketdata.LiveBarFeed feed, Path recording, int warmUpBars) {
    this.feed = feed;
    this.recording = recording;
    this.warmUpBars = warmUpBars;
    return this;
  }

  /**
   * Sends real orders to {@code venue} instead of the simulated exchange ({@code troupe live}; with a feed). Every step
   * is checkpointed with its end, so a restart starts from the last completed step and replays nothing: nothing is
   * sent to the venue twice while the session rebuilds. After every start the session is RECONCILING (see
   * {@link #reconcileWithVenue}); it trades once that is over and it has caught up with the feed.
   */
  public PaperRunner withVenue(io.troupe.app.live.LiveVenue venue, io.troupe.app.live.UnknownOrders unknown) {
    this.liveVenue = venue;
    this.unknownOrders = unknown;
    this.checkpointEvery = 1;
    return this;
  }

  /** How far (a share of the expected balance, of 1 unit below 1) the venue's balances may be from the journal's at a reconciliation. */
  public PaperRunner withBalanceTolerance(double tolerance) {
    this.balanceTolerance = tolerance;
    return this;
  }

  /** The folder of a live session's recorded bars, beside its manifest in {@code folder}. */
  public static Path recordingFolder(Path folder, String session) {
    return folder.resolve("session-" + session.replaceAll("[^A-Za-z0-9._-]", "_") + ".bars");
  }

  /** Takes the operators' {@code controls} at each step boundary while live (journaled, then applied). */
  public PaperRunner withControls(SessionControls controls) {
    this.controls = controls;
    return this;
  }

  /** The journal is behind its manifest: damage, refused unless the operator accepts it (and that is journaled). */
  private PaperEvent.RollbackAccepted checkManifest(SessionJournal recovered) {
    SessionManifest manifest = manifestFile == null ? null : SessionManifest.read(manifestFile);
    long journaled = recovered.isEmpty() ? 0 : recovered.completed();
    if (manifest == null || journaled >= manifest.completedSteps()) return null;
    String what = recovered.isEmpty() ? "the journal is empty" : "the journal holds " + journaled + " completed steps";
    if (!acceptRollback) {
      throw new InvalidInputException("session '" + sessionId + "': " + what + ", but " + manifest.shortfall(journaled, manifestFile)
          + ". Nothing was changed; to go on from the journal as it is, run again with --accept-rollback");
    }
    log.printf("paper: accepting a rollback of session '%s': the manifest recorded %d completed steps, the journal holds %d%n", sessionId,
        manifest.completedSteps(), journaled);
    return new PaperEvent.RollbackAccepted(manifest.completedSteps(), journaled, SessionLease.holder());
  }

  /** Records how far the journal reached; {@code force} writes now, else at most once a second of wall time. */
  private void writeManifest(long completedSteps, boolean force) {
    if (manifestFile == null) return;
    long now = System.nanoTime();
    if (!force && now - manifestWrittenAt < 1_000_000_000L) return;
    try {
      new SessionManifest(sessionId, completedSteps).write(manifestFile);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(manifestFile + ": cannot write the session manifest: " + e.getMessage(), e);
    }
    manifestWrittenAt = now;
  }

  /** The bars of the run, grouped into steps as the backtest groups them. */
  record Data(List<List<Bar>> steps, List<ReadReport> reads, Map<String, List<Bar>> barsBySymbol, long bars) {}

  Data load() {
    return feed == null ? load(new BacktestRunner(settings, config, readOptions, timeframe, false).symbols(), timeframe)
        : load(FeedSteps.recorded(recording, feed), null);
  }

  /** The bars of {@code files} (resampled to {@code timeframe} unless null) within --from and --to. */
  private Data load(Map<String, Path> files, Timeframe timeframe) {
    long from = settings.from() == null ? Long.MIN_VALUE : settings.from().toEpochMilli();
    long to = settings.to() == null ? Long.MAX_VALUE : settings.to().toEpochMilli();
    List<ReadReport> reads = new ArrayList<>();
    Map<String, List<Bar>> bySymbol = new LinkedHashMap<>();
    long count = 0;
    for (var e : files.entrySet()) {
      List<Bar> kept = new ArrayList<>();
      BarResampler resampler = timeframe == null ? null : new BarResampler(timeframe);
      reads.add(BarFiles.forEach(e.getValue(), e.getKey(), readOptions, bar -> {
        Bar b = resampler == null ? bar : resampler.add(bar);
        if (b != null && b.time() >= from && b.time() < to) kept.add(b);
      }));
      if (resampler != null) {
        Bar last = resampler.flush();
        if (last != null && last.time() >= from && last.time() < to) kept.add(last);
      }
      bySymbol.put(e.getKey(), kept);
      count += kept.size();
    }
    Map<String, List<Bar>> barsBySymbol = new TreeMap<>();
    for (var e : bySymbol.entrySet()) if (!e.getValue().isEmpty()) barsBySymbol.put(e.getKey(), e.getValue());
    return new Data(StepGrouping.steps(bySymbol), reads, barsBySymbol, count);
  }

  /** The session's actor system's configuration: its threads, no JVM hook of Pekko's, the journal, the session's. */
  public static Config systemConfig(Config config, Config journal) {
    int threads = config.getInt("troupe.backtest.threads");
    return ConfigFactory.parseString(
            "pekko.actor.default-dispatcher.fork-join-executor { parallelism-min = " + threads + ", parallelism-max = " + threads + " }\n"
                // A signal stops the session through GracefulStop, after its step: Pekko must not tear the system down under it.
                + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off")
        .withFallback(journal)
        .withFallback(config);
  }

  public Outcome run() {
    long started = System.nanoTime();
    Instant startedAt = Instant.now();
    Data data = load();
    if (feed == null) {
      DataFit.requireTimeframe(data.reads(), timeframe);
      DataFit.requireMaxAgeOfABar(data.reads(), timeframe, settings.exits());
      DataFit.requireBars(data.bars(), data.reads(), settings.from(), settings.to());
    }
    // A session may never end: its agents keep a window of their history, the journal the rest (read back at the end).
    NodeSettings node = settings.node(new ArrayList<>(feed == null ? files() : feed.symbols())).withHistory(io.troupe.model.HistoryWindow.last(config.getInt("troupe.paper.history-window")));
    ActorSystem<Void> system = host.start(systemConfig(config, journal));
    SessionProjection projection = null;
    FeedSteps live = null;
    JournalHousekeeping housekeeping = JournalHousekeeping.start(system, journal, config, log);
    try {
      ReconnectingJournal session = new ReconnectingJournal(system,
          system.systemActorOf(SessionWriter.create(sessionId, pruneSnapshotsEvery), "paper-session", Props.empty()), sessionId, where(journal),
          reconnect, lease, observedConnection(), STEP_TIMEOUT, RECOVERY_TIMEOUT, h2Trace(journal));
      // Once, or again each time the node's desks lose their state elsewhere (a cluster's desk member went): the node is
      // then rebuilt from the journal as a resume rebuilds it, every completed step replayed and checked, and goes on.
      for (int rebuilds = 0;; rebuilds++) {
        try {
          if (rebuilds > 0) session.stop(); // the incarnation that wrote so far; the next recovers what it wrote
          long recoveryStarted = System.nanoTime();
          SessionJournal recovered = recover(session);
          double recoverySeconds = (System.nanoTime() - recoveryStarted) / 1e9;
          SessionStarted start = sessionStarted(node);
          String venueTag = null;
          if (liveVenue != null) {
            start = withVenueTag(start, recovered);
            venueTag = start.settings().get(VENUE_TAG);
          }
          List<List<Bar>> steps = data.steps();
          if (!recovered.isEmpty()) requireSameSettings(recovered.started(), start);
          PaperEvent.RollbackAccepted rollback = checkManifest(recovered);
          if (!recovered.isEmpty()) requireDataCovers(recovered, steps);
          BarsDigest digest = new BarsDigest();
          String dataDigest = ReplayCheck.sameData(recovered, steps, digest);

          // The agents: from the checkpoint when there is one, else fresh.
          SessionJournal.Checkpoint checkpoint = recovered.checkpoint();
          if (liveVenue != null) liveVenue.open(system);
          Behavior<VenueCommand> venue = venue(node, checkpoint, venueTag);
          ActorRef<NodeCommand> trading = host.node(system, node, venue, checkpoint == null ? null : checkpoint.agents(), advising(recovered));
          Agents agents = ask(system, trading, NodeCommand.GetAgents::new, STEP_TIMEOUT);
          ControlApplier applier = controlApplier(system, agents);
          if (readSideEnabled && projection == null) projection = readSide.start(system);

          // Rebuild: replay the steps completed after the checkpoint, unjournaled, checking each is the journaled step.
          long replayStarted = System.nanoTime();
          long base = checkpoint == null ? 0 : checkpoint.step();
          long replayed = recovered.completed() - base;
          List<String> differences = List.of();
          // Steps journaled without their account and orders (version 1): what their replay gave, for the history.
          Map<Long, SessionHistory.Replayed> unjournaled = new TreeMap<>();
          if (!recovered.isEmpty()) {
            log.printf("paper: resuming session '%s': %d steps journaled, %d completed; %s, replaying %d steps%n", sessionId, recovered.lastStep(),
                recovered.completed(), checkpoint == null ? "no checkpoint" : "agents from the checkpoint at step " + checkpoint.step(), replayed);
            log.flush();
            for (long step = base + 1; step <= recovered.completed(); step++) {
              if (stop.requested()) {
                // Nothing of a replay is journaled: the journal is as it was, and the next run replays again.
                observer.ended(recovered.completed(), steps.size());
                return new Outcome(null, recoverySeconds, step - 1 - base, (System.nanoTime() - replayStarted) / 1e9, 0, 0, 0, List.of(), recovered.completed(),
                    steps.size());
              }
              List<Bar> bars = steps.get((int) step - 1);
              long time = bars.get(0).time();
              ReplayCheck.sameBars(recovered.recorded(step), step, time, digest.of(bars));
              reapplyControls(recovered, step - 1, applier);
              StepAck ack = runStep(system, trading, time, bars);
              ReplayCheck.sameFills(step, time, recovered.fills(step), ack.fills());
              if (recovered.completion(step).account() == null) unjournaled.put(step, new SessionHistory.Replayed(ack.account(), ack.orders()));
            }
            long last = recovered.completed();
            long lastTime = last == 0 ? Long.MIN_VALUE : steps.get((int) last - 1).get(0).time();
            if (liveVenue != null) {
              differences = reconcileWithVenue(system, session, agents, last, lastTime, recovered, start);
            } else {
              differences = reconcile(system, session, agents, last, lastTime, recovered);
            }
            // Controls given after the last completed step: the journal as of that step is reconciled, then they apply.
            reapplyControls(recovered, last, applier);
          } else if (liveVenue != null) {
            differences = reconcileWithVenue(system, session, agents, 0, Long.MIN_VALUE, recovered, start);
          } else {
            record(session, List.of(start));
          }
          if (rollback != null) {
            record(session, List.of(rollback));
            writeManifest(recovered.isEmpty() ? 0 : recovered.completed(), true);
          }
          double replaySeconds = (System.nanoTime() - replayStarted) / 1e9;

          // Live: each step's start is durable before the node sees it; its fills are recorded with the next step's start.
          if (liveVenue == null) session.followTradingState(agents.risk()); // a live venue's session follows it from its reconciliation on
          // Against a real venue, orders are held (RECONCILING) until the session has caught up with the feed: bars of the
          // venue's history (a new session's warm-up, or what closed while nothing ran) send no order.
          boolean holding = liveVenue != null;
          long lastCompletedTime = recovered.completed() == 0 ? Long.MIN_VALUE : steps.get((int) recovered.completed() - 1).get(0).time();
          observer.live(new SessionObserver.Live(sessionId, system, agents, recovered.completed(), lastCompletedTime, steps.size(), startedAt));
          long end = settings.to() == null ? Long.MAX_VALUE : settings.to().toEpochMilli();
          live = feed == null ? null : startFeed(system, data, end);
          if (controls != null) controls.open();
          long liveStarted = System.nanoTime();
          long liveBars = 0;
          List<PaperEvent> pending = new ArrayList<>(2);
          io.troupe.risk.RiskBaselines lastRisk = recovered.risk();
          SessionProgress progress = new SessionProgress(progressEvery, pacer.speed(), settings.cash(), feed == null ? steps.size() : SessionProgress.LIVE,
              steps.isEmpty() ? 0 : steps.get(steps.size() - 1).get(0).time());
          long stoppedAfter = -1;
          long before = lastCompletedTime;
          long length = feed == null ? 0 : feed.timeframe().millis();
          int i = (int) recovered.completed();
          for (;; i++) {
            long step = i + 1;
            if (stop.requested()) {
              stoppedAfter = i; // steps 1..i are completed; their ends are flushed below
              break;
            }
            boolean waited = false;
            List<Bar> bars;
            if (i < steps.size()) {
              bars = steps.get(i); // the data's, or the recording's not completed yet
            } else if (live == null || (before != Long.MIN_VALUE && before + length >= end)) {
              break; // the data's end, or the feed's past --to
            } else {
              bars = live.poll(FEED_AT_HAND_NANOS);
              if (bars == null) {
                flush(session, pending); // the last step's end, durable while the feed is waited for
                bars = awaitFeed(live, session, applier, i, before, pending);
                waited = true;
                if (bars == null) {
                  stoppedAfter = i;
                  break;
                }
              }
              live.record(bars);
            }
            long time = bars.get(0).time();
            if (holding && i >= steps.size() && live.caughtUp()) {
              holding = false;
              endReconciling(system, agents, step, time);
            }
            String barsDigest = digest.of(bars);
            dataDigest = digest.chain(dataDigest, barsDigest);
            long wait = pacer.waitNanos(time, System.nanoTime());
            if (wait > 0) {
              flush(session, pending); // the last step's fills, durable while we wait
              waitForStep(time, session, applier, i, before, pending);
              if (stop.requested()) {
                stoppedAfter = i;
                break;
              }
            }
            if (controls != null) applyControls(controls.drain(), session, applier, i, before, pending);
            if (step <= recovered.lastStep()) {
              // Started before the session stopped but never completed: its start is durable already; run it again.
              ReplayCheck.sameBars(recovered.recorded(step), step, time, barsDigest);
            } else {
              pending.add(new StepRecorded(step, time, barsDigest));
            }
            flush(session, pending);
            // Every step before this one is durable now. Paced, the manifest records each step, so a journal that loses even
            // its last step is caught; at --speed max it is written at most once a second (a second of steps it cannot vouch for).
            writeManifest(step - 1, !pacer.unpaced() || waited);
            long stepStarted = System.nanoTime();
            StepAck ack = runStep(system, trading, time, bars);
            observer.stepCompleted(step, feed == null ? steps.size() : step, ack, System.nanoTime() - stepStarted);
            pending.add(new StepCompleted(step, time, ack.fills(), StepAccount.of(ack.account()), ack.orders()));
            if (!ack.advice().isEmpty()) pending.add(new PaperEvent.AdviceRecorded(step, time, ack.advice()));
            if (ack.risk() != null && !ack.risk().equals(lastRisk)) {
              pending.add(new PaperEvent.RiskRecorded(step, time, ack.risk()));
              lastRisk = ack.risk();
            }
            liveBars += bars.size();
            // A clustered session's too: its sharded desks answer the capture from their members and start from their
            // part of it on whichever member sharding places them (a resume, a failover, a desk member's loss).
            if (checkpointEvery > 0 && step % checkpointEvery == 0 && (feed != null || step < steps.size())) {
              checkpoint(system, trading, session, pending, step, time, dataDigest);
            }
            housekeeping.afterStep(step);
            String line = progress.after(step, time, ack.account(), System.nanoTime());
            if (line != null) {
              log.println(line);
              log.flush();
            }
            before = time;
          }
          flush(session, pending);
          long completedNow = stoppedAfter >= 0 ? stoppedAfter : i;
          long total = feed == null ? steps.size() : completedNow;
          writeManifest(completedNow, true);
          if (controls != null) controls.close(stoppedAfter >= 0 ? "the session is stopping" : "the session has ended: it ran its last step");
          observer.ended(completedNow, total);
          double liveSeconds = (System.nanoTime() - liveStarted) / 1e9;
          if (stoppedAfter >= 0) {
            return new Outcome(null, recoverySeconds, replayed, replaySeconds, stoppedAfter - recovered.completed(), liveSeconds, liveBars, differences, stoppedAfter,
                feed == null ? total : -1);
          }
          if (live != null) {
            // The session's data is its recording, read back as a backtest would read it.
            live.close();
            live = null;
            data = load();
          }
          ask(system, trading, NodeCommand.WhenIdle::new, STEP_TIMEOUT);
          host.ended(system, node.specialistsBySymbol().keySet());
          if (projection != null) {
            try {
              projection.caughtUp().toCompletableFuture().get(RECOVERY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
              throw new PaperFailure("paper: the read side did not catch up with the journal within " + ReconnectingJournal.text(RECOVERY_TIMEOUT)
                  + " (the journal has every step; `troupe journal project` brings the tables up to date)", e);
            }
          }

          BacktestResult result = result(system, agents, recovered.isEmpty() ? start : recovered.started(), unjournaled, data, total, startedAt, started);
          return new Outcome(result, recoverySeconds, replayed, replaySeconds, total - recovered.completed(), liveSeconds, liveBars, differences, -1,
              total);
        } catch (DesksLost lost) {
          // Nothing of the step under way is journaled but its start: the rebuilt node runs it again.
          log.printf("paper: %s; rebuilding the node and its desks from the journal (rebuild %d)%n", lost.getMessage(), rebuilds + 1);
          log.flush();
          if (controls != null) controls.close("the session is rebuilding after the loss of a desk member");
          if (live != null) {
            live.close();
            live = null;
          }
        }
      }
    } catch (InterruptedException | ExecutionException | java.sql.SQLException e) {
      throw new IllegalStateException("paper: the read side did not keep up: " + e.getMessage(), e);
    } finally {
      if (live != null) live.close();
      housekeeping.close();
      if (controls != null) controls.close("the session has stopped");
      if (projection != null) projection.stopQuietly();
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // everything the session must keep is journaled already
      }
    }
  }

  /**
   * The session's result at its end: the agents keep a window of the history, the journal holds all of it (read back
   * from {@code started} on), with the agents' current account, orders still working, risk and performance.
   */
  private BacktestResult result(ActorSystem<?> system, Agents agents, SessionStarted started, Map<Long, SessionHistory.Replayed> unjournaled, Data data,
      long total, Instant startedAt, long startedNanos) {
    SessionHistory history = history(system, started, unjournaled);
    PositionCommand.PositionResults kept = ask(system, agents.positions(), PositionCommand.GetResults::new, STEP_TIMEOUT);
    PositionCommand.PositionResults positions = new PositionCommand.PositionResults(history.equity(), history.trades(), kept.account(), kept.fees());
    OrderManagerCommand.OrderList working = ask(system, agents.orders(), OrderManagerCommand.GetOrders::new, STEP_TIMEOUT);
    OrderManagerCommand.OrderList orders = new OrderManagerCommand.OrderList(history.orders(), working.stillWorking());
    RiskCommand.RiskReport risk = ask(system, agents.risk(), RiskCommand.GetReport::new, STEP_TIMEOUT);
    VenueCommand.WorkingOrders atVenue = ask(system, agents.venue(), VenueCommand.GetWorkingOrders::new, STEP_TIMEOUT);
    List<String> withoutOwner = Reconciliation.ordersWithoutOwner(atVenue.clientOrderIds(), orders.orders());
    PerformanceCommand.Stats perf = ask(system, agents.performance(), PerformanceCommand.GetStats::new, STEP_TIMEOUT);
    double wall = (System.nanoTime() - startedNanos) / 1e9;
    return new BacktestResult(settings, data.reads(), data.barsBySymbol(), data.bars(), total, positions, orders, risk, withoutOwner, perf, startedAt, wall);
  }

  private static PaperFailure notAnswered(ActorRef<?> target, String asked, Duration timeout, Throwable cause) {
    return new PaperFailure("paper: '" + target.path().name() + "' did not answer " + asked + " within " + ReconnectingJournal.text(timeout)
        + " (a failure of an agent is logged above)", cause);
  }

  /** Reading a year of 1m steps back (a million events) takes tens of seconds; a stuck read is a failure. */
  private static final Duration HISTORY_TIMEOUT = Duration.ofMinutes(10);

  /**
   * Reads the session's journal once and drops what it read: on a standby, the journal's connection pool, the events'
   * reading code and the database's pages are then warm should the session come to it, and its recovery is quicker.
   * Nothing is waited for; a failure is only logged at debug (the real recovery reports its own).
   */
  public static void warmUp(ActorSystem<?> system, String sessionId) {
    org.apache.pekko.persistence.query.PersistenceQuery.get(system)
        .getReadJournalFor(org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal.class,
            org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal.Identifier())
        .currentEventsByPersistenceId(sessionId, 0L, Long.MAX_VALUE)
        .runWith(org.apache.pekko.stream.javadsl.Sink.ignore(), system)
        .whenComplete((done, failure) -> {
          if (failure != null) system.log().debug("paper: warming the journal up on the standby: {}", failure.toString());
        });
  }

  /** The session's whole history, read back from its journal (every completed step, in order). */
  private SessionHistory history(ActorSystem<?> system, SessionStarted started, Map<Long, SessionHistory.Replayed> unjournaled) {
    SessionHistory history = new SessionHistory(started.initialCash(), started.instruments());
    var journal = org.apache.pekko.persistence.query.PersistenceQuery.get(system)
        .getReadJournalFor(org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal.class,
            org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal.Identifier());
    try {
      journal.currentEventsByPersistenceId(sessionId, 0L, Long.MAX_VALUE)
          .runForeach(e -> {
            if (e.event() instanceof StepCompleted c) history.add(c, unjournaled.get(c.step()));
          }, system)
          .toCompletableFuture().get(HISTORY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the session's history back from the journal", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the session's history was not read back from the journal within " + HISTORY_TIMEOUT, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the session's history could not be read back from the journal: " + e.getCause().getMessage(), e.getCause());
    }
    return history;
  }

  private List<String> files() {
    return new ArrayList<>(new BacktestRunner(settings, config, readOptions, timeframe, false).symbols().keySet());
  }

  private SessionStarted sessionStarted(NodeSettings node) {
    Map<String, String> described = new LinkedHashMap<>();
    for (var e : settings.describe().entrySet()) described.put(e.getKey(), String.valueOf(e.getValue()));
    described.put("data", feed == null ? String.valueOf(files()) : "feed " + feed.name());
    if (liveVenue != null) described.put("venue", liveVenue.name());
    described.put("timeframe", feed != null ? feed.timeframe().toString() : timeframe == null ? "as recorded" : timeframe.toString());
    described.putAll(decisionSettings(config));
    // The genomes decide as much as any key does, and their files may change under the same troupe.specialists.dir.
    if (!settings.genomes().isEmpty()) described.put(GENOMES, genomesDigest(settings.genomes()));
    return new SessionStarted(settings.cash(), new TreeMap<>(node.instruments()), described);
  }

  /** The recorded digest of the specialists' genomes (name, kind, strategy, parameters). */
  static final String GENOMES = "genomes";

  /**
   * What a session journaled before the genomes were recorded ran: the design's seed genomes, now in
   * examples/genomes/seed (their digest; {@code SeedGenomesTest} keeps it true).
   */
  static final String SEED_GENOMES = "sha256:9cb0a4d3fce1adb53f49fae0cc9fdb5cff35a743636bacd845faa588f2ef4649";

  /** A SHA-256 of the genomes in name order, each as name, kind, strategy and its parameters in key order (and a learned one's features, label, calibration). */
  static String genomesDigest(List<io.troupe.specialist.Genome> genomes) {
    StringBuilder text = new StringBuilder();
    List<io.troupe.specialist.Genome> sorted = new ArrayList<>(genomes);
    sorted.sort(java.util.Comparator.comparing(io.troupe.specialist.Genome::name));
    for (io.troupe.specialist.Genome g : sorted) {
      text.append(g.name()).append('|').append(g.kind()).append('|').append(g.strategy());
      for (var p : new TreeMap<>(g.params()).entrySet()) text.append('|').append(p.getKey()).append('=').append(Double.toString(p.getValue()));
      // A learned genome's features, label and calibration decide too; other genomes' text stays as it was.
      if (g.learned() != null) {
        text.append("|learned=").append(String.join(",", g.learned().features())).append(';').append(g.learned().label().text())
            .append(';').append(g.learned().calibration().text());
      }
      text.append('\n');
    }
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "sha256:" + java.util.HexFormat.of().formatHex(hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Prefix of the settings a session records key by key: every troupe.* key that can change a decision. */
  static final String CONFIG_PREFIX = "config:";

  /**
   * Keys a resume may change: how the session runs, not what it decides (journal, pacing, checkpoints, threads, the
   * read side, metrics, alerts and the HTTP API, where the project's files are: troupe.home, a system property a JVM
   * may or may not carry; the alerts' webhook URLs hold secrets, which must never reach the journal; how the venues are
   * reached: a live feed's server and reconnects).
   */
  static final List<String> OPERATIONAL = List.of("troupe.paper.", "troupe.persistence.", "troupe.backtest.threads", "troupe.state-dir", "troupe.home",
      "troupe.metrics.", "troupe.alerts.", "troupe.http.", "troupe.venue.");

  /** Every troupe.* setting that can change a decision, each as rendered, under {@link #CONFIG_PREFIX}. */
  static Map<String, String> decisionSettings(Config config) {
    Map<String, String> out = new TreeMap<>();
    for (var e : config.getConfig("troupe").entrySet()) {
      String key = "troupe." + e.getKey();
      if (OPERATIONAL.stream().anyMatch(key::startsWith)) continue;
      out.put(CONFIG_PREFIX + key, e.getValue().render(com.typesafe.config.ConfigRenderOptions.concise()));
    }
    return out;
  }

  /**
   * Decision keys added after sessions were first journaled, each with the value that decides as a session did before
   * the key existed: a journal without the key was decided that way, so it resumes only with that value.
   */
  static final Map<String, String> BEFORE_THE_KEY = Map.of("troupe.regime.calibration.mode", "absolute", "troupe.exits.specialist-limits", "false");

  /** A session resumes only under the settings it started with: others would replay into different trades. */
  private void requireSameSettings(SessionStarted journaled, SessionStarted now) {
    List<String> changed = new ArrayList<>();
    for (String key : new java.util.TreeSet<>(union(journaled.settings().keySet(), now.settings().keySet()))) {
      String was = journaled.settings().get(key);
      String is = now.settings().get(key);
      // A key made operational since the journal was written says nothing of its decisions.
      if (key.startsWith(CONFIG_PREFIX) && OPERATIONAL.stream().anyMatch(key.substring(CONFIG_PREFIX.length())::startsWith)) continue;
      // A journal from before every key was recorded says nothing of the keys it lacks: those cannot be compared,
      // but for the keys that came later with a new default: that session decided as the key's old value does.
      if (was == null && key.startsWith(CONFIG_PREFIX)) {
        String name = key.substring(CONFIG_PREFIX.length());
        String before = BEFORE_THE_KEY.get(name);
        String current = is == null ? null : is.replace("\"", "");
        if (before != null && !before.equals(current)) {
          changed.add(name + " = " + before + " in the journal (written before the key existed), " + current + " now: resume with --set " + name + "="
              + before);
        }
        continue;
      }
      // What the venue held at a live session's start is the journal's (copied into the resume's start).
      if (key.startsWith(VENUE_HOLDINGS) || key.startsWith(VENUE_BALANCES)) continue;
      // Where the genomes are read from says nothing of them: their digest is compared (below) instead.
      if (key.equals(CONFIG_PREFIX + "troupe.specialists.dir")) continue;
      if (key.equals(GENOMES)) {
        if (was == null && journaled.settings().containsKey("specialists") && !SEED_GENOMES.equals(is)) {
          changed.add("the specialists' genomes are not in the journal (written before they were recorded): it ran the design's seed genomes;"
              + " resume with --set troupe.specialists.dir=examples/genomes/seed");
        } else if (was != null && !was.equals(is)) {
          changed.add("the specialists' genomes (troupe.specialists.dir) differ from the journal's (" + was + " in the journal, " + is + " now)");
        }
        continue;
      }
      if (!java.util.Objects.equals(was, is)) {
        String name = key.startsWith(CONFIG_PREFIX) ? key.substring(CONFIG_PREFIX.length()) : key;
        changed.add(name + " = " + was + " in the journal, " + is + " now");
      }
    }
    if (!changed.isEmpty()) {
      // Refused, never ignored: the checkpointed agents carry the old values, so a resume under new ones would not do
      // what it says. Operational keys (troupe.paper.*, troupe.persistence.*, threads) may change.
      throw new InvalidInputException("this session (" + sessionId + ") was started with other settings: " + String.join("; ", changed)
          + "; resume with the same options, or start a new session (another --session or --state)");
    }
    if (!sameInstruments(journaled.instruments(), now.instruments())) {
      throw new InvalidInputException("this session (" + sessionId + ") was started with other instruments: " + journaled.instruments().values()
          + " in the journal, " + now.instruments().values() + " now");
    }
  }

  /**
   * The same instruments; one journaled before quote currencies were recorded (its quote empty) is compared as such a
   * journal holds it: its kind said only spot or not, and there was no minimum notional.
   */
  static boolean sameInstruments(Map<String, Instrument> journaled, Map<String, Instrument> now) {
    if (!journaled.keySet().equals(now.keySet())) return false;
    for (var e : journaled.entrySet()) {
      Instrument was = e.getValue();
      Instrument is = now.get(e.getKey());
      if (!(was.quoteCurrency().isEmpty() ? was.equals(is.asJournaledBefore()) : was.equals(is))) return false;
    }
    return true;
  }

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> u = new java.util.HashSet<>(a);
    u.addAll(b);
    return u;
  }

  /** RECONCILING: the rebuilt venue against the rebuilt books and the journal; recorded; differences stop the session. */
  private List<String> reconcile(ActorSystem<?> system, ReconnectingJournal session, Agents agents, long step, long time,
      SessionJournal recovered) {
    VenueCommand.WorkingOrders atVenue = ask(system, agents.venue(), VenueCommand.GetWorkingOrders::new, STEP_TIMEOUT);
    OrderManagerCommand.OrderList book = ask(system, agents.orders(), OrderManagerCommand.GetOrders::new, STEP_TIMEOUT);
    PositionCommand.PositionResults positions = ask(system, agents.positions(), PositionCommand.GetResults::new, STEP_TIMEOUT);
    RiskCommand.RiskReport risk = ask(system, agents.risk(), RiskCommand.GetReport::new, STEP_TIMEOUT);
    List<String> differences = PaperReconciliation.differences(atVenue.clientOrderIds(), book.orders(), positions.account(), risk, recovered);
    record(session, List.of(new PaperEvent.Reconciled(step, time, atVenue.clientOrderIds().size(), book.stillWorking(), differences)));
    log.printf("paper: rebuilt to step %d; reconciled: %d orders working at the venue, %d in the book, %s%n", step,
        atVenue.clientOrderIds().size(), book.stillWorking(), differences.isEmpty() ? "positions and state agree" : differences.size() + " differences");
    log.flush();
    observer.reconciled(step, differences);
    if (!differences.isEmpty()) {
      throw new IllegalStateException("reconciliation after replay found differences (journaled): " + String.join("; ", differences));
    }
    return differences;
  }

  /**
   * Runs one step on the node; should the node's desks be lost before it answers (or have been lost since the node
   * started), throws {@link DesksLost} instead of waiting out the step's timeout.
   */
  /** SessionStarted's key of a live session's venue tag (before every order id the venue sees). */
  static final String VENUE_TAG = "venue:tag";
  /** SessionStarted's keys of what the venue held of each symbol's base asset when the session first reconciled. */
  static final String VENUE_HOLDINGS = "venue:holdings:";
  /**
   * SessionStarted's keys of the venue's balances by asset when the session first reconciled ({@code venue:balances:ASSET});
   * {@code venue:balances} itself says they were recorded ({@code given}) or the venue gave none ({@code none}).
   */
  static final String VENUE_BALANCES = "venue:balances";

  /** A tag of its own for a new live session: Binance and FIX peers remember client order ids across sessions. */
  private static String newVenueTag() {
    return "T" + Long.toString(System.currentTimeMillis(), 36) + Integer.toString(new java.security.SecureRandom().nextInt(36 * 36), 36) + "-";
  }

  private static SessionStarted withSettings(SessionStarted s, Map<String, String> more) {
    Map<String, String> settings = new LinkedHashMap<>(s.settings());
    settings.putAll(more);
    return new SessionStarted(s.initialCash(), s.instruments(), settings);
  }

  private static Map<String, String> venueHoldings(SessionStarted s) {
    Map<String, String> out = new TreeMap<>();
    for (var e : s.settings().entrySet()) if (e.getKey().startsWith(VENUE_HOLDINGS) || e.getKey().startsWith(VENUE_BALANCES)) out.put(e.getKey(), e.getValue());
    return out;
  }

  /**
   * A live session resumes from its checkpoint of its last completed step, or not at all: a replay would resend.
   * {@code unusable}: why the checkpoint cannot be used here ({@link #unusable}), or null.
   */
  private void requireOwnCheckpoint(SessionJournal recovered, String unusable) {
    if (recovered.isEmpty() || recovered.completed() == 0) return;
    SessionJournal.Checkpoint c = recovered.checkpoint();
    String why = c == null ? "the journal holds no checkpoint"
        : unusable != null ? unusable
        : c.step() != recovered.completed() ? "its checkpoint is of step " + c.step() + ", " + recovered.completed() + " steps are completed"
        : null;
    if (why != null) {
      throw new InvalidInputException("live session '" + sessionId + "': " + why + "; a live session resumes only from the checkpoint of its last completed"
          + " step (replaying steps would send their orders to the venue again). Nothing was sent; run it with a build that reads the checkpoint"
          + (c == null ? "" : " (the one that wrote it: " + c.code() + ")"));
    }
  }

  /**
   * Why the journal's checkpoint {@code c} cannot be used here, or null: checkpoints are off, it is in another format than this build's, or one of its agents' states does not decode (decoded here once,
   * so that a failure falls back to the replay, or refuses a live session, before any agent is built from it).
   */
  private String unusable(SessionJournal.Checkpoint c) {
    if (!useCheckpoints) return "checkpoints are off (troupe.paper.use-checkpoints)";
    String which = "the checkpoint at step " + c.step() + (c.code().equals(code) ? "" : " (written by build " + c.code() + ", this is " + code + ")");
    if (c.format() != StateCodec.FORMAT) {
      return which + " is in " + (c.format() == 0 ? "the build-bound form of builds before versioned checkpoints" : "checkpoint format " + c.format())
          + ", this build reads format " + StateCodec.FORMAT;
    }
    for (var e : c.agents().agents().entrySet()) {
      try {
        StateCodec.decode(e.getValue(), Object.class);
      } catch (IllegalStateException ex) {
        return which + " does not decode: agent '" + e.getKey() + "': " + ex.getMessage();
      }
    }
    if (!c.code().equals(code)) log.printf("%s: %s is in format %d and decodes: resuming from it%n", liveVenue != null ? "live" : "paper", which, c.format());
    return null;
  }

  /**
   * RECONCILING against a real venue, after a start or a restart and before any step: the risk supervisor holds every
   * order; the venue, connected and its known orders settled, is compared with the journal (on a restart the rebuilt
   * books with the journal first, as for paper: a difference there stops the session); each difference with the venue
   * is journaled, an order the journal does not know is cancelled or adopted, and the venue, account and risk limits
   * are printed. Orders stay held until the session has caught up with the feed ({@link #endReconciling}).
   */
  private List<String> reconcileWithVenue(ActorSystem<?> system, ReconnectingJournal session, Agents agents, long step, long time,
      SessionJournal recovered, SessionStarted start) {
    if (!recovered.isEmpty()) {
      // The rebuilt books against the journal (the checkpoint is of the last completed step: they must agree exactly).
      OrderManagerCommand.OrderList book = ask(system, agents.orders(), OrderManagerCommand.GetOrders::new, STEP_TIMEOUT);
      PositionCommand.PositionResults positions = ask(system, agents.positions(), PositionCommand.GetResults::new, STEP_TIMEOUT);
      RiskCommand.RiskReport risk = ask(system, agents.risk(), RiskCommand.GetReport::new, STEP_TIMEOUT);
      List<String> own = new ArrayList<>();
      for (io.troupe.model.OrderRecord r : book.orders()) if (!io.troupe.model.OrderStatus.valueOf(r.status()).isFinal()) own.add(r.orderId());
      List<String> books = PaperReconciliation.differences(own, book.orders(), positions.account(), risk, recovered);
      if (!books.isEmpty()) {
        record(session, List.of(new PaperEvent.Reconciled(step, time, 0, book.stillWorking(), books)));
        throw new IllegalStateException("the books rebuilt from the checkpoint differ from the journal (journaled): " + String.join("; ", books));
      }
    }
    log.printf("live: %s; waiting for it to connect%n", liveVenue.describe());
    log.flush();
    ask(system, agents.venue(), VenueCommand.AwaitConnected::new, VENUE_CONNECT_TIMEOUT);
    io.troupe.app.live.VenueState venue;
    try {
      venue = liveVenue.state(system, agents.venue(), start.settings().get(VENUE_TAG), new ArrayList<>(start.instruments().keySet()), STEP_TIMEOUT);
    } catch (io.troupe.app.live.VenueUnreachable e) {
      throw new PaperFailure("live: cannot reconcile with " + liveVenue.name() + ": " + e.getMessage() + "; nothing was sent", e);
    }
    if (recovered.isEmpty()) {
      // What the account held at the start: later reconciliations expect it plus the session's own fills.
      Map<String, String> holdings = new TreeMap<>();
      for (var e : venue.holdings().entrySet()) holdings.put(VENUE_HOLDINGS + e.getKey(), Double.toString(e.getValue()));
      holdings.put(VENUE_BALANCES, venue.balancesKnown() ? "given" : "none");
      if (venue.balancesKnown()) for (var e : venue.balances().entrySet()) holdings.put(VENUE_BALANCES + ":" + e.getKey(), Double.toString(e.getValue()));
      record(session, List.of(withSettings(start, holdings)));
    }
    session.followTradingState(agents.risk());
    String why = recovered.isEmpty() ? "a new session" : "a restart after step " + step;
    agents.risk().tell(new RiskCommand.BeginReconciling(why));
    // Risk vetoes every order; the order manager holds what it would send of its own (bracket legs, its cancels).
    agents.orders().tell(new OrderManagerCommand.HoldOrders(true));
    RiskCommand.RiskReport reconciling = ask(system, agents.risk(), RiskCommand.GetReport::new, STEP_TIMEOUT); // enqueued after it, from this thread
    if (reconciling.state() != io.troupe.model.TradingState.RECONCILING) throw new IllegalStateException("the risk supervisor did not enter RECONCILING");
    Map<String, Double> baseline = null;
    if (!recovered.isEmpty()) {
      baseline = new TreeMap<>();
      for (var e : recovered.started().settings().entrySet()) {
        if (e.getKey().startsWith(VENUE_HOLDINGS)) baseline.put(e.getKey().substring(VENUE_HOLDINGS.length()), Double.parseDouble(e.getValue()));
      }
    }
    String tag = start.settings().get(VENUE_TAG);
    boolean resentStep = recovered.lastStep() > recovered.completed();
    // A step started and not completed (a kill mid-step) may have sent orders: they carry the ids the restored order
    // manager gives next, so they are looked for by those.
    List<String> nextIds = !resentStep || !liveVenue.findsOrdersById() ? List.of()
        : PaperRunner.<OrderManagerCommand, OrderManagerCommand.NextOrderIds>ask(system, agents.orders(), r -> new OrderManagerCommand.GetNextOrderIds(IN_FLIGHT_LOOKUPS, r),
            STEP_TIMEOUT).ids();
    List<io.troupe.app.live.VenueReconciliation.Difference> found;
    try {
      found = io.troupe.app.live.VenueReconciliation.differences(recovered.isEmpty() ? Map.of() : recovered.working(),
          recovered.isEmpty() ? Map.of() : recovered.positions(), baseline, venue, (id, symbol) -> liveVenue.lookUp(system, tag, id, symbol, STEP_TIMEOUT),
          unknownOrders, resentStep, nextIds, new ArrayList<>(start.instruments().keySet()));
    } catch (io.troupe.app.live.VenueUnreachable e) {
      throw new PaperFailure("live: cannot reconcile with " + liveVenue.name() + ": " + e.getMessage() + "; nothing was sent", e);
    }
    io.troupe.app.live.VenueReconciliation.BalanceCheck balances = null;
    if (!recovered.isEmpty()) {
      Map<String, Double> startBalances = null;
      if ("given".equals(recovered.started().settings().get(VENUE_BALANCES))) {
        startBalances = new TreeMap<>();
        String prefix = VENUE_BALANCES + ":";
        for (var e : recovered.started().settings().entrySet()) {
          if (e.getKey().startsWith(prefix)) startBalances.put(e.getKey().substring(prefix.length()), Double.parseDouble(e.getValue()));
        }
      }
      try {
        balances = io.troupe.app.live.VenueReconciliation.balances(startBalances, start.instruments(), liveVenue::baseAsset, recovered.flows(),
            recovered.chargedFees(), found, o -> liveVenue.fees(system, o, STEP_TIMEOUT), venue, balanceTolerance);
      } catch (io.troupe.app.live.VenueUnreachable e) {
        throw new PaperFailure("live: cannot reconcile with " + liveVenue.name() + ": " + e.getMessage() + "; nothing was sent", e);
      }
      found = new ArrayList<>(found);
      found.addAll(balances.differences());
    }
    List<PaperEvent> events = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (var d : found) {
      String action = d.action().name().toLowerCase();
      String line = d.line();
      if (d.action() == io.troupe.app.live.VenueReconciliation.Action.CANCEL) {
        try {
          if (!liveVenue.cancel(system, d.order(), STEP_TIMEOUT)) {
            action = "leave";
            line = d.kind() + " " + d.subject() + ": " + d.detail() + " (this venue cannot cancel it: left working)";
          }
        } catch (io.troupe.app.live.VenueUnreachable e) {
          // The session goes on: the order is not its own; the operator has the journaled line.
          action = "cancel_failed";
          line = d.kind() + " " + d.subject() + ": " + d.detail() + " (the cancel failed, left working: " + e.getMessage() + ")";
        }
      } else if (d.action() == io.troupe.app.live.VenueReconciliation.Action.RECOVER) {
        String refusal = recover(system, agents, d.order());
        if (refusal != null) {
          // Not lost: the journal has the line, and the venue's order is still this session's (a rerun's resend finds it by its id).
          action = "recover_failed";
          line = d.kind() + " " + d.subject() + ": " + d.detail() + " (not taken back: " + refusal + ")";
        }
      } else if (d.action() == io.troupe.app.live.VenueReconciliation.Action.ADOPT) {
        String refusal = adopt(system, agents, d.order());
        if (refusal != null) {
          action = "leave";
          line = d.kind() + " " + d.subject() + ": " + d.detail() + " (not adopted, left working: " + refusal + ")";
        }
      }
      events.add(new PaperEvent.VenueDifference(step, time, d.kind(), d.subject(), d.detail(), action));
      lines.add(line);
    }
    events.add(new PaperEvent.Reconciled(step, time, venue.open().size(), recovered.isEmpty() ? 0 : recovered.working().size(), lines));
    record(session, events);
    for (String l : lines) log.println("live: reconciling: " + l);
    if (balances != null) for (String l : balances.notCompared()) log.println("live: reconciling: balances not compared: " + l);
    log.printf("live: reconciled with %s after %s: %d orders working there, %d in the journal, %s%n", liveVenue.name(), why, venue.open().size(),
        recovered.isEmpty() ? 0 : recovered.working().size(), lines.isEmpty() ? "no differences" : lines.size() + " differences, each journaled");
    log.printf("live: venue %s; account: %s; balances: %s%n", liveVenue.describe(), venue.account(), venue.balances().isEmpty() ? "none given" : venue.balances());
    log.println("live: " + limitsLine());
    log.printf("live: orders are held (RECONCILING) until the session has caught up with the feed%n");
    log.flush();
    observer.reconciled(step, lines);
    return lines;
  }

  /**
   * Takes {@code order} over (troupe.venue.unknown-orders = adopt): the venue follows it under its own id, then the
   * order manager books what is left of it (its earlier fills, someone else's, never applied). Returns why not, or null.
   */
  private String adopt(ActorSystem<?> system, Agents agents, io.troupe.app.live.VenueOrder order) {
    return takeOver(system, agents, r -> new VenueCommand.Adopt(order.venueId(), order.symbol(), r),
        (taken, r) -> new OrderManagerCommand.AdoptOrder(taken.order(), taken.priorFillIds(), taken.order().decidedAt(), r));
  }

  /**
   * The venue follows the order ({@code follow}); then the order manager books it as the venue answered ({@code book}).
   * Why not, or null.
   */
  private String takeOver(ActorSystem<?> system, Agents agents, java.util.function.Function<ActorRef<VenueCommand.TakenOver>, VenueCommand> follow,
      java.util.function.BiFunction<VenueCommand.TakenOver, ActorRef<OrderManagerCommand.OrderAdopted>, OrderManagerCommand> book) {
    VenueCommand.TakenOver taken;
    try {
      taken = ask(system, agents.venue(), follow::apply, STEP_TIMEOUT);
    } catch (PaperFailure e) {
      return "the venue did not answer: " + e.getMessage();
    }
    if (taken.order() == null) return taken.refusal();
    return ask(system, agents.orders(), (ActorRef<OrderManagerCommand.OrderAdopted> r) -> book.apply(taken, r), STEP_TIMEOUT).refusal();
  }

  /** How many of the next order ids are looked for at the venue after a kill mid-step (a step sends few new orders). */
  private static final int IN_FLIGHT_LOOKUPS = 16;

  /** Takes back one of the session's own orders a step sent and never completed: the venue follows it, the book has it whole. */
  private String recover(ActorSystem<?> system, Agents agents, io.troupe.app.live.VenueOrder order) {
    return takeOver(system, agents, r -> new VenueCommand.Recover(order.orderId(), order.symbol(), r),
        (taken, r) -> new OrderManagerCommand.RecoverOrder(taken.order(), taken.order().decidedAt(), r));
  }

  /** The risk limits the session trades under, one line, before its first order. */
  private String limitsLine() {
    io.troupe.risk.RiskLimits l = settings.limits();
    return String.format(java.util.Locale.ROOT,
        "risk limits: cash %.2f; max position %.4g%% of equity, risk per trade %.4g%%, at most %d open positions, leverage %.4g, %d trades a day, %d orders a"
            + " second, an order's notional at most %.4g x equity%s",
        settings.cash(), 100 * l.maxPositionPct(), 100 * l.riskPerTradePct(), l.maxOpenPositions(), l.maxLeverage(), l.tradesPerDay(), l.ordersPerSecond(),
        l.hardCapEquityMultiple(), settings.bare() ? " (bare: cash and margin only)" : "");
  }

  /** The session has caught up with the feed at step {@code step}: RECONCILING ends, and orders go out from this step on. */
  private void endReconciling(ActorSystem<?> system, Agents agents, long step, long time) {
    // Asked, not told: the answer comes after the risk supervisor has lifted it, before the step's decisions reach it.
    agents.risk().tell(new RiskCommand.EndReconciling());
    agents.orders().tell(new OrderManagerCommand.HoldOrders(false));
    RiskCommand.RiskReport after = ask(system, agents.risk(), RiskCommand.GetReport::new, STEP_TIMEOUT);
    ask(system, agents.orders(), OrderManagerCommand.GetOrders::new, STEP_TIMEOUT); // enqueued after the release: it has been taken
    log.printf("live: caught up with the feed at step %d (%s): trading, %s%n", step, Instant.ofEpochMilli(time), after.state());
    log.flush();
  }

  /**
   * The journal as the session resumes from it: from its latest checkpoint when it is in this build's format, decodes
   * and checkpoints apply here, else from the events alone (every completed step then replayed). A live session's own checkpoint is
   * required first ({@link #requireOwnCheckpoint}).
   */
  private SessionJournal recover(ReconnectingJournal session) {
    SessionJournal recovered = session.recover(true);
    String why = recovered.checkpoint() == null ? null : unusable(recovered.checkpoint());
    if (liveVenue != null) requireOwnCheckpoint(recovered, why);
    if (why != null) {
      log.printf("paper: %s; recovering from the events alone and replaying from the first step%n", why);
      session.stop();
      recovered = session.recover(false);
    }
    return recovered;
  }

  /**
   * A live session's start with its venue tag (the tag before every order id the venue sees: new with a session, the
   * journaled one on every restart) and, on a restart, the venue's holdings the session first reconciled with.
   */
  private SessionStarted withVenueTag(SessionStarted start, SessionJournal recovered) {
    String venueTag = recovered.isEmpty() ? newVenueTag() : recovered.started().settings().get(VENUE_TAG);
    if (venueTag == null) {
      throw new InvalidInputException("session '" + sessionId + "' was journaled by troupe paper: a live session keeps a journal of its own"
          + " (another --session or --state)");
    }
    start = withSettings(start, Map.of(VENUE_TAG, venueTag));
    if (!recovered.isEmpty()) start = withSettings(start, venueHoldings(recovered.started()));
    return start;
  }

  /** The data (or the recording) holds at least the steps the journal recorded. */
  private void requireDataCovers(SessionJournal recovered, List<List<Bar>> steps) {
    if (recovered.lastStep() > steps.size()) {
      throw new InvalidInputException("the data disagrees with the journal: the journal recorded " + recovered.lastStep()
          + " steps, the " + (feed == null ? "data has" : "recording " + recording + " holds") + " only " + steps.size() + "; resume with the session's own data");
    }
  }

  /** The venue: a live session's real one, or the simulated exchange; from the checkpoint when there is one, else fresh. */
  private Behavior<VenueCommand> venue(NodeSettings node, SessionJournal.Checkpoint checkpoint, String venueTag) {
    return liveVenue != null ? liveVenue.create(venueTag, checkpoint == null ? null : checkpoint.agents())
        : checkpoint == null ? SimulatedExchangeActor.create(settings.exchange(), node.instruments())
        : SimulatedExchangeActor.restore(checkpoint.agents().state("venue", SimulatedExchange.class));
  }

  /** The adviser (null: none), answering from the rulings already journaled. */
  private Behavior<io.troupe.adviser.AdviserCommand> advising(SessionJournal recovered) {
    if (adviser == null) return null;
    List<io.troupe.adviser.AdviceCache.Entry> journaled = new ArrayList<>();
    for (PaperEvent.AdviceRecorded a : recovered.advice()) for (var r : a.rulings()) journaled.addAll(io.troupe.adviser.AdviceCache.entriesOf(r));
    return adviser.behavior(journaled);
  }

  private static ControlApplier controlApplier(ActorSystem<?> system, Agents agents) {
    return new ControlApplier(agents, new ControlApplier.Asker() {
      @Override
      public <Q, R> R ask(ActorRef<Q> target, Function<ActorRef<R>, Q> message, Duration timeout) {
        return PaperRunner.ask(system, target, message, timeout);
      }
    }, STEP_TIMEOUT);
  }

  /**
   * The agents' states after step {@code step}, durable with the step's end ({@code pending}, written with them and
   * cleared). Between steps the node is idle: its agents' states form one consistent cut.
   */
  private void checkpoint(ActorSystem<?> system, ActorRef<NodeCommand> trading, ReconnectingJournal session, List<PaperEvent> pending, long step, long time,
      String dataDigest) {
    NodeCheckpoint agentsNow = ask(system, trading, NodeCommand.Checkpoint::new, STEP_TIMEOUT);
    pending.add(new PaperEvent.Checkpointed(step, time, code, agentsNow.bytes(), dataDigest, StateCodec.FORMAT));
    long writeStarted = System.nanoTime();
    try {
      session.recordCheckpoint(List.copyOf(pending), agentsNow);
    } catch (RuntimeException e) {
      observer.journalFailed(step, e.getMessage());
      throw e;
    }
    observer.journalWritten(pending.size(), System.nanoTime() - writeStarted);
    pending.clear();
    writeManifest(step, true);
  }

  /** How long a live venue may take to connect and settle its known orders at start. */
  private static final Duration VENUE_CONNECT_TIMEOUT = Duration.ofMinutes(2);

  private StepAck runStep(ActorSystem<?> system, ActorRef<NodeCommand> node, long time, List<Bar> bars) {
    java.util.concurrent.CompletableFuture<String> lost = host.desksLost();
    if (lost.isDone()) throw new DesksLost(lost.join());
    StepAck ack = ask(system, node, replyTo -> new NodeCommand.RunStep(time, bars, replyTo), STEP_TIMEOUT, lost);
    if (ack == null) throw new DesksLost(lost.join());
    if (ack.failure() != null) throw new io.troupe.node.AgentFailure(ack.failure());
    return ack;
  }

  /** The node's desks lost their state on another member: the session rebuilds its node from the journal. */
  private static final class DesksLost extends RuntimeException {
    DesksLost(String what) {
      super(what, null, false, false);
    }
  }

  /** Persists what is pending, if anything, in one atomic write, and waits until it is durable. */
  private void flush(ReconnectingJournal session, List<PaperEvent> pending) {
    if (pending.isEmpty()) return;
    record(session, List.copyOf(pending));
    pending.clear();
  }

  private void record(ReconnectingJournal session, List<PaperEvent> events) {
    long started = System.nanoTime();
    try {
      session.record(events);
    } catch (RuntimeException e) {
      observer.journalFailed(stepOf(events), e.getMessage()); // the alert; the session then ends on the failure
      throw e;
    }
    observer.journalWritten(events.size(), System.nanoTime() - started);
  }

  /** The step a write was about: the last one its events name (0 when none does). */
  private static long stepOf(List<PaperEvent> events) {
    long step = 0;
    for (PaperEvent e : events) {
      if (e instanceof StepRecorded r) step = r.step();
      else if (e instanceof StepCompleted c) step = c.step();
      else if (e instanceof PaperEvent.Checkpointed c) step = c.step();
    }
    return step;
  }

  /** H2's trace file beside its journal file (where it writes the error that closed it); null for PostgreSQL. */
  static Path h2Trace(Config journal) {
    String url = io.troupe.persistence.JdbcSettings.fromConfig(journal).url();
    String h2 = "jdbc:h2:file:";
    return url.startsWith(h2) ? Path.of(url.substring(h2.length()).split(";")[0] + ".trace.db") : null;
  }

  /** Where the journal is, for messages: the H2 file itself, or the database (password masked). */
  static String where(Config journal) {
    io.troupe.persistence.JdbcSettings db = io.troupe.persistence.JdbcSettings.fromConfig(journal);
    String h2 = "jdbc:h2:file:";
    if (db.url().startsWith(h2)) return "the H2 file " + db.url().substring(h2.length()).split(";")[0] + ".mv.db";
    return "the PostgreSQL journal at " + db;
  }

  /** The feed from the recording's end; a new session's warm-up from --from, else {@link #warmUpBars} before the current bar. */
  private FeedSteps startFeed(ActorSystem<?> system, Data recorded, long end) {
    long length = feed.timeframe().millis();
    long warmUpFrom = settings.from() != null ? settings.from().toEpochMilli()
        : feed.timeframe().bucketStart(System.currentTimeMillis()) - (long) warmUpBars * length;
    List<List<Bar>> steps = recorded.steps();
    long last = steps.isEmpty() ? Long.MIN_VALUE : steps.get(steps.size() - 1).get(0).time();
    return FeedSteps.start(system, feed, recording, recorded.barsBySymbol(), last, warmUpFrom, end, log);
  }

  /**
   * Waits for the feed's next step, taking the operators' controls meanwhile (the boundary after step
   * {@code afterStep}); null when a stop is requested first.
   */
  private List<Bar> awaitFeed(FeedSteps live, ReconnectingJournal session, ControlApplier applier, long afterStep, long afterTime, List<PaperEvent> pending) {
    while (!stop.requested()) {
      List<Bar> bars = live.poll(STOP_POLL_NANOS);
      if (bars != null) return bars;
      if (controls != null) applyControls(controls.drain(), session, applier, afterStep, afterTime, pending);
    }
    return null;
  }

  /**
   * Waits until the step at {@code time} is due, or a stop is requested; the wait is the boundary after step
   * {@code afterStep}, so a control arriving meanwhile is journaled and applied at once, not a bar later.
   */
  private void waitForStep(long time, ReconnectingJournal session, ControlApplier applier, long afterStep, long afterTime, List<PaperEvent> pending) {
    for (long left = pacer.waitNanos(time, System.nanoTime()); left > 0 && !stop.requested(); left = pacer.waitNanos(time, System.nanoTime())) {
      if (controls == null) {
        LockSupport.parkNanos(left); // a stop request unparks this thread
        if (Thread.interrupted()) throw new IllegalStateException("interrupted while waiting for the next bar");
        continue;
      }
      SessionControls.Submitted first;
      try {
        // A stop's unpark does not end a queue's wait: look at the request at least every STOP_POLL.
        first = controls.poll(Math.min(left, STOP_POLL_NANOS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the next bar", e);
      }
      if (first == null) continue;
      List<SessionControls.Submitted> taken = new ArrayList<>();
      taken.add(first);
      taken.addAll(controls.drain());
      applyControls(taken, session, applier, afterStep, afterTime, pending);
    }
  }

  /**
   * The boundary after step {@code afterStep} (event time {@code time}): each control is journaled (durable after the
   * step's own events), then applied in the order given, then answered with where it took effect.
   */
  private void applyControls(List<SessionControls.Submitted> taken, ReconnectingJournal session, ControlApplier applier, long afterStep, long time,
      List<PaperEvent> pending) {
    if (taken.isEmpty()) return;
    try {
      flush(session, pending);
      List<PaperEvent> issued = new ArrayList<>(taken.size());
      for (SessionControls.Submitted c : taken) issued.add(new PaperEvent.ControlIssued(afterStep, time, c.wallClock(), c.by(), c.control(), c.reason()));
      record(session, issued);
      for (SessionControls.Submitted c : taken) {
        log.printf("paper: %s by %s after step %d: %s%n", describe(c.control()), c.by(), afterStep, c.reason());
        ControlApplier.Outcome after = applier.apply(c.control(), c.by(), c.reason());
        if (after.swap() != null) log.printf("paper: %s %s%n", after.swap().accepted() ? "desk:" : "desk refused:", after.swap().message());
        c.done().complete(new SessionControls.Applied(afterStep, time, after.risk().state(), after.risk().stateReason(), after.swap()));
      }
      log.flush();
    } catch (RuntimeException e) {
      for (SessionControls.Submitted c : taken) c.done().completeExceptionally(e);
      throw e;
    }
  }

  private static String describe(OperatorControl control) {
    return control.swap() == null ? control.action().code() : "swap (" + control.swap().describe() + ")";
  }

  /** A resume applies the controls journaled at the boundary after {@code afterStep} again, in the journal's order. */
  private void reapplyControls(SessionJournal recovered, long afterStep, ControlApplier applier) {
    for (PaperEvent.ControlIssued c : recovered.controlsAfter(afterStep)) {
      log.printf("paper: replaying the %s by %s after step %d: %s%n", describe(c.control()), c.by(), afterStep, c.reason());
      applier.apply(c.control(), c.by(), c.reason());
    }
  }

  /** Waits at most {@code timeout} for the answer; one that does not come is a failure naming who and what was asked. */
  static <Q, R> R ask(ActorSystem<?> system, ActorRef<Q> target, Function<ActorRef<R>, Q> message, Duration timeout) {
    return ask(system, target, message, timeout, null);
  }

  /** As above, but null as soon as {@code unless} (when not null) completes, should it before the answer. */
  static <Q, R> R ask(ActorSystem<?> system, ActorRef<Q> target, Function<ActorRef<R>, Q> message, Duration timeout,
      java.util.concurrent.CompletableFuture<?> unless) {
    String[] asked = {"?"};
    java.util.concurrent.CompletableFuture<R> reply = AskPattern.ask(target, (ActorRef<R> replyTo) -> {
      Q q = message.apply(replyTo);
      asked[0] = q.getClass().getSimpleName();
      return q;
    }, timeout, system.scheduler()).toCompletableFuture();
    try {
      if (unless == null) return reply.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      java.util.concurrent.CompletableFuture.anyOf(reply, unless).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      if (!reply.isDone()) return null;
      return reply.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (TimeoutException e) {
      throw notAnswered(target, asked[0], timeout, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      for (Throwable c = cause; c != null; c = c.getCause()) {
        if (c instanceof InvalidInputException iie) throw iie;
      }
      if (cause instanceof TimeoutException) throw notAnswered(target, asked[0], timeout, cause);
      if (cause instanceof RuntimeException re) throw re;
      throw new IllegalStateException(cause);
    }
  }
}
