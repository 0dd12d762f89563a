package io.troupe.app.backtest;

import com.typesafe.config.Config;
import io.troupe.model.InvalidInputException;
import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.gateway.sim.SimulatedExchangeActor;
import io.troupe.model.Instrument;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import io.troupe.market.ReadReport;
import io.troupe.market.BarResampler;
import io.troupe.market.Timeframe;
import io.troupe.node.NodeCommand;
import io.troupe.node.NodeCommand.Agents;
import io.troupe.node.NodeSettings;
import io.troupe.order.OrderManagerCommand;
import io.troupe.performance.PerformanceCommand;
import io.troupe.position.PositionCommand;
import io.troupe.risk.RiskCommand;
import io.troupe.strategy.StrategyCatalog;
import io.troupe.venue.VenueCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSink;

/**
 * Runs a backtest through the real actors: the bars (read already, or the files streamed through Pekko Streams and
 * merged by event time) are grouped into steps, and each step is driven through the trading node (the stream waits
 * for the step to end before sending the next: backpressure, and determinism). The exchange is the simulated one;
 * everything else is what trades live.
 */
public final class BacktestRunner {

  /** A guard against a stuck pipeline, not a decision input: steps take microseconds. */
  /** Steps per message from the feed to the node: enough to make the hand-off's cost small beside the steps'. */
  static final int STEPS_PER_BATCH = 256;

  /** The dispatcher of the feed's stages (the files' readers run on Pekko's blocking-IO dispatcher). */
  private static final String FEED_DISPATCHER = "troupe-feed-dispatcher";

  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  private final BacktestSettings settings;
  private final Config config;
  private final ReadOptions readOptions;
  private final Timeframe timeframe;
  private final boolean keepBars;
  private final NodeHost host;
  /** The LLM adviser of the run, or null (off). */
  private io.troupe.app.adviser.AdviserSetup adviser;

  public BacktestRunner(BacktestSettings settings, Config config, ReadOptions readOptions, Timeframe timeframe, boolean keepBars) {
    this(settings, config, readOptions, timeframe, keepBars, NodeHost.LOCAL);
  }

  /** As above, the node run by {@code host} (one process, or a cluster). */
  public BacktestRunner(BacktestSettings settings, Config config, ReadOptions readOptions, Timeframe timeframe, boolean keepBars, NodeHost host) {
    this.host = host;
    this.settings = settings;
    this.config = config;
    this.readOptions = readOptions;
    this.timeframe = timeframe;
    this.keepBars = keepBars;
  }
  /** The run reviews its entries with {@code setup}'s adviser (null: none). */
  public BacktestRunner withAdviser(io.troupe.app.adviser.AdviserSetup setup) {
    this.adviser = setup;
    return this;
  }


  /** Symbols by file, in file order; two files giving the same symbol are an input error. */
  public Map<String, Path> symbols() {
    Map<String, Path> bySymbol = new LinkedHashMap<>();
    for (Path p : settings.data()) {
      String s = BarFiles.defaultSymbol(p);
      Path prev = bySymbol.put(s, p);
      if (prev != null) throw new InvalidInputException("files " + prev + " and " + p + " both give symbol " + s);
    }
    return bySymbol;
  }

  /** The actor system's configuration for a run under {@code config}: its threads, and the feed's own thread. */
  public static Config systemConfig(Config config) {
    int threads = config.getInt("troupe.backtest.threads");
    return com.typesafe.config.ConfigFactory.parseString(
            "pekko.actor.default-dispatcher.fork-join-executor { parallelism-min = " + threads + ", parallelism-max = " + threads + " }\n"
            + FEED_DISPATCHER + " { type = Dispatcher, executor = thread-pool-executor, thread-pool-executor.fixed-pool-size = 1, throughput = 64 }")
        .withFallback(config);
  }

  /** Runs over bars already in memory (benchmarks and tests: no file reading in the measurement). */
  public BacktestResult runBars(Map<String, List<Bar>> bars, LongConsumer progress) {
    return runInMemory(bars, List.of(), progress);
  }

