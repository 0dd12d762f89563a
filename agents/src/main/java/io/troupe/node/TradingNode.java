package io.troupe.node;

import io.troupe.checkpoint.AgentState;
import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.checkpoint.StateCodec;
import io.troupe.desk.DeskActor;
import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.order.OrderFlow;
import io.troupe.position.PositionKeeper;
import io.troupe.specialist.SpecialistActor;
import io.troupe.strategy.Strategy;
import io.troupe.desk.DeskCommand;
import io.troupe.market.Bar;
import io.troupe.node.NodeCommand.Agents;
import io.troupe.node.NodeCommand.GetAgents;
import io.troupe.node.NodeCommand.RunStep;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.node.NodeCommand.StepDone;
import io.troupe.order.OrderManagerActor;
import io.troupe.order.OrderManagerCommand;
import io.troupe.model.VenueRejection;
import io.troupe.regime.CorrelationMonitor;
import io.troupe.model.RoundTrip;
import java.util.List;
import io.troupe.performance.PerformanceCommand;
import io.troupe.performance.PerformanceTrackerActor;
import io.troupe.position.PositionCommand;
import io.troupe.position.PositionMonitorActor;
import io.troupe.risk.RiskCommand;
import io.troupe.risk.RiskSupervisorActor;
import io.troupe.venue.VenueCommand;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The node guardian: spawns and supervises the agents, and drives them one event-time step at a time.
 *
 * <p>A step starts two flows at once: the bars go to the venue (which matches working orders, then the order manager,
 * the position monitor and the risk supervisor follow in a chain), and to each symbol's desk (whose decision goes to
 * the risk supervisor). Risk decides when both have arrived; the step ends when the orders it approved are at the
 * venue. The next step starts only then, which is what makes a run deterministic.
 */
public final class TradingNode extends AbstractBehavior<NodeCommand> {

  public static Behavior<NodeCommand> create(NodeSettings settings, Behavior<VenueCommand> venue) {
    return create(settings, venue, null);
  }

  /**
   * A node whose agents continue from {@code checkpoint} (null: a fresh start). The venue is the caller's to restore:
   * a real venue keeps its own state, a simulated one is rebuilt from the checkpoint's {@code venue} entry.
   */
  public static Behavior<NodeCommand> create(NodeSettings settings, Behavior<VenueCommand> venue, NodeCheckpoint checkpoint) {
    return Behaviors.setup(ctx -> new TradingNode(ctx, settings, venue, checkpoint));
  }

  /** What a checkpoint keeps of the node itself: what it tells the desks with the next bar. */
  public record Saved(CorrelationMonitor correlations, double lastEquity, double lastExposure, List<VenueRejection> lastRejections, List<RoundTrip> lastClosed,
      long lastStepTime) {}

  private final ActorRef<VenueCommand> venue;
  private final ActorRef<RiskCommand> risk;
  private final ActorRef<OrderManagerCommand> orders;
  private final ActorRef<PositionCommand> positions;
  private final ActorRef<PerformanceCommand> performance;
  private final Map<String, ActorRef<DeskCommand>> desks = new TreeMap<>();
  private final ActorRef<StepCompleted> stepDone;
  private ActorRef<StepAck> waiting;
  private final CorrelationMonitor correlations;
  private final List<ActorRef<NodeCommand.Idle>> idleWaiters = new java.util.ArrayList<>();
  /**
   * A stream feed is connected and has not ended. Its completion can be seen (watchTermination) while its sink still
   * holds steps it has not sent, so "idle" also waits for the feed's own end.
   */
  private boolean feedOpen;
  private double lastEquity;
  /** Rejections of the previous step, told to their desks with the next bar. */
  private List<VenueRejection> lastRejections = List.of();
  private List<RoundTrip> lastClosed = List.of();
  private double lastExposure;
  private long lastStepTime = Long.MIN_VALUE;
  private int specialistCount;

