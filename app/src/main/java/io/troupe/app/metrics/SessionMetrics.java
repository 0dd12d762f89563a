package io.troupe.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.troupe.app.paper.SessionObserver;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.OrderRecord;
import io.troupe.model.OrderStatus;
import io.troupe.model.Position;
import io.troupe.model.TradingState;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.order.OrderManagerCommand;
import io.troupe.risk.CircuitBreakers;
import io.troupe.risk.Restriction;
import io.troupe.risk.RiskBaselines;
import io.troupe.risk.RiskCommand;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A paper session's metrics in a Prometheus registry, fed through the {@link SessionObserver} seam. On the runner's
 * thread it only copies numbers (the account, the changed orders, the fills, the two latencies); what a step's answer
 * does not carry is asked for off that thread: the vetoes from the risk supervisor and the read side's progress when
 * the registry is scraped, the trading state through the risk supervisor's subscription, the order book once at live.
 */
public final class SessionMetrics implements SessionObserver {

  /** The latency buckets (seconds) of both histograms: a step takes tens of microseconds to a few milliseconds. */
  static final Duration[] LATENCY_BUCKETS = {
      Duration.ofNanos(25_000), Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
      Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
      Duration.ofSeconds(10)};

  /** The breakers counted apart; operator halts and the kill switch are not trips. */
  static final List<String> BREAKERS = List.of(CircuitBreakers.DAILY_LOSS, CircuitBreakers.WEEKLY_LOSS, CircuitBreakers.DRAWDOWN, CircuitBreakers.STOP_STORM);

  /** How long a scrape waits for the agents and the read side before it answers with what it has. */
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

  /**
   * Where the read side stands: the session's last projected step (0 before any). Read and closed on the metrics'
   * own thread only, so it may keep a connection from one scrape to the next; closed when the session ends.
   */
  @FunctionalInterface
  public interface ProjectedSteps extends AutoCloseable {
    long lastProjectedStep() throws Exception;

    @Override
    default void close() throws Exception {}
  }

  /** The account at a step's close, as the gauges read it: replaced whole each step. */
  private record Account(double equity, double cash, double exposure, double drawdownPct, int openPositions, long step, long totalSteps, long time) {}