  /**
   * Runs over the files' bars as read already, once, by the caller ({@link #symbols()}'s order and keys), with the
   * reports of that read; resampled to the run's timeframe here.
   */
  public BacktestResult runRead(Map<String, List<Bar>> bars, List<ReadReport> reads, LongConsumer progress) {
    List<CompletionStage<ReadReport>> done = new ArrayList<>();
    for (ReadReport r : reads) done.add(java.util.concurrent.CompletableFuture.completedFuture(r));
    return runInMemory(bars, done, progress);
  }

  /**
   * Bars in memory become steps here, in plain code: resampled, cut to the run's window, grouped by time then symbol
   * (every run's steps are made this way: the files are read once, before). The grouping runs on the feed's thread as
   * the node takes the steps, not before the run: on two cores the node starts at once.
   */
  private BacktestResult runInMemory(Map<String, List<Bar>> bars, List<CompletionStage<ReadReport>> reads, LongConsumer progress) {
    long from = from();
    long to = to();
    Map<String, List<Bar>> inWindow = new LinkedHashMap<>();
    boolean whole = timeframe == null && from == Long.MIN_VALUE && to == Long.MAX_VALUE;
    for (var e : bars.entrySet()) {
      // Nothing to resample or cut: the series as given (read only; the merge reads it by index).
      if (whole && e.getValue() instanceof java.util.RandomAccess) {
        inWindow.put(e.getKey(), e.getValue());
        continue;
      }
      List<Bar> kept = new ArrayList<>(e.getValue().size());
      BarResampler resampler = timeframe == null ? null : new BarResampler(timeframe);
      for (Bar b : e.getValue()) {
        Bar out = resampler == null ? b : resampler.add(b);
        if (out != null && out.time() >= from && out.time() < to) kept.add(out);
      }
      Bar last = resampler == null ? null : resampler.flush();
      if (last != null && last.time() >= from && last.time() < to) kept.add(last);
      inWindow.put(e.getKey(), kept);
    }
    java.util.concurrent.atomic.AtomicLong handed = new java.util.concurrent.atomic.AtomicLong();
    Source<List<Bar>, ?> steps = Source.from(StepGrouping.lazySteps(inWindow)).map(step -> {
      handed.addAndGet(step.size());
      return step;
    });
    return run(new ArrayList<>(bars.keySet()), steps, handed, reads, progress);
  }

  private long from() {
    return settings.from() == null ? Long.MIN_VALUE : settings.from().toEpochMilli();
  }

  private long to() {
    return settings.to() == null ? Long.MAX_VALUE : settings.to().toEpochMilli();
  }

  /** How often a clustered run starts again after losing desk members before it gives up. */
  static final int MAX_RUNS = 4;

  /**
   * {@code read}: how far the feed has come, in bars, for the progress bar and the stall check. On a cluster, a desk
   * member lost mid-run takes its desks' state with it (sharding starts them afresh elsewhere): the run then starts a
   * new node, whose desks all start fresh on the members left, and runs again from the first bar. Every run of the same
   * bars gives the same steps, so the result is the unbroken run's; the backtest is its own journal.
   */
  private BacktestResult run(List<String> symbols, Source<List<Bar>, ?> steps, java.util.concurrent.atomic.AtomicLong read,
      List<CompletionStage<ReadReport>> reads, LongConsumer progress) {
    long started = System.nanoTime();
    java.time.Instant startedAt = java.time.Instant.now();
    NodeHost.Started last = null;
    try {
      for (int run = 1;; run++) {
        read.set(0);
        NodeSettings node = settings.node(symbols);
        last = this.host.start(node, SimulatedExchangeActor.create(settings.exchange(), node.instruments()),
            adviser == null ? null : adviser.behavior(), systemConfig(config));
        try {
          return runOnce(last, steps, read, reads, progress, started, startedAt);
        } catch (DesksLost lost) {
          if (run >= MAX_RUNS) throw new IllegalStateException(lost.getMessage() + ": the run lost desk members " + run + " times; giving up", lost);
          this.host.runsAgain(lost.getMessage(), run + 1);
        }
      }
    } finally {
      if (last != null) last.stop().run();
    }
  }