  private TradingNode(ActorContext<NodeCommand> ctx, NodeSettings settings, Behavior<VenueCommand> venueBehavior, NodeCheckpoint checkpoint) {
    super(ctx);
    this.lastEquity = settings.initialCash();
    this.venue = ctx.spawn(venueBehavior, "venue");
    boolean restore = checkpoint != null;
    this.performance = ctx.spawn(
        restore ? PerformanceTrackerActor.restore(checkpoint.state("performance", PerformanceTrackerActor.Saved.class)) : PerformanceTrackerActor.create(),
        "performance");
    this.positions = ctx.spawn(
        PositionMonitorActor.create(restore ? checkpoint.state("positions", PositionKeeper.class) : settings.positionKeeper()), "positions");
    this.orders = ctx.spawn(OrderManagerActor.create(venue, positions, restore ? checkpoint.state("orders", OrderFlow.class) : settings.orderFlow()), "orders");
    this.risk = ctx.spawn(
        restore ? RiskSupervisorActor.restore(checkpoint.state("risk", RiskSupervisorActor.Saved.class), orders)
            : RiskSupervisorActor.create(settings.riskDesk(), orders),
        "risk");
    positions.tell(new PositionCommand.Connect(risk));
    orders.tell(new OrderManagerCommand.Connect(risk));
    for (var e : new TreeMap<>(settings.specialistsBySymbol()).entrySet()) {
      String symbol = e.getKey();
      Behavior<DeskCommand> desk = restore
          ? DeskActor.restore(symbol, restoredSpecialists(symbol, e.getValue(), checkpoint), checkpoint.state(DeskActor.agentName(symbol), DeskActor.Saved.class),
              risk, performance)
          : DeskActor.create(symbol, e.getValue(), settings.metaController(symbol), risk, performance);
      desks.put(symbol, ctx.spawn(desk, "desk-" + sanitize(symbol)));
      specialistCount += e.getValue().size();
    }
    this.stepDone = ctx.messageAdapter(StepCompleted.class, StepDone::new);
    if (restore) {
      Saved saved = checkpoint.state("node", Saved.class);
      this.correlations = saved.correlations();
      this.lastEquity = saved.lastEquity();
      this.lastExposure = saved.lastExposure();
      this.lastRejections = saved.lastRejections();
      this.lastClosed = saved.lastClosed();
      this.lastStepTime = saved.lastStepTime();
    } else {
      // With several symbols, a jump in their returns' correlation is a stress sign every desk's regime hears of.
      this.correlations = desks.size() > 1 ? CorrelationMonitor.of(List.copyOf(desks.keySet()), settings.meta().regime()) : null;
    }
  }

  /** Each specialist starts from its checkpointed strategy; should it fail later, its restarts get fresh ones. */
  private static List<SpecialistSpec> restoredSpecialists(String symbol, List<SpecialistSpec> specs, NodeCheckpoint checkpoint) {
    List<SpecialistSpec> out = new java.util.ArrayList<>(specs.size());
    for (SpecialistSpec spec : specs) {
      Strategy restored = checkpoint.state(SpecialistActor.agentName(symbol, spec.name()), Strategy.class);
      java.util.concurrent.atomic.AtomicBoolean used = new java.util.concurrent.atomic.AtomicBoolean();
      out.add(new SpecialistSpec(spec.name(), () -> used.getAndSet(true) ? spec.strategy().get() : restored));
    }
    return out;
  }

  private List<RoundTrip> closedFor(String symbol) {
    if (lastClosed.isEmpty()) return List.of();
    List<RoundTrip> out = new java.util.ArrayList<>();
    for (RoundTrip t : lastClosed) if (t.symbol().equals(symbol)) out.add(t);
    return out;
  }

  private List<VenueRejection> rejectionsFor(String symbol) {
    if (lastRejections.isEmpty()) return List.of();
    List<VenueRejection> out = new java.util.ArrayList<>();
    for (VenueRejection r : lastRejections) if (r.symbol().equals(symbol)) out.add(r);
    return out;
  }

