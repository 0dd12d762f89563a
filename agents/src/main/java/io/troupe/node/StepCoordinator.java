package io.troupe.node;

import io.troupe.checkpoint.AgentState;
import io.troupe.checkpoint.StateCodec;
import io.troupe.desk.DeskCommand;
import io.troupe.market.Bar;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.AttributedFill;
import io.troupe.model.OrderIntent;
import io.troupe.model.RoundTrip;
import io.troupe.model.StepMessage;
import io.troupe.model.TradingState;
import io.troupe.model.VenueRejection;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.order.OrderManagerCommand;
import io.troupe.order.OrderManagerCommand.Placed;
import io.troupe.order.OrderManagerCommand.ReportsApplied;
import io.troupe.order.OrderManagerCommand.Settled;
import io.troupe.order.OrderManagerCommand.StepOrders;
import io.troupe.performance.PerformanceCommand;
import io.troupe.position.PositionCommand;
import io.troupe.position.PositionCommand.Marked;
import io.troupe.regime.CorrelationMonitor;
import io.troupe.risk.RiskCommand;
import io.troupe.risk.RiskCommand.Decided;
import io.troupe.venue.VenueCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Runs each event-time step in the order {@link StepPhase} declares: it asks each agent in turn and each answers with
 * one narrow reply; no agent hands a step on to another. The desks decide from the step's start, beside the venue's
 * match, the fills and the marks; risk decides once the account is marked and every desk has answered, with the
 * desks' intents in symbol order. The next step starts only when this one has ended, which makes a run deterministic
 * whatever the thread count, and gives a checkpoint a consistent cut between steps.
 *
 * <p>Phases with nothing to do are skipped: the order manager is asked to apply reports only when orders are working
 * or it said work is waiting, to place only when risk approved something or it is busy, and to settle only when it
 * sent something.
 *
 * <p>When an agent of the account group fails, trading halts at once: every working order at the venue is cancelled,
 * no step runs after it, and the step waiting, and every one after, is answered with the failure.
 */
final class StepCoordinator extends AbstractBehavior<StepMessage> {

  /** What a checkpoint keeps of the coordinator: what it tells the desks with the next bar. */
  record Saved(CorrelationMonitor correlations, double lastEquity, double lastExposure, List<VenueRejection> lastRejections, List<RoundTrip> lastClosed,
      long lastStepTime, TradingState tradingState) {}

  private final AccountGroup.Agents account;
  private final DeskRoute desks;
  /** The symbols with a desk, for the check of each step's bars. */
  private final java.util.Set<String> deskSymbols;
  /** The run's swaps in event time, each sent to its desk at the boundary before the first step at or after it. */
  private final List<io.troupe.desk.SwapPlan.Scheduled> swaps;
  private int nextSwap;
  private final CorrelationMonitor correlations;
  private final ActorRef<VenueCommand.Matched> matched;
  private final ActorRef<ReportsApplied> applied;
  private final ActorRef<Marked> marked;
  private final ActorRef<DeskCommand.Decision> deskDecided;
  private final ActorRef<Decided> decided;
  private final ActorRef<Placed> placed;
  private final ActorRef<VenueCommand.Synced> synced;
  private final ActorRef<Settled> settled;
  private final List<ActorRef<NodeCommand.Idle>> idleWaiters = new ArrayList<>();

  // Between steps: what the desks and the order manager are told with the next one.
  private double lastEquity;
  private double lastExposure;
  private List<VenueRejection> lastRejections = List.of();
  private List<RoundTrip> lastClosed = List.of();
  private long lastStepTime = Long.MIN_VALUE;
  private TradingState tradingState = TradingState.ACTIVE;
  /** The order manager's last word: orders working or actions due (start conservative: ask). */
  private boolean ordersBusy = true;
  /** The order manager said work arrived outside a step (a report between steps, an operator's cancel). */
  private boolean workWaiting;
  /** A stream feed is connected and has not ended; "idle" also waits for its end. */
  private boolean feedOpen;
  /** Set once an agent of the account group failed: no step runs after it. */
  private String failure;

  // The step in progress.
  private boolean inStep;
  /** Who hears of the step's end: its RunStep's sender; null inside a batch, whose sender hears once, at its end. */
  private ActorRef<StepAck> waiting;
  /** A RunSteps in progress: its steps, the next to run, and its sender. */
  private List<List<Bar>> batch;
  private int batchNext;
  private ActorRef<StepAck> batchReplyTo;
  private StepPhase phase;
  private long time;
  private List<Bar> bars;
  private OrderIntent[] intents;
  private int desksPending;
  private ReportsApplied fills;
  private Marked account_;
  private Decided decision;
  private List<AttributedFill> stepFills;