  /** The node's desks lost their state with a cluster member. */
  static final class DesksLost extends RuntimeException {
    DesksLost(String what) {
      super(what, null, false, false);
    }
  }

  private BacktestResult runOnce(NodeHost.Started host, Source<List<Bar>, ?> steps, java.util.concurrent.atomic.AtomicLong read,
      List<CompletionStage<ReadReport>> reads, LongConsumer progress, long started, java.time.Instant startedAt) {
    java.util.concurrent.CompletableFuture<String> lost = this.host.desksLost();
    ActorSystem<?> system = host.system();
    ActorRef<NodeCommand> trading = host.node();
    Map<String, List<Bar>> barsBySymbol = new TreeMap<>();
    long[] counts = new long[2]; // bars, steps
    // Seen from this thread while the stream runs: the last step's time.
    java.util.concurrent.atomic.AtomicLong lastStep = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);

    // The node acknowledges each step when it has fully completed; the sink sends the next one only then.
    org.apache.pekko.japi.Pair<org.apache.pekko.stream.UniqueKillSwitch, CompletionStage<Done>> feed =
        steps
            .map(step -> {
              counts[0] += step.size();
              counts[1]++;
              if (keepBars) for (Bar b : step) barsBySymbol.computeIfAbsent(b.symbol(), k -> new ArrayList<>()).add(b);
              progress.accept(read.get());
              lastStep.set(step.get(0).time());
              return step;
            })
            // Steps go to the node in batches, so the stream's hand-off costs once per batch, not once per step;
            // the node still runs them one at a time, in order.
            .grouped(STEPS_PER_BATCH)
            // Merging, grouping and counting run on a thread of their own, at most two batches ahead of the node: on two
            // cores the node's thread then does nothing but the agents' work. The order of steps is the same.
            .async(FEED_DISPATCHER, 2)
            .viaMat(org.apache.pekko.stream.KillSwitches.single(), Keep.right())
            .watchTermination(Keep.both())
            .to(ActorSink.<List<List<Bar>>, NodeCommand, NodeCommand.StepAck>actorRefWithBackpressure(
                trading,
                (ackTo, batch) -> new NodeCommand.RunSteps(batch, ackTo),
                NodeCommand.FeedStarted::new,
                new NodeCommand.FeedEnded(),
                failure -> new NodeCommand.FeedEnded()))
            .run(system);
    try {
      awaitFeed(feed.second(), read, lastStep, STEP_TIMEOUT, lost);
    } catch (DesksLost e) {
      feed.first().shutdown(); // the next run feeds its own node
      throw e;
    }
    NodeCommand.Idle idle = ask(system, trading, NodeCommand.WhenIdle::new, "the trading node");
    if (idle.failure() != null) throw new io.troupe.node.AgentFailure(idle.failure());

