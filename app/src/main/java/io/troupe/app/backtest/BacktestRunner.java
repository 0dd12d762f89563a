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
import io.troupe.market.Resample;
import io.troupe.market.Timeframe;
import io.troupe.node.NodeCommand;
import io.troupe.node.NodeCommand.Agents;
import io.troupe.node.NodeSettings;
import io.troupe.node.TradingNode;
import io.troupe.order.OrderManagerCommand;
import io.troupe.performance.PerformanceCommand;
import io.troupe.position.PositionCommand;
import io.troupe.risk.RiskCommand;
import io.troupe.strategy.StrategyCatalog;
import io.troupe.venue.VenueCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSink;

/**
 * Runs a backtest through the real actors: the files stream through Pekko Streams, merged by event time, grouped into
 * steps, and each step is driven through the trading node (the stream waits for the step to end before sending the
 * next: backpressure, and determinism). The exchange is the simulated one; everything else is what trades live.
 */
public final class BacktestRunner {

  /** A guard against a stuck pipeline, not a decision input: steps take microseconds. */
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  private final BacktestSettings settings;
  private final Config config;
  private final ReadOptions readOptions;
  private final Timeframe timeframe;
  private final boolean keepBars;

  public BacktestRunner(BacktestSettings settings, Config config, ReadOptions readOptions, Timeframe timeframe, boolean keepBars) {
    this.settings = settings;
    this.config = config;
    this.readOptions = readOptions;
    this.timeframe = timeframe;
    this.keepBars = keepBars;
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

  /**
   * Runs to the end of the data. {@code progress} is called with each step's event time.
   */
  public BacktestResult run(LongConsumer progress) {
    List<CompletionStage<ReadReport>> reads = new ArrayList<>();
    Map<String, Source<Bar, ?>> sources = new LinkedHashMap<>();
    for (var e : symbols().entrySet()) {
      Source<Bar, ?> src = BarFiles.source(e.getValue(), e.getKey(), readOptions).mapMaterializedValue(r -> {
        reads.add(r);
        return r;
      });
      if (timeframe != null) src = src.via(Resample.flow(timeframe));
      sources.put(e.getKey(), src);
    }
    return run(sources, reads, progress);
  }

  /** Runs over bars already in memory (benchmarks and tests: no file reading in the measurement). */
  public BacktestResult runBars(Map<String, List<Bar>> bars, LongConsumer progress) {
    Map<String, Source<Bar, ?>> sources = new LinkedHashMap<>();
    for (var e : bars.entrySet()) sources.put(e.getKey(), Source.from(e.getValue()));
    return run(sources, List.of(), progress);
  }

  private BacktestResult run(Map<String, Source<Bar, ?>> sources, List<CompletionStage<ReadReport>> reads, LongConsumer progress) {
    long started = System.nanoTime();
    java.time.Instant startedAt = java.time.Instant.now();
    NodeSettings node = settings.node(new ArrayList<>(sources.keySet()));
    Map<String, Instrument> instruments = node.instruments();
    int threads = config.getInt("troupe.backtest.threads");
    Config systemConfig = com.typesafe.config.ConfigFactory.parseString(
            "pekko.actor.default-dispatcher.fork-join-executor { parallelism-min = " + threads + ", parallelism-max = " + threads + " }")
        .withFallback(config);
    ActorSystem<NodeCommand> system =
        ActorSystem.create(TradingNode.create(node, SimulatedExchangeActor.create(settings.exchange(), instruments)), "troupe", systemConfig);
    try {
      Source<Bar, ?> merged = null;
      Comparator<Bar> byTimeThenSymbol = Comparator.comparingLong(Bar::time).thenComparing(Bar::symbol);
      for (Source<Bar, ?> src : sources.values()) {
        merged = merged == null ? src : merged.mergeSorted(src, byTimeThenSymbol);
      }
      long from = settings.from() == null ? Long.MIN_VALUE : settings.from().toEpochMilli();
      long to = settings.to() == null ? Long.MAX_VALUE : settings.to().toEpochMilli();
      Map<String, List<Bar>> barsBySymbol = new TreeMap<>();
      long[] counts = new long[2]; // bars, steps

      // The node acknowledges each step when it has fully completed; the sink sends the next one only then.
      CompletionStage<Done> done =
          merged
              .filter(b -> b.time() >= from && b.time() < to)
              .statefulMap(
                  StepGrouper::new,
                  (grouper, bar) -> Pair.create(grouper, grouper.add(bar)),
                  grouper -> Optional.of(grouper.flush()))
              .filter(step -> !step.isEmpty())
              .map(step -> {
                counts[0] += step.size();
                counts[1]++;
                if (keepBars) for (Bar b : step) barsBySymbol.computeIfAbsent(b.symbol(), k -> new ArrayList<>()).add(b);
                progress.accept(step.get(0).time());
                return step;
              })
              .watchTermination(Keep.right())
              .to(ActorSink.<List<Bar>, NodeCommand, NodeCommand.StepAck>actorRefWithBackpressure(
                  system,
                  (ackTo, step) -> new NodeCommand.RunStep(step.get(0).time(), step, ackTo),
                  NodeCommand.FeedStarted::new,
                  new NodeCommand.FeedEnded(),
                  failure -> new NodeCommand.FeedEnded()))
              .run(system);
      await(done);
      NodeCommand.Idle idle = ask(system, system, NodeCommand.WhenIdle::new);
      if (idle.failure() != null) throw new io.troupe.node.AgentFailure(idle.failure());

      Agents agents = ask(system, system, NodeCommand.GetAgents::new);
      PositionCommand.PositionResults positions = ask(system, agents.positions(), PositionCommand.GetResults::new);
      OrderManagerCommand.OrderList orders = ask(system, agents.orders(), OrderManagerCommand.GetOrders::new);
      RiskCommand.RiskReport risk = ask(system, agents.risk(), RiskCommand.GetReport::new);
      VenueCommand.WorkingOrders atVenue = ask(system, agents.venue(), VenueCommand.GetWorkingOrders::new);
      List<String> withoutOwner = Reconciliation.ordersWithoutOwner(atVenue.clientOrderIds(), orders.orders());
      PerformanceCommand.Stats perf = ask(system, agents.performance(), PerformanceCommand.GetStats::new);
      List<ReadReport> readReports = new ArrayList<>();
      for (CompletionStage<ReadReport> r : reads) readReports.add(await(r));
      double wall = (System.nanoTime() - started) / 1e9;
      return new BacktestResult(settings, readReports, barsBySymbol, counts[0], counts[1], positions, orders, risk, withoutOwner, perf, startedAt, wall);
    } finally {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // the run's results are already out; a slow shutdown changes nothing
      }
    }
  }

  private static <Q, R> R ask(ActorSystem<?> system, ActorRef<Q> target, Function<ActorRef<R>, Q> message) {
    return await(AskPattern.ask(target, message::apply, STEP_TIMEOUT, system.scheduler()));
  }

  static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      for (Throwable c = cause; c != null; c = c.getCause()) {
        if (c instanceof InvalidInputException iie) throw iie;
      }
      if (cause instanceof RuntimeException re) throw re;
      throw new IllegalStateException(cause);
    }
  }
}
