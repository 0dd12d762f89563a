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
  /** The run's swaps in event time, each sent to its desk at the boundary before the first step at or after it. */
  private final List<io.troupe.desk.SwapPlan.Scheduled> swaps;
  private int nextSwap;
  private final CorrelationMonitor correlations;
  private final ActorRef<VenueCommand.Matched> matched;
  private final ActorRef<ReportsApplied> applied;
  private final ActorRef<Marked> marked;
  private final ActorRef<Decided> decided;
  private final ActorRef<Placed> placed;
  private final ActorRef<VenueCommand.Synced> synced;
  private final ActorRef<Settled> settled;
  private final ActorRef<DeskCommand.Decisions> deskDecisions;
  private final ActorRef<PositionCommand.MarkedRun> markedRun;
  private final ActorRef<RiskCommand.DecidedRun> decidedRun;
  private final List<ActorRef<NodeCommand.Idle>> idleWaiters = new ArrayList<>();
  /** The LLM adviser between the desks and risk, or null (off, or gone after a failure: entries then pass unreviewed). */
  private ActorRef<io.troupe.adviser.AdviserCommand> adviser;
  private final ActorRef<io.troupe.adviser.AdviserCommand.Advised> advised;

  // Each desk, by its index in symbol order: how far it has decided ahead, and what it was not told meanwhile.
  private final String[] symbolAt;
  private final Map<String, Integer> deskIndex = new java.util.HashMap<>();
  /** The symbol string each desk was last found by: a file's bars share one, so most look-ups are one comparison. */
  private final String[] seenAs;
  /** How many of the desk's next bars it has decided alone (each with no intent): the coordinator skips them. */
  private final int[] aloneLeft;
  /** The desk holds its specialists' answers for its next bar. */
  private final boolean[] holding;
  /** The desk's specialists answer several bars at once (false: send it one bar at a time). */
  private final boolean[] ahead;
  /** Closed trades and rejections the desk would have heard with the bars it decided alone, told with its next. */
  private final List<List<RoundTrip>> owedClosed;
  private final List<List<VenueRejection>> owedRejections;
  /** The batch's bars by desk, with each one's correlation spike and step; each desk's next bar in them. */
  private final List<List<Bar>> deskBars;
  private final List<List<Boolean>> deskSpikes;
  private final List<int[]> deskSteps;
  private final int[] cursor;
  /** Each bar's desk, the batch's steps one after another, and where each step's bars start in it (one look-up a bar). */
  private int[] batchDesks = new int[0];
  private int[] stepStart = new int[1];
  /** Each step's correlation spike, for the batch (computed at its start, in step order). */
  private boolean[] spikes = new boolean[0];
  /** The step being run: its index in the batch (0 for a lone step), and the first index a desk's bars may not reach. */
  private int stepIndex;
  private int windowEnd;
  private AccountSnapshot lastAccount;

  // Between steps: what the desks and the order manager are told with the next one.
  private double lastEquity;
  private double lastExposure;
  private List<VenueRejection> lastRejections = List.of();
  private List<RoundTrip> lastClosed = List.of();
  private long lastStepTime = Long.MIN_VALUE;
  private TradingState tradingState = TradingState.ACTIVE;
  /** The order manager's last word: orders working or actions due (start conservative: ask). */
  private boolean ordersBusy = true;
  /** The order manager's pending orders by symbol at the last step's end, and whether a step has ended since the start. */
  private Map<String, Double> lastPending = Map.of();
  private boolean lastOutcomeKnown;
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
  /** Each desk's brief of its entry this step (by bar), for the adviser. */
  private io.troupe.model.EntryBrief[] briefs;
  /** In the advice phase: the step's intents for risk, and the indices in it of those the adviser reviews. */
  private List<OrderIntent> adviceIntents;
  private int[] reviewed;
  /** The adviser's rulings this step, for the step's ack. */
  private List<io.troupe.adviser.AdviceRuling> stepAdvice = List.of();
  private int desksPending;
  private ReportsApplied fills;
  private Marked account_;
  private Decided decision;
  private List<AttributedFill> stepFills;
  /** The step sent entries back to risk to decide again at the next one. */
  private boolean stepRedecided;
  /**
   * The last step ended with nothing in motion: no fill (settled ones included), no rejection, no trade closed, no
   * order working, no entry to decide again.
   */
  private boolean lastStepQuiet;
  /** A quiet run in progress: its steps (from {@link #runFrom} in the batch), and their marks once the monitor answered. */
  private List<List<Bar>> runSteps;
  private int runFrom;
  private List<Marked> runMarks;

  StepCoordinator(ActorContext<StepMessage> ctx, AccountGroup.Agents account, DeskRoute desks,
      List<io.troupe.desk.SwapPlan.Scheduled> swaps, double initialCash, Saved saved, CorrelationMonitor freshCorrelations,
      ActorRef<io.troupe.adviser.AdviserCommand> adviser) {
    super(ctx);
    this.adviser = adviser;
    this.account = account;
    this.desks = desks;
    this.swaps = swaps;
    // Every reply comes straight here: the coordinator's own reference, narrowed to the reply's type.
    ActorRef<StepMessage> self = ctx.getSelf();
    this.matched = self.narrow();
    this.applied = self.narrow();
    this.marked = self.narrow();
    this.decided = self.narrow();
    this.placed = self.narrow();
    this.synced = self.narrow();
    this.settled = self.narrow();
    this.deskDecisions = self.narrow();
    this.markedRun = self.narrow();
    this.decidedRun = self.narrow();
    this.advised = self.narrow();
    this.symbolAt = desks.symbols().toArray(new String[0]);
    int n = symbolAt.length;
    for (int i = 0; i < n; i++) deskIndex.put(symbolAt[i], i);
    this.seenAs = symbolAt.clone();
    this.aloneLeft = new int[n];
    this.holding = new boolean[n];
    this.ahead = new boolean[n];
    java.util.Arrays.fill(ahead, true);
    this.owedClosed = new ArrayList<>(java.util.Collections.nCopies(n, List.of()));
    this.owedRejections = new ArrayList<>(java.util.Collections.nCopies(n, List.of()));
    this.deskBars = new ArrayList<>(n);
    this.deskSpikes = new ArrayList<>(n);
    this.deskSteps = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      deskBars.add(new ArrayList<>());
      deskSpikes.add(new ArrayList<>());
      deskSteps.add(new int[0]);
    }
    this.cursor = new int[n];
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
        .onMessage(DeskCommand.Decisions.class, this::onDeskDecided)
        .onMessage(NodeCommand.RunStep.class, this::onRunStep)
        .onMessage(NodeCommand.RunSteps.class, this::onRunSteps)
        .onMessage(VenueCommand.Matched.class, m -> onMatched(m.reported()))
        .onMessage(Marked.class, this::onMarked)
        .onMessage(PositionCommand.MarkedRun.class, this::onMarkedRun)
        .onMessage(RiskCommand.DecidedRun.class, this::onDecidedRun)
        .onMessage(Decided.class, this::onRiskDecided)
        .onMessage(io.troupe.adviser.AdviserCommand.Advised.class, this::onAdvised)
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
          g.replyTo().tell(new NodeCommand.Agents(account.risk(), account.orders(), account.positions(), account.performance(), account.venue(), desks.reachable(),
              adviser));
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
    prepareBatch(List.of(s.bars()));
    return startStep(s.time(), s.bars(), s.replyTo());
  }

  private Behavior<StepMessage> onRunSteps(NodeCommand.RunSteps s) {
    if (failure != null || s.steps().isEmpty()) {
      s.replyTo().tell(new StepAck(lastStepTime, null, List.of(), List.of(), null, failure));
      return this;
    }
    if (inStep || batch != null) throw new IllegalStateException("steps sent before the previous ones ended");
    prepareBatch(s.steps());
    batch = s.steps();
    batchNext = 1;
    batchReplyTo = s.replyTo();
    List<Bar> first = batch.get(0);
    return startStep(first.get(0).time(), first, null);
  }

  /**
   * The batch's bars by desk, and every step's correlation spike (the monitor sees the steps in order, as it would one
   * at a time). A desk's bars of a batch go to it in one go, so its specialists answer them in one message each.
   */
  private void prepareBatch(List<List<Bar>> steps) {
    int n = symbolAt.length;
    int total = 0;
    for (List<Bar> step : steps) total += step.size();
    // Every bar's desk first: a bar with none fails the batch before anything of it is done.
    int[] desksOf = new int[total];
    int[] starts = new int[steps.size() + 1];
    int[] counts = new int[n];
    int k = 0;
    for (int i = 0; i < steps.size(); i++) {
      starts[i] = k;
      for (Bar bar : steps.get(i)) {
        int d = deskOf(bar.symbol());
        if (d < 0) throw new IllegalArgumentException("no desk for symbol " + bar.symbol());
        desksOf[k++] = d;
        counts[d]++;
      }
    }
    starts[steps.size()] = k;
    batchDesks = desksOf;
    stepStart = starts;
    spikes = new boolean[steps.size()];
    for (int i = 0; i < steps.size(); i++) spikes[i] = correlations != null && correlations.spikeAfter(steps.get(i));
    // Fresh arrays: a desk may still read the last batch's (messages are never changed once sent).
    Bar[][] barsOf = new Bar[n][];
    Boolean[][] spikesOf = new Boolean[n][];
    for (int d = 0; d < n; d++) {
      barsOf[d] = new Bar[counts[d]];
      spikesOf[d] = new Boolean[counts[d]];
      deskSteps.set(d, new int[counts[d]]);
      cursor[d] = 0;
      aloneLeft[d] = 0;
      holding[d] = false;
    }
    int[] filled = new int[n];
    k = 0;
    for (int i = 0; i < steps.size(); i++) {
      for (Bar bar : steps.get(i)) {
        int d = desksOf[k++];
        int at = filled[d]++;
        barsOf[d][at] = bar;
        spikesOf[d][at] = spikes[i];
        deskSteps.get(d)[at] = i;
      }
    }
    for (int d = 0; d < n; d++) {
      deskBars.set(d, java.util.Arrays.asList(barsOf[d]));
      deskSpikes.set(d, java.util.Arrays.asList(spikesOf[d]));
    }
    stepIndex = 0;
    windowEnd = windowEnd(0, steps);
  }

  /** The first step of the batch at or after {@code from} that a desk's bars may not reach: the next swap's, or the end. */
  private int windowEnd(int from, List<List<Bar>> steps) {
    if (nextSwap >= swaps.size()) return steps.size();
    long due = swaps.get(nextSwap).time();
    for (int i = from; i < steps.size(); i++) if (steps.get(i).get(0).time() >= due) return i;
    return steps.size();
  }

  private Behavior<StepMessage> startStep(long stepTime, List<Bar> stepBars, ActorRef<StepAck> replyTo) {
    if (replyTo == null && batch != null && accountQuiet()) {
      int run = quietRun(stepIndex);
      if (run >= 2) return startQuietRun(run);
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
    // Swaps due now reach their desks before this step's bar (a desk reads its messages in order): the boundary. No
    // desk's bars reach past it (windowEnd), so each holds nothing ahead when its swap comes.
    boolean swapped = false;
    while (nextSwap < swaps.size() && swaps.get(nextSwap).time() <= time) {
      io.troupe.desk.SpecialistSwap swap = swaps.get(nextSwap++).swap();
      desks.tell(swap.symbol(), new DeskCommand.Swap(swap, null));
      Integer d = deskIndex.get(swap.symbol());
      if (d != null) ahead[d] = true; // a new lineup may answer several bars again
      swapped = true;
    }
    if (swapped) windowEnd = windowEnd(stepIndex + 1, batch != null ? batch : List.of(bars));
    // DESK_DECISIONS runs beside MATCH, FILLS and MARKS_AND_EXITS. A desk that decided this bar already (alone, with no
    // intent) is not asked; what it would have heard with it waits for its next.
    intents = new OrderIntent[bars.size()];
    briefs = adviser == null ? null : new io.troupe.model.EntryBrief[bars.size()];
    desksPending = 0;
    int first = stepStart[stepIndex];
    for (int j = 0; j < bars.size(); j++) {
      Bar bar = bars.get(j);
      int d = batchDesks[first + j];
      List<VenueRejection> rejections = rejectionsFor(bar.symbol());
      if (aloneLeft[d] > 0) {
        aloneLeft[d]--;
        cursor[d]++;
        if (!lastClosed.isEmpty()) owedClosed.set(d, concat(owedClosed.get(d), lastClosed));
        if (!rejections.isEmpty()) owedRejections.set(d, concat(owedRejections.get(d), rejections));
        continue;
      }
      List<RoundTrip> closed = concat(owedClosed.get(d), lastClosed);
      rejections = concat(owedRejections.get(d), rejections);
      owedClosed.set(d, List.of());
      owedRejections.set(d, List.of());
      List<Bar> windowBars;
      List<Boolean> windowSpikes;
      int at = cursor[d];
      if (holding[d]) {
        windowBars = List.of();
        windowSpikes = List.of();
      } else {
        int end = at + 1;
        if (ahead[d]) {
          int[] stepsOf = deskSteps.get(d);
          while (end < stepsOf.length && stepsOf[end] < windowEnd) end++;
        }
        windowBars = deskBars.get(d).subList(at, end);
        windowSpikes = deskSpikes.get(d).subList(at, end);
      }
      cursor[d]++;
      desksPending++;
      desks.tell(bar.symbol(), new DeskCommand.OnSteps(windowBars, windowSpikes, lastEquity, lastExposure, closed, rejections, tradingState,
          quiet(bar.symbol()), deskDecisions));
    }
    lastRejections = List.of();
    lastClosed = List.of();
    return reportsDue ? this : onMatched(false);
  }

  // ---- quiet runs ----
  //
  // Steps in which nothing can move on the account side are marked and decided several at once: one message to the
  // position monitor and one to risk for the run, instead of a round trip to each per step. A step is quiet when the
  // account holds no position and no order is working, nothing of the last step is still to be told (fills, closed
  // trades, rejections, entries to decide again), every desk of its bars decided that bar alone already (no intent),
  // and no swap is due. Then its match can report nothing, its marks close nothing and want no exit, and with the
  // equity unchanged and no entry risk has nothing to approve: each agent's step is what it would have been alone,
  // in the same order. Only a batch (a backtest's RunSteps) runs them: no operator acts between its steps.

  private boolean accountQuiet() {
    if (failure != null || !lastStepQuiet || ordersBusy || workWaiting || !lastOutcomeKnown || lastAccount == null) return false;
    if (!lastRejections.isEmpty() || !lastClosed.isEmpty()) return false;
    for (io.troupe.model.Position p : lastAccount.positions().values()) if (!p.isFlat()) return false;
    return true;
  }

  /** How many steps of the batch from {@code from} on are quiet for the desks: each bar decided alone, no swap due. */
  private int quietRun(int from) {
    long due = nextSwap < swaps.size() ? swaps.get(nextSwap).time() : Long.MAX_VALUE;
    int[] used = new int[aloneLeft.length];
    int k = from;
    for (; k < batch.size(); k++) {
      List<Bar> step = batch.get(k);
      if (step.get(0).time() >= due) break;
      boolean alone = true;
      for (int j = stepStart[k]; j < stepStart[k + 1]; j++) {
        int d = batchDesks[j];
        if (aloneLeft[d] - used[d]++ <= 0) alone = false;
      }
      if (!alone) break;
    }
    return k - from;
  }

  private Behavior<StepMessage> startQuietRun(int run) {
    inStep = true;
    waiting = null;
    runFrom = stepIndex;
    runSteps = List.copyOf(batch.subList(stepIndex, stepIndex + run));
    bars = runSteps.get(0);
    time = bars.get(0).time();
    stepFills = List.of();
    phase = StepPhase.MARKS_AND_EXITS;
    // MATCH: nothing is working, so the venue gets the bars and is not waited for, as in any such step; the run's
    // steps go in one message, their bars one step after another (a venue takes them bar by bar, in that order).
    int runBars = 0;
    for (List<Bar> step : runSteps) runBars += step.size();
    List<Bar> all = new ArrayList<>(runBars);
    for (List<Bar> step : runSteps) all.addAll(step);
    for (int j = stepStart[runFrom]; j < stepStart[runFrom + run]; j++) {
      int d = batchDesks[j];
      aloneLeft[d]--;
      cursor[d]++;
    }
    account.venue().tell(new VenueCommand.Match(time, all, null));
    account.positions().tell(new PositionCommand.MarkRun(runSteps, markedRun));
    return this;
  }

  private Behavior<StepMessage> onMarkedRun(PositionCommand.MarkedRun m) {
    if (!inStep || runSteps == null) return this;
    List<Marked> marks = m.marks();
    List<RiskCommand.Decide> decides = new ArrayList<>(marks.size());
    for (int k = 0; k < marks.size(); k++) {
      Marked mk = marks.get(k);
      List<Bar> step = runSteps.get(k);
      if (k < marks.size() - 1 && !(mk.closed().isEmpty() && mk.exits().isEmpty() && mk.brackets().isEmpty())) {
        throw new IllegalStateException("a quiet step at " + NodeCommand.describeTime(step.get(0).time()) + " closed a trade or wanted an exit");
      }
      decides.add(new RiskCommand.Decide(step.get(0).time(), step, mk.account(), Map.of(), mk.stops(), mk.exits(), mk.brackets(), mk.closed(),
          List.of(), null));
    }
    runMarks = marks;
    phase = StepPhase.RISK;
    account.risk().tell(new RiskCommand.DecideRun(decides, decidedRun));
    return this;
  }

  /** Every step of the run but the last ends here, as an empty decision ends it; the last goes on as any step. */
  private Behavior<StepMessage> onDecidedRun(RiskCommand.DecidedRun r) {
    if (!inStep || runMarks == null) return this;
    List<Decided> ds = r.decisions();
    int last = ds.size() - 1;
    for (int k = 0; k < last; k++) {
      Decided d = ds.get(k);
      long stepTime = runSteps.get(k).get(0).time();
      if (!d.isEmpty()) throw new IllegalStateException("risk asked for orders in a quiet step at " + NodeCommand.describeTime(stepTime));
      AccountSnapshot a = runMarks.get(k).account();
      tradingState = d.state();
      lastAccount = a;
      lastEquity = a.equity();
      lastExposure = a.exposure();
      lastStepTime = stepTime;
    }
    lastPending = Map.of();
    lastOutcomeKnown = true;
    stepIndex = runFrom + last;
    batchNext = stepIndex + 1;
    bars = runSteps.get(last);
    time = bars.get(0).time();
    account_ = runMarks.get(last);
    fills = null;
    stepFills = List.of();
    intents = new OrderIntent[bars.size()];
    runSteps = null;
    runMarks = null;
    return onRiskDecided(ds.get(last));
  }

  /** {@code reported}: the venue's match sent the order manager reports. */
  private Behavior<StepMessage> onMatched(boolean reported) {
    phase = StepPhase.FILLS;
    // Nothing to apply: nothing working and no report waiting, or the match reported nothing and the order manager's
    // pending orders are as it said at the last step's end.
    if (workWaiting || (ordersBusy && (reported || !lastOutcomeKnown))) {
      workWaiting = false;
      account.orders().tell(new OrderManagerCommand.ApplyReports(time, applied));
      return this;
    }
    return onFillsApplied(null);
  }

  /** {@code a} null: the phase had nothing to do. */
  private Behavior<StepMessage> onFillsApplied(ReportsApplied a) {
    fills = a;
    if (a != null) {
      stepFills = a.fills();
      haltOnCorrections(a.corrections());
    }
    phase = StepPhase.MARKS_AND_EXITS;
    account.positions().tell(new PositionCommand.Mark(time, bars, stepFills, marked));
    return this;
  }

  private Behavior<StepMessage> onMarked(Marked m) {
    account_ = m;
    return decideWhenReady();
  }

  private Behavior<StepMessage> onDeskDecided(DeskCommand.Decisions d) {
    if (!inStep || d.time() != time) return this; // a late answer for an old step
    int desk = -1;
    for (int i = 0; i < bars.size(); i++) {
      if (bars.get(i).symbol().equals(d.symbol())) {
        intents[i] = d.intent();
        if (briefs != null) briefs[i] = d.brief();
        desk = batchDesks[stepStart[stepIndex] + i];
        break;
      }
    }
    if (desk < 0) desk = deskOf(d.symbol());
    aloneLeft[desk] = d.alone();
    holding[desk] = d.holding();
    ahead[desk] = d.ahead();
    desksPending--;
    return decideWhenReady();
  }

  /** The desk's index, in symbol order; -1: none. */
  private int deskOf(String symbol) {
    for (int d = 0; d < seenAs.length; d++) if (seenAs[d] == symbol) return d;
    Integer d = deskIndex.get(symbol);
    if (d == null) return -1;
    seenAs[d] = symbol;
    return d;
  }

  /**
   * No trade of the symbol can close before its desk asks for one: it has no position and no order is working (the
   * order manager said so, and nothing arrived since).
   */
  private boolean quiet(String symbol) {
    return lastAccount != null && !ordersBusy && !workWaiting && lastAccount.quantity(symbol) == 0;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    if (a.isEmpty()) return b;
    if (b.isEmpty()) return a;
    List<T> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return all;
  }

  private Behavior<StepMessage> decideWhenReady() {
    if (account_ == null || desksPending > 0) return this;
    // The bars are sorted by symbol, so the intents are too: the outcome does not depend on which desk answered first.
    List<OrderIntent> entries = List.of(); // most steps: no desk asks for anything
    for (OrderIntent i : intents) {
      if (i == null) continue;
      if (entries.isEmpty()) entries = new ArrayList<>(intents.length);
      entries.add(i);
    }
    if (adviser != null && !entries.isEmpty() && askAdviser(entries)) return this;
    return decide(entries);
  }

  private Behavior<StepMessage> decide(List<OrderIntent> entries) {
    phase = StepPhase.RISK;
    Marked m = account_;
    Map<String, Double> pending = fills != null ? fills.pending() : ordersBusy ? lastPending : Map.of();
    account.risk().tell(new RiskCommand.Decide(time, bars, m.account(), pending, m.stops(), m.exits(), m.brackets(), m.closed(), entries, decided));
    return this;
  }

  /**
   * ADVICE: the entries that open, add to or flip a position go to the adviser (exits and reductions need no review);
   * false when there is none. Its answer comes within its timeout, whatever the endpoints do.
   */
  private boolean askAdviser(List<OrderIntent> entries) {
    // Reducing or halted, risk refuses every entry whatever the adviser says: it is not asked (nor paid).
    if (tradingState != TradingState.ACTIVE) return false;
    List<io.troupe.adviser.AdviserCommand.Entry> asked = new ArrayList<>(1);
    int[] at = new int[entries.size()];
    for (int k = 0; k < entries.size(); k++) {
      OrderIntent i = entries.get(k);
      double held = account_.account().quantity(i.symbol());
      if (!io.troupe.adviser.AdviserQuorum.isEntry(i, held)) continue;
      io.troupe.model.EntryBrief brief = null;
      for (int b = 0; b < bars.size(); b++) if (intents[b] == i) brief = briefs[b];
      at[asked.size()] = k;
      asked.add(new io.troupe.adviser.AdviserCommand.Entry(i, brief, held));
    }
    if (asked.isEmpty()) return false;
    phase = StepPhase.ADVICE;
    adviceIntents = entries;
    reviewed = java.util.Arrays.copyOf(at, asked.size());
    adviser.tell(new io.troupe.adviser.AdviserCommand.Advise(time, asked, advised));
    return true;
  }

  private Behavior<StepMessage> onAdvised(io.troupe.adviser.AdviserCommand.Advised a) {
    if (!inStep || phase != StepPhase.ADVICE || a.time() != time) return this; // a late answer for an old step
    stepAdvice = a.rulings();
    return decide(afterAdvice(a.intents()));
  }

  /** The step's intents with each reviewed one as ruled (a vetoed one left out), in their order; null: all unreviewed. */
  private List<OrderIntent> afterAdvice(List<OrderIntent> ruled) {
    List<OrderIntent> out = new ArrayList<>(adviceIntents);
    if (ruled != null) {
      for (int r = 0; r < reviewed.length; r++) out.set(reviewed[r], ruled.get(r));
      out.removeIf(java.util.Objects::isNull);
    }
    adviceIntents = null;
    reviewed = null;
    return out;
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
    return endStep(new StepOrders(List.of(), List.of(), false, Map.of()));
  }

  private Behavior<StepMessage> onPlaced(Placed p) {
    // Sent before the next step's decision, so risk decides those entries again at the new price.
    if (!p.redecide().isEmpty()) {
      account.risk().tell(new RiskCommand.Redecide(p.redecide()));
      stepRedecided = true;
    }
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
    haltOnCorrections(s.corrections());
    if (!s.fills().isEmpty()) {
      account.positions().tell(new PositionCommand.ApplyFills(time, s.fills()));
      List<AttributedFill> all = new ArrayList<>(stepFills.size() + s.fills().size());
      all.addAll(stepFills);
      all.addAll(s.fills());
      stepFills = all;
    }
    return endStep(s.outcome());
  }

  /**
   * The venue corrected or busted a trade: its compensating fills are in the step's fills (the position, cash and
   * journal follow them), and risk halts new entries (the stops of open positions stay) until an operator, having
   * checked the venue's statement, resumes. A halt that is already in force keeps its first reason.
   */
  private void haltOnCorrections(List<io.troupe.order.OrderBook.Correction> corrections) {
    if (corrections == null || corrections.isEmpty()) return;
    StringBuilder why = new StringBuilder();
    for (int i = 0; i < corrections.size(); i++) why.append(i == 0 ? "" : "; ").append(corrections.get(i).describe());
    account.risk().tell(new RiskCommand.TradeCorrected(why.toString()));
  }

  private Behavior<StepMessage> endStep(StepOrders outcome) {
    ordersBusy = outcome.busy();
    lastPending = outcome.pending();
    lastOutcomeKnown = true;
    if (!outcome.rejections().isEmpty()) account.risk().tell(new RiskCommand.VenueRejected(outcome.rejections()));
    AccountSnapshot a = account_.account();
    lastAccount = a;
    lastEquity = a.equity();
    lastExposure = a.exposure();
    lastRejections = outcome.rejections();
    lastClosed = account_.closed();
    lastStepTime = time;
    lastStepQuiet = stepFills.isEmpty() && lastRejections.isEmpty() && lastClosed.isEmpty() && !ordersBusy && !stepRedecided;
    if (!lastClosed.isEmpty()) account.performance().tell(new PerformanceCommand.TradesClosed(lastClosed));
    ActorRef<StepAck> replyTo = waiting;
    StepAck ack = new StepAck(time, a, stepFills, outcome.changed(), decision.baselines(), null, stepAdvice);
    clearStep();
    if (replyTo != null) {
      replyTo.tell(ack);
    } else if (batch != null) {
      if (batchNext < batch.size()) {
        stepIndex = batchNext;
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
    briefs = null;
    stepAdvice = List.of();
    stepRedecided = false;
    runSteps = null;
    runMarks = null;
  }

  // ---- failures ----

  private Behavior<StepMessage> onAgentFailed(ActorRef<?> ref, Throwable cause) {
    if (adviser != null && ref.equals(adviser)) return onAdviserFailed(cause);
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

  /**
   * The adviser is advice, not a guard: its failure (a bug) costs the run its reviews, not its trading. The entries of
   * the step it was reviewing, and of every step after, go to risk unreviewed.
   */
  private Behavior<StepMessage> onAdviserFailed(Throwable cause) {
    getContext().getLog().error("the adviser failed ({}); entries go to risk unreviewed from now on",
        cause == null ? "it stopped" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
    adviser = null;
    if (inStep && phase == StepPhase.ADVICE) return decide(afterAdvice(null));
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