  private static String sanitize(String symbol) {
    return symbol.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  @Override
  public Receive<NodeCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(RunStep.class, this::onRunStep)
        .onMessage(StepDone.class, this::onStepDone)
        .onMessage(NodeCommand.FeedStarted.class, f -> {
          feedOpen = true;
          f.replyTo().tell(new StepAck(Long.MIN_VALUE, null, List.of(), List.of(), null));
          return this;
        })
        .onMessage(NodeCommand.FeedEnded.class, f -> {
          feedOpen = false;
          answerIdleWaiters();
          return this;
        })
        .onMessage(NodeCommand.WhenIdle.class, w -> {
          idleWaiters.add(w.replyTo());
          answerIdleWaiters();
          return this;
        })
        .onMessage(NodeCommand.Checkpoint.class, this::onCheckpoint)
        .onMessage(GetAgents.class, g -> {
          g.replyTo().tell(new Agents(risk, orders, positions, performance, venue, Map.copyOf(desks)));
          return this;
        })
        .build();
  }

  private Behavior<NodeCommand> onRunStep(RunStep s) {
    if (waiting != null) throw new IllegalStateException("step " + s.time() + " started before the previous one ended");
    for (Bar bar : s.bars()) {
      if (!desks.containsKey(bar.symbol())) throw new IllegalArgumentException("no desk for symbol " + bar.symbol());
    }
    waiting = s.replyTo();
    venue.tell(new VenueCommand.MatchStep(s.time(), s.bars(), orders, stepDone));
    boolean spike = correlations != null && correlations.update(s.bars()).spike();
    for (Bar bar : s.bars()) {
      desks.get(bar.symbol()).tell(new DeskCommand.OnBar(bar, lastEquity, lastExposure, lastClosed, rejectionsFor(bar.symbol()), spike));
    }
    lastRejections = List.of();
    lastClosed = List.of();
    return this;
  }

  private Behavior<NodeCommand> onStepDone(StepDone d) {
    StepCompleted c = d.completed();
    lastEquity = c.account().equity();
    lastExposure = c.account().exposure();
    lastRejections = c.rejections();
    lastClosed = c.closed();
    lastStepTime = c.time();
    if (!c.closed().isEmpty()) performance.tell(new PerformanceCommand.TradesClosed(c.closed()));
    ActorRef<StepAck> replyTo = waiting;
    waiting = null;
    if (replyTo != null) replyTo.tell(new StepAck(c.time(), c.account(), c.fills(), c.orders(), c.risk()));
    answerIdleWaiters();
    return this;
  }

  private Behavior<NodeCommand> onCheckpoint(NodeCommand.Checkpoint c) {
    if (waiting != null) throw new IllegalStateException("checkpoint asked while a step runs: capture between steps only");
    Map<String, byte[]> states = new TreeMap<>();
    states.put("node", StateCodec.encode(new Saved(correlations, lastEquity, lastExposure, lastRejections, lastClosed, lastStepTime)));
    // venue, performance, positions, orders, risk, each desk and each specialist answer the collector directly.
    int expected = 5 + desks.size() + specialistCount;
    ActorRef<AgentState> collector = getContext().spawnAnonymous(CheckpointCollector.create(lastStepTime, states, expected, c.replyTo()));
    venue.tell(new VenueCommand.CaptureState(collector));
    performance.tell(new PerformanceCommand.CaptureState(collector));
    positions.tell(new PositionCommand.CaptureState(collector));
    orders.tell(new OrderManagerCommand.CaptureState(collector));
    risk.tell(new RiskCommand.CaptureState(collector));
    for (ActorRef<DeskCommand> d : desks.values()) d.tell(new DeskCommand.CaptureState(collector));
    return this;
  }

  private void answerIdleWaiters() {
    if (waiting != null || feedOpen) return;
    for (ActorRef<NodeCommand.Idle> w : idleWaiters) w.tell(new NodeCommand.Idle());
    idleWaiters.clear();
  }
}