    Agents agents = ask(system, trading, NodeCommand.GetAgents::new, "the trading node");
    PositionCommand.PositionResults positions = ask(system, agents.positions(), PositionCommand.GetResults::new);
    OrderManagerCommand.OrderList orders = ask(system, agents.orders(), OrderManagerCommand.GetOrders::new);
    RiskCommand.RiskReport risk = ask(system, agents.risk(), RiskCommand.GetReport::new);
    VenueCommand.WorkingOrders atVenue = ask(system, agents.venue(), VenueCommand.GetWorkingOrders::new);
    List<String> withoutOwner = Reconciliation.ordersWithoutOwner(atVenue.clientOrderIds(), orders.orders());
    PerformanceCommand.Stats perf = ask(system, agents.performance(), PerformanceCommand.GetStats::new);
    io.troupe.adviser.AdviserCommand.Report advice = agents.adviser() == null ? null
        : ask(system, agents.adviser(), io.troupe.adviser.AdviserCommand.GetReport::new);
    List<ReadReport> readReports = new ArrayList<>();
    for (CompletionStage<ReadReport> r : reads) readReports.add(await(r, STEP_TIMEOUT, "the read report of a data file"));
    double wall = (System.nanoTime() - started) / 1e9;
    return new BacktestResult(settings, readReports, barsBySymbol, counts[0], counts[1], positions, orders, risk, withoutOwner, perf, startedAt, wall,
        advice);
  }

  private static <Q, R> R ask(ActorSystem<?> system, ActorRef<Q> target, Function<ActorRef<R>, Q> message) {
    return ask(system, target, message, "the agent '" + target.path().name() + "'");
  }

  private static <Q, R> R ask(ActorSystem<?> system, ActorRef<Q> target, Function<ActorRef<R>, Q> message, String who) {
    String[] asked = {"?"};
    CompletionStage<R> reply = AskPattern.ask(target, replyTo -> {
      Q q = message.apply(replyTo);
      asked[0] = q.getClass().getSimpleName();
      return q;
    }, STEP_TIMEOUT, system.scheduler());
    return await(reply, STEP_TIMEOUT.plusSeconds(5), who + " (asked " + asked[0] + ")");
  }

  /**
   * Waits for the feed of steps to end, for as long as it moves: the run fails once no bar has been read for
   * {@code bound} (the node answering no step stops the feed: backpressure), naming the last step handed over.
   */
  static void awaitFeed(CompletionStage<Done> done, java.util.concurrent.atomic.AtomicLong read, java.util.concurrent.atomic.AtomicLong lastStep,
      Duration bound) {
    awaitFeed(done, read, lastStep, bound, new java.util.concurrent.CompletableFuture<>());
  }

  /** As above; throws {@link DesksLost} once {@code lost} completes (a step of the lost desks is never answered). */
  static void awaitFeed(CompletionStage<Done> done, java.util.concurrent.atomic.AtomicLong read, java.util.concurrent.atomic.AtomicLong lastStep,
      Duration bound, java.util.concurrent.CompletableFuture<String> lost) {
    java.util.concurrent.CompletableFuture<Done> feed = done.toCompletableFuture();
    long seen = read.get();
    long movedAt = System.nanoTime();
    while (!feed.isDone()) {
      if (lost.isDone()) throw new DesksLost(lost.join());
      try {
        feed.get(Math.min(1000, Math.max(1, bound.toMillis() / 10)), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        long now = read.get();
        if (now != seen) {
          seen = now;
          movedAt = System.nanoTime();
        } else if (System.nanoTime() - movedAt > bound.toNanos()) {
          long t = lastStep.get();
          throw new StuckException("the trading node answered no step for " + seconds(bound) + " ("
              + (t == Long.MIN_VALUE ? "no step handed over yet" : "the last handed over at " + java.time.Instant.ofEpochMilli(t)) + ", " + now
              + " bars read): an agent did not answer (a failure of one is logged above)");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        break; // reported by the await below, as itself
      }
    }
    await(feed, bound, "the feed of steps");
  }

  /** A wait ran out: what did not answer. */
  static final class StuckException extends IllegalStateException {
    StuckException(String message) {
      super(message);
    }
  }

  /**
   * Waits at most {@code bound} for a stage; rethrows an input error from anywhere in its cause chain as itself.
   *
   * @param what what is waited for, for the message: "... did not answer within 60 s"
   * @throws StuckException when the stage is not complete in time, or failed by timing out itself (an ask)
   */
  static <T> T await(CompletionStage<T> stage, Duration bound, String what) {
    try {
      return stage.toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new StuckException(what + " did not answer within " + seconds(bound));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof java.util.concurrent.TimeoutException) {
        throw new StuckException(what + " did not answer within " + seconds(STEP_TIMEOUT) + ": " + cause.getMessage());
      }
      for (Throwable c = cause; c != null; c = c.getCause()) {
        if (c instanceof InvalidInputException iie) throw iie;
      }
      if (cause instanceof RuntimeException re) throw re;
      throw new IllegalStateException(cause);
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