  private final PrometheusMeterRegistry registry;
  private final String sessionId;
  private final ProjectedSteps projected;
  private final Timer stepLatency;
  private final Timer journalLatency;
  private final Counter journalEvents;
  private final Counter fills;
  private final Map<String, Counter> breakerTrips = new HashMap<>();
  private final Map<String, AtomicLong> ordersByState = new ConcurrentHashMap<>();
  private final Map<String, String> orderStatus = new HashMap<>();
  private final Map<String, Double> vetoes = new ConcurrentHashMap<>();
  private final Map<TradingState, AtomicLong> tradingState = new ConcurrentHashMap<>();
  private final AtomicLong readSideLag = new AtomicLong(-1);
  /** 1 while the journal's connection is lost and retried (no step runs), else 0. */
  private final AtomicLong journalReconnecting = new AtomicLong(0);
  private final Counter journalLosses;
  /** The LLM adviser's verdicts by outcome and rulings by action (all zero with it off). */
  private final Map<String, Counter> adviserVerdicts = new HashMap<>();
  private final Map<String, Counter> adviserRulings = new HashMap<>();
  /** Blocking reads (the read side's table) never run on a server's or the runner's thread. */
  private final ExecutorService polls = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "troupe-metrics-poll");
    t.setDaemon(true);
    return t;
  });
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private volatile Account account = new Account(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0);
  private volatile Live session;
  private double peak = Double.NaN;
  private List<Restriction> lastRestrictions;

  /** {@code projected}: the read side's progress, or null when the session keeps none. */
  public SessionMetrics(String sessionId, ProjectedSteps projected) {
    this.sessionId = sessionId;
    this.projected = projected;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("session", sessionId);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);

    gauge("troupe.equity", "Equity at the last step's close (account currency)", null, a -> a.equity);
    gauge("troupe.cash", "Cash at the last step's close (account currency)", null, a -> a.cash);
    gauge("troupe.exposure", "Gross notional of the open positions at the last step's close", null, a -> a.exposure);
    gauge("troupe.drawdown", "Equity below the peak the drawdown breaker measures from", "percent", a -> a.drawdownPct);
    gauge("troupe.open.positions", "Positions open at the last step's close", null, a -> a.openPositions);
    gauge("troupe.step", "The last completed step", null, a -> a.step);
    gauge("troupe.steps", "The steps of the session's data", null, a -> a.totalSteps);
    gauge("troupe.event.time", "Event time of the last completed step", "seconds", a -> a.time / 1000.0);
    for (OrderStatus s : OrderStatus.values()) ordersIn(s.name());
    for (TradingState s : TradingState.values()) {
      AtomicLong on = new AtomicLong(0);
      tradingState.put(s, on);
      Gauge.builder("troupe.trading.state", on, AtomicLong::get).description("1 for the account's trading state, 0 for the others")
          .tag("state", s.name()).register(registry);
    }
    for (String b : BREAKERS) {
      breakerTrips.put(b, Counter.builder("troupe.breaker.trips").description("Circuit breakers tripped while this process ran the session")
          .tag("breaker", b).register(registry));
    }
    fills = Counter.builder("troupe.fills").description("Fills applied while this process ran the session").register(registry);
    for (io.troupe.adviser.AdviceVerdict.Outcome o : io.troupe.adviser.AdviceVerdict.Outcome.values()) {
      adviserVerdicts.put(o.label(), Counter.builder("troupe.adviser.verdicts").description("The LLM adviser's verdicts on entries, by how they came "
          + "(answered, cached; timeout, error, malformed and not_cached are no opinion)").tag("outcome", o.label()).register(registry));
    }
    for (io.troupe.adviser.AdviceRuling.Action act : io.troupe.adviser.AdviceRuling.Action.values()) {
      adviserRulings.put(act.label(), Counter.builder("troupe.adviser.rulings").description("Entries the LLM adviser passed, vetoed or scaled")
          .tag("action", act.label()).register(registry));
    }
    stepLatency = Timer.builder("troupe.step.latency").description("Wall time of a live step, from its bars in to its orders out")
        .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    journalLatency = Timer.builder("troupe.journal.write").description("Wall time of one journal write, until it is durable")
        .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    journalEvents = Counter.builder("troupe.journal.events").description("Events made durable in the journal").register(registry);
    Gauge.builder("troupe.journal.reconnecting", journalReconnecting, AtomicLong::get)
        .description("1 while the journal's connection is lost and retried (no step runs; the trading state is left as it is), else 0").register(registry);
    journalLosses = Counter.builder("troupe.journal.connection.losses").description("Times the journal's connection was lost while this process ran the session")
        .register(registry);
    Gauge.builder("troupe.read.side.lag", readSideLag, l -> l.get() < 0 ? Double.NaN : l.get()).baseUnit("steps")
        .description("Completed steps the read side's tables do not hold yet (measured at each scrape)").register(registry);
  }

  private void gauge(String name, String description, String unit, java.util.function.ToDoubleFunction<Account> value) {
    Gauge.Builder<SessionMetrics> b = Gauge.builder(name, this, m -> value.applyAsDouble(m.account)).description(description);
    if (unit != null) b.baseUnit(unit);
    b.register(registry);
  }

  private AtomicLong ordersIn(String state) {
    return ordersByState.computeIfAbsent(state, s -> {
      AtomicLong n = new AtomicLong();
      Gauge.builder("troupe.orders", n, AtomicLong::get).description("Orders of the session by their state as the order manager last reported it")
          .tag("state", s).register(registry);
      return n;
    });
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  private ActorRef<RiskCommand.TradingStateChanged> stateListener;

  @Override
  public void live(Live live) {
    this.session = live;
    // A fresh session has no restriction yet; a resumed one's first step finds those tripped before this process.
    if (live.completedSteps() == 0) lastRestrictions = List.of();
    account = new Account(account.equity, account.cash, account.exposure, account.drawdownPct, account.openPositions, live.completedSteps(),
        live.totalSteps(), account.time);
    // The trading state as the risk supervisor tells it, operator commands between steps included.
    // Made once; live again in the same run (its node rebuilt after a cluster's desk member was lost), it hears the new supervisor.
    if (stateListener == null) {
      stateListener = live.system().systemActorOf(
          Behaviors.receive(RiskCommand.TradingStateChanged.class).onMessage(RiskCommand.TradingStateChanged.class, m -> {
            for (var e : tradingState.entrySet()) e.getValue().set(e.getKey() == m.state() ? 1 : 0);
            return Behaviors.same();
          }).build(), "metrics-trading-state", Props.empty());
    }
    live.agents().risk().tell(new RiskCommand.Subscribe(stateListener));
    // The book as it stands after a resume; the steps since are newer and win.
    AskPattern.<OrderManagerCommand, OrderManagerCommand.OrderList>ask(live.agents().orders(), OrderManagerCommand.GetOrders::new, ASK_TIMEOUT,
        live.system().scheduler()).thenAccept(list -> {
          synchronized (orderStatus) {
            for (OrderRecord o : list.orders()) {
              if (!orderStatus.containsKey(o.orderId())) setStatus(o.orderId(), o.status());
            }
          }
        });
  }

  @Override
  public void stepCompleted(long step, long totalSteps, StepAck ack, long stepNanos) {
    stepLatency.record(stepNanos, TimeUnit.NANOSECONDS);
    AccountSnapshot a = ack.account();
    RiskBaselines risk = ack.risk();
    if (a != null) {
      peak = Double.isNaN(peak) ? a.equity() : Math.max(peak, a.equity());
      // Drawdown as the drawdown breaker measures it: from its peak (an operator's resume re-bases it).
      double from = risk != null && !Double.isNaN(risk.peakEquity()) ? risk.peakEquity() : peak;
      int open = 0;
      for (Position p : a.positions().values()) if (p.quantity() != 0) open++;
      account = new Account(a.equity(), a.cash(), a.exposure(), from > 0 ? Math.max(0, 100 * (from - a.equity()) / from) : 0, open, step, totalSteps,
          ack.time());
    }
    if (!ack.fills().isEmpty()) fills.increment(ack.fills().size());
    for (io.troupe.adviser.AdviceRuling r : ack.advice()) {
      adviserRulings.get(r.action().label()).increment();
      for (io.troupe.adviser.AdviceVerdict v : r.verdicts()) adviserVerdicts.get(v.outcome().label()).increment();
    }
    if (!ack.orders().isEmpty()) {
      synchronized (orderStatus) {
        for (OrderRecord o : ack.orders()) setStatus(o.orderId(), o.status());
      }
    }
    if (risk != null && !risk.restrictions().equals(lastRestrictions)) {
      Set<Restriction> before = lastRestrictions == null ? Set.of() : new HashSet<>(lastRestrictions);
      for (Restriction r : risk.restrictions()) {
        Counter trips = breakerTrips.get(r.code());
        if (trips != null && lastRestrictions != null && !before.contains(r)) trips.increment();
      }
      lastRestrictions = risk.restrictions();
    }
  }

  private void setStatus(String orderId, String status) {
    String was = orderStatus.put(orderId, status);
    if (status.equals(was)) return;
    if (was != null) ordersIn(was).decrementAndGet();
    ordersIn(status).incrementAndGet();
  }

  @Override
  public void journalWritten(int events, long nanos) {
    journalLatency.record(nanos, TimeUnit.NANOSECONDS);
    journalEvents.increment(events);
  }

  @Override
  public void journalConnectionLost(java.time.Instant since) {
    journalReconnecting.set(1);
    journalLosses.increment();
  }

  @Override
  public void journalConnectionRestored() {
    journalReconnecting.set(0);
  }

  @Override
  public void ended(long completedSteps, long totalSteps) {
    gc.close();
    if (projected != null && !polls.isShutdown()) {
      polls.execute(() -> {
        try {
          projected.close();
        } catch (Exception ignored) {
          // what it held is released with the session
        }
      });
    }
    polls.shutdown();
    session = null; // its actor system goes next: a later scrape (the server outlives the session) keeps the last vetoes
  }

  /**
   * The registry in the Prometheus text format (0.0.4), after asking the risk supervisor for its vetoes and the read
   * side where it stands; either that does not answer within a bound is left as it was.
   */
  public CompletionStage<String> scrape() {
    Live live = session;
    CompletableFuture<Void> vetoesRead = live == null ? CompletableFuture.completedFuture(null)
        : AskPattern.<RiskCommand, RiskCommand.RiskReport>ask(live.agents().risk(), RiskCommand.GetReport::new, ASK_TIMEOUT, live.system().scheduler())
            .thenAccept(this::vetoes).toCompletableFuture().exceptionally(e -> null);
    CompletableFuture<Void> lagRead = projected == null || polls.isShutdown() ? CompletableFuture.completedFuture(null)
        : CompletableFuture.runAsync(this::readSideLag, polls).orTimeout(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> null);
    return CompletableFuture.allOf(vetoesRead, lagRead).thenApply(done -> registry.scrape());
  }

  private void vetoes(RiskCommand.RiskReport report) {
    for (var e : report.vetoesByReason().entrySet()) {
      if (vetoes.put(e.getKey(), e.getValue().doubleValue()) == null) {
        FunctionCounter.builder("troupe.vetoes", vetoes, m -> m.getOrDefault(e.getKey(), 0.0)).description("Intents the risk supervisor vetoed, by reason")
            .tags(Tags.of("reason", e.getKey())).register(registry);
      }
    }
  }

  private void readSideLag() {
    try {
      readSideLag.set(Math.max(0, account.step - projected.lastProjectedStep()));
    } catch (Exception e) {
      readSideLag.set(-1); // unknown: the gauge shows NaN rather than a figure that is not true
    }
  }

  @Override
  public String toString() {
    return "metrics of session " + sessionId;
  }
}