  StepCoordinator(ActorContext<StepMessage> ctx, AccountGroup.Agents account, DeskRoute desks,
      List<io.troupe.desk.SwapPlan.Scheduled> swaps, double initialCash, Saved saved, CorrelationMonitor freshCorrelations) {
    super(ctx);
    this.account = account;
    this.desks = desks;
    this.deskSymbols = java.util.Set.copyOf(desks.symbols());
    this.swaps = swaps;
    // Every reply comes straight here: the coordinator's own reference, narrowed to the reply's type.
    ActorRef<StepMessage> self = ctx.getSelf();
    this.matched = self.narrow();
    this.applied = self.narrow();
    this.marked = self.narrow();
    this.deskDecided = self.narrow();
    this.decided = self.narrow();
    this.placed = self.narrow();
    this.synced = self.narrow();
    this.settled = self.narrow();
    account.orders().tell(new OrderManagerCommand.NotifyWork(self.narrow()));
    account.risk().tell(new RiskCommand.Subscribe(self.narrow()));
    if (saved != null) {
      this.correlations = saved.correlations();
      this.lastEquity = saved.lastEquity();
      this.lastExposure = saved.lastExposure();
      this.lastRejections = saved.lastRejections();
      this.lastClosed = saved.lastClosed();
      this.lastStepTime = saved.lastStepTime();
      this.tradingState = saved.tradingState();
      // Swaps due at or before the checkpoint's step were applied before it: its desks hold them.
      while (nextSwap < swaps.size() && swaps.get(nextSwap).time() <= lastStepTime) nextSwap++;
    } else {
      this.correlations = freshCorrelations;
      this.lastEquity = initialCash;
    }
  }

  @Override
  public Receive<StepMessage> createReceive() {
    // The step's messages first: the builder tries the cases in order.
    return newReceiveBuilder()
        .onMessage(DeskCommand.Decision.class, this::onDeskDecided)
        .onMessage(NodeCommand.RunStep.class, this::onRunStep)
        .onMessage(NodeCommand.RunSteps.class, this::onRunSteps)
        .onMessage(VenueCommand.Matched.class, m -> onMatched())
        .onMessage(Marked.class, this::onMarked)
        .onMessage(Decided.class, this::onRiskDecided)
        .onMessage(ReportsApplied.class, this::onFillsApplied)
        .onMessage(Placed.class, this::onPlaced)
        .onMessage(VenueCommand.Synced.class, s -> onSynced())
        .onMessage(Settled.class, this::onSettled)
        .onMessage(OrderManagerCommand.WorkWaiting.class, w -> {
          workWaiting = true;
          return this;
        })
        .onMessage(RiskCommand.TradingStateChanged.class, s -> {
          tradingState = s.state();
          return this;
        })
        .onMessage(NodeCommand.FeedStarted.class, f -> {
          feedOpen = true;
          f.replyTo().tell(new StepAck(Long.MIN_VALUE, null, List.of(), List.of(), null, failure));
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
        .onMessage(NodeCommand.GetAgents.class, g -> {
          g.replyTo().tell(new NodeCommand.Agents(account.risk(), account.orders(), account.positions(), account.performance(), account.venue(), desks.local()));
          return this;
        })
        .onSignal(ChildFailed.class, f -> onAgentFailed(f.getRef(), f.cause()))
        .onSignal(Terminated.class, t -> onAgentFailed(t.getRef(), null))
        .build();
  }

  // ---- the step, phase by phase ----

  private Behavior<StepMessage> onRunStep(NodeCommand.RunStep s) {
    if (failure != null) {
      s.replyTo().tell(new StepAck(s.time(), null, List.of(), List.of(), null, failure));
      return this;
    }
    if (inStep || batch != null) throw new IllegalStateException("step " + s.time() + " started before the previous one ended");
    return startStep(s.time(), s.bars(), s.replyTo());
  }

  private Behavior<StepMessage> onRunSteps(NodeCommand.RunSteps s) {
    if (failure != null || s.steps().isEmpty()) {
      s.replyTo().tell(new StepAck(lastStepTime, null, List.of(), List.of(), null, failure));
      return this;
    }
    if (inStep || batch != null) throw new IllegalStateException("steps sent before the previous ones ended");
    batch = s.steps();
    batchNext = 1;
    batchReplyTo = s.replyTo();
    List<Bar> first = batch.get(0);
    return startStep(first.get(0).time(), first, null);
  }

  private Behavior<StepMessage> startStep(long stepTime, List<Bar> stepBars, ActorRef<StepAck> replyTo) {
    for (Bar bar : stepBars) {
      if (!deskSymbols.contains(bar.symbol())) throw new IllegalArgumentException("no desk for symbol " + bar.symbol());
    }
    inStep = true;
    waiting = replyTo;
    time = stepTime;
    bars = stepBars;
    stepFills = List.of();
    phase = StepPhase.MATCH;
    // With no order working and no report waiting the venue cannot report a fill: it gets the bars, and the step
    // goes on without waiting for its answer.
    boolean reportsDue = ordersBusy || workWaiting;
    account.venue().tell(new VenueCommand.Match(time, bars, reportsDue ? matched : null));
    // Swaps due now reach their desks before this step's bar (a desk reads its messages in order): the boundary.
    while (nextSwap < swaps.size() && swaps.get(nextSwap).time() <= time) {
      io.troupe.desk.SpecialistSwap swap = swaps.get(nextSwap++).swap();
      desks.tell(swap.symbol(), new DeskCommand.Swap(swap, null));
    }
    // DESK_DECISIONS runs beside MATCH, FILLS and MARKS_AND_EXITS.
    boolean spike = correlations != null && correlations.update(bars).spike();
    intents = new OrderIntent[bars.size()];
    desksPending = bars.size();
    for (Bar bar : bars) {
      desks.tell(bar.symbol(),
          new DeskCommand.OnBar(bar, lastEquity, lastExposure, lastClosed, rejectionsFor(bar.symbol()), spike, tradingState, deskDecided));
    }
    lastRejections = List.of();
    lastClosed = List.of();
    return reportsDue ? this : onMatched();
  }

  private Behavior<StepMessage> onMatched() {
    phase = StepPhase.FILLS;
    if (ordersBusy || workWaiting) {
      workWaiting = false;
      account.orders().tell(new OrderManagerCommand.ApplyReports(time, applied));
      return this;
    }
    return onFillsApplied(null); // nothing working and no report waiting: no fill can be due
  }

  /** {@code a} null: the phase had nothing to do. */
  private Behavior<StepMessage> onFillsApplied(ReportsApplied a) {
    fills = a;
    if (a != null) stepFills = a.fills();
    phase = StepPhase.MARKS_AND_EXITS;
    account.positions().tell(new PositionCommand.Mark(time, bars, stepFills, marked));
    return this;
  }

  private Behavior<StepMessage> onMarked(Marked m) {
    account_ = m;
    return decideWhenReady();
  }

  private Behavior<StepMessage> onDeskDecided(DeskCommand.Decision d) {
    if (!inStep || d.time() != time) return this; // a late answer for an old step
    for (int i = 0; i < bars.size(); i++) {
      if (bars.get(i).symbol().equals(d.symbol())) {
        intents[i] = d.intent();
        break;
      }
    }
    desksPending--;
    return decideWhenReady();
  }

  private Behavior<StepMessage> decideWhenReady() {
    if (account_ == null || desksPending > 0) return this;
    phase = StepPhase.RISK;
    // The bars are sorted by symbol, so the intents are too: the outcome does not depend on which desk answered first.
    List<OrderIntent> entries = new ArrayList<>(intents.length);
    for (OrderIntent i : intents) if (i != null) entries.add(i);
    Marked m = account_;
    Map<String, Double> pending = fills == null ? Map.of() : fills.pending();
    account.risk().tell(new RiskCommand.Decide(time, bars, m.account(), pending, m.stops(), m.exits(), m.brackets(), m.closed(), entries, decided));
    return this;
  }

  private Behavior<StepMessage> onRiskDecided(Decided d) {
    decision = d;
    tradingState = d.state();
    phase = StepPhase.PLACEMENT;
    // Reports applied this step may have changed orders the journal must see now: placement drains them.
    if (!d.isEmpty() || fills != null || ordersBusy || workWaiting) {
      workWaiting = false;
      account.orders().tell(new OrderManagerCommand.Place(time, bars, d.orders(), d.brackets(), d.cancelAll(), d.cancelReason(), placed));
      return this;
    }
    return endStep(new StepOrders(List.of(), List.of(), false));
  }

  private Behavior<StepMessage> onPlaced(Placed p) {
    // Sent before the next step's decision, so risk decides those entries again at the new price.
    if (!p.redecide().isEmpty()) account.risk().tell(new RiskCommand.Redecide(p.redecide()));
    if (!p.sent()) return endStep(p.outcome());
    phase = StepPhase.SETTLEMENT;
    account.venue().tell(new VenueCommand.Sync(time, synced));
    return this;
  }

  private Behavior<StepMessage> onSynced() {
    account.orders().tell(new OrderManagerCommand.Settle(time, settled));
    return this;
  }

  private Behavior<StepMessage> onSettled(Settled s) {
    if (!s.fills().isEmpty()) {
      account.positions().tell(new PositionCommand.ApplyFills(time, s.fills()));
      List<AttributedFill> all = new ArrayList<>(stepFills.size() + s.fills().size());
      all.addAll(stepFills);
      all.addAll(s.fills());
      stepFills = all;
    }
    return endStep(s.outcome());
  }

  private Behavior<StepMessage> endStep(StepOrders outcome) {
    ordersBusy = outcome.busy();
    if (!outcome.rejections().isEmpty()) account.risk().tell(new RiskCommand.VenueRejected(outcome.rejections()));
    AccountSnapshot a = account_.account();
    lastEquity = a.equity();
    lastExposure = a.exposure();
    lastRejections = outcome.rejections();
    lastClosed = account_.closed();
    lastStepTime = time;
    if (!lastClosed.isEmpty()) account.performance().tell(new PerformanceCommand.TradesClosed(lastClosed));
    ActorRef<StepAck> replyTo = waiting;
    StepAck ack = new StepAck(time, a, stepFills, outcome.changed(), decision.baselines(), null);
    clearStep();
    if (replyTo != null) {
      replyTo.tell(ack);
    } else if (batch != null) {
      if (batchNext < batch.size()) {
        List<Bar> next = batch.get(batchNext++);
        return startStep(next.get(0).time(), next, null);
      }
      ActorRef<StepAck> batchSender = batchReplyTo;
      endBatch();
      batchSender.tell(ack);
    }
    answerIdleWaiters();
    return this;
  }

  private void endBatch() {
    batch = null;
    batchNext = 0;
    batchReplyTo = null;
  }

  private void clearStep() {
    inStep = false;
    waiting = null;
    phase = null;
    bars = null;
    intents = null;
    fills = null;
    account_ = null;
    decision = null;
    stepFills = List.of();
  }

  // ---- failures ----

  private Behavior<StepMessage> onAgentFailed(ActorRef<?> ref, Throwable cause) {
    if (failure != null) return this;
    String who = AccountGroup.describe(account, ref);
    String desk = desks.symbolOf(ref);
    if (desk != null) who = "the desk of " + desk;
    String where = !inStep
        ? "between steps (after the step at " + NodeCommand.describeTime(lastStepTime) + ")"
        : "in the step at " + NodeCommand.describeTime(time) + ", during " + phase.label();
    String why = cause == null ? "it stopped" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    failure = who + " failed " + where + " (" + why + "); trading halted: working orders cancelled, no new orders";
    getContext().getLog().error("{}", failure);
    // Halt: nothing else can be trusted to cancel, so the venue is told directly.
    if (!ref.equals(account.venue())) account.venue().tell(new VenueCommand.CancelAll(inStep ? time : lastStepTime, "agent_failure"));
    if (!ref.equals(account.risk())) account.risk().tell(new RiskCommand.Halt("agent_failure: " + who, false));
    StepAck failed = new StepAck(inStep ? time : lastStepTime, null, List.of(), List.of(), null, failure);
    if (waiting != null) waiting.tell(failed);
    if (batchReplyTo != null) batchReplyTo.tell(failed);
    clearStep();
    endBatch();
    answerIdleWaiters();
    return this;
  }

  // ---- between steps ----

  private List<VenueRejection> rejectionsFor(String symbol) {
    if (lastRejections.isEmpty()) return List.of();
    List<VenueRejection> out = new ArrayList<>();
    for (VenueRejection r : lastRejections) if (r.symbol().equals(symbol)) out.add(r);
    return out;
  }

  private Behavior<StepMessage> onCheckpoint(NodeCommand.Checkpoint c) {
    if (inStep || batch != null) throw new IllegalStateException("checkpoint asked while a step runs: capture between steps only");
    Map<String, byte[]> states = new java.util.TreeMap<>();
    states.put("node", StateCodec.encode(new Saved(correlations, lastEquity, lastExposure, lastRejections, lastClosed, lastStepTime, tradingState)));
    // venue, performance, positions, orders, risk and each desk answer the collector directly, and so does each
    // desk's every specialist (the desk says how many).
    int expected = 5 + desks.symbols().size();
    ActorRef<AgentState> collector = getContext().spawnAnonymous(CheckpointCollector.create(lastStepTime, states, expected, c.replyTo()));
    account.venue().tell(new VenueCommand.CaptureState(collector));
    account.performance().tell(new PerformanceCommand.CaptureState(collector));
    account.positions().tell(new PositionCommand.CaptureState(collector));
    account.orders().tell(new OrderManagerCommand.CaptureState(collector));
    account.risk().tell(new RiskCommand.CaptureState(collector));
    for (String symbol : desks.symbols()) desks.tell(symbol, new DeskCommand.CaptureState(collector));
    return this;
  }

  private void answerIdleWaiters() {
    if (inStep || batch != null || feedOpen) return;
    for (ActorRef<NodeCommand.Idle> w : idleWaiters) w.tell(new NodeCommand.Idle(failure));
    idleWaiters.clear();
  }
}
