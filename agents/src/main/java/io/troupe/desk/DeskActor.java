package io.troupe.desk;

import io.troupe.desk.DeskCommand.OnBar;
import io.troupe.market.Bar;
import io.troupe.performance.PerformanceCommand;
import io.troupe.model.VenueRejection;
import io.troupe.model.OrderIntent;
import io.troupe.model.TradingState;
import io.troupe.specialist.SpecialistActor;
import io.troupe.specialist.SpecialistCommand;
import io.troupe.specialist.SpecialistCommand.Evaluated;
import io.troupe.strategy.Signal;
import io.troupe.strategy.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One symbol's desk: its specialists (supervised children) and its meta-controller. For each bar every specialist
 * answers once; then the desk answers the bar with exactly one decision (no intent while halted: the specialists keep
 * seeing bars so they stay warm, but the desk stops asking for orders).
 */
public final class DeskActor extends AbstractBehavior<io.troupe.model.StepMessage> {

  /** A named strategy the desk hosts as a specialist. */
  public record SpecialistSpec(String name, Supplier<Strategy> strategy) {}

  /** {@code performance} hears of every confirmed regime change (null: nobody). */
  public static Behavior<DeskCommand> create(
      String symbol, List<SpecialistSpec> specialists, MetaController meta, ActorRef<PerformanceCommand> performance) {
    return create(symbol, specialists, meta, SwapPlan.defaults(), performance);
  }

  /** With {@code swaps}: how the desk takes hot-swapped specialists. */
  public static Behavior<DeskCommand> create(
      String symbol, List<SpecialistSpec> specialists, MetaController meta, SwapPlan swaps, ActorRef<PerformanceCommand> performance) {
    SpecialistLineup lineup = new SpecialistLineup(symbol, specialists.stream().map(SpecialistSpec::name).toList(), swaps);
    return restore(symbol, specialists, new Saved(meta, false, TradingState.ACTIVE, lineup), performance);
  }

  /** What a checkpoint keeps of a desk between steps (its specialists keep their own): with who sits where. */
  public record Saved(MetaController meta, boolean correlationSpike, TradingState state, SpecialistLineup lineup) {}

  /**
   * The desk as it was when {@code saved} was captured; {@code specialists} supply the strategies of its seats, by
   * seat key (restored ones first: a restarted specialist still gets a fresh strategy from its spec).
   */
  public static Behavior<DeskCommand> restore(
      String symbol, List<SpecialistSpec> specialists, Saved saved, ActorRef<PerformanceCommand> performance) {
    return Behaviors.<io.troupe.model.StepMessage>setup(ctx -> new DeskActor(ctx, symbol, specialists, saved, performance)).narrow();
  }

  /** A desk's name in a checkpoint. */
  public static String agentName(String symbol) {
    return "desk/" + symbol;
  }

  private final String symbol;
  private final MetaController meta;
  private final SpecialistLineup lineup;
  private final ActorRef<PerformanceCommand> performance;
  /** Each seat's host, by seat key. */
  private final Map<String, ActorRef<SpecialistCommand>> specialists = new LinkedHashMap<>();
  private final ActorRef<Evaluated> answerTo;
  private final List<Evaluated> answers = new ArrayList<>(4);
  /** Swaps that arrived while a bar was being answered, taken right after its decision. */
  private final List<DeskCommand.Swap> deferred = new ArrayList<>(0);
  private Bar current;
  private ActorRef<DeskCommand.Decision> replyTo;
  private boolean correlationSpike;
  private TradingState state = TradingState.ACTIVE;

  // Steps ahead (OnSteps): the desk's bars of the window, its specialists' answers, and how far it has decided.
  private final ActorRef<SpecialistCommand.EvaluatedSteps> stepsAnswerTo;
  private final Map<String, SpecialistCommand.EvaluatedSteps> stepAnswers = new java.util.HashMap<>();
  private final Map<String, Signal> windowSignals = new LinkedHashMap<>();
  /** The labels {@link #windowSignals} holds, in its order. */
  private String[] windowLabels = new String[0];
  private List<Bar> window = List.of();
  private List<Boolean> windowSpikes = List.of();
  /** The specialists' answers by seat, in the lineup's order, for the first {@code held} bars of the window. */
  private List<List<Signal>> bySeat = List.of();
  private int held;
  /** The window's next bar to decide; {@code learned}: the meta-controller has learned it and waits for the account. */
  private int next;
  private boolean learned;
  /** Waiting for the specialists' answers to the window. */
  private boolean evaluating;
  /** A specialist took fewer bars than offered (its strategy reads rejections): the coordinator sends one at a time. */
  private boolean oneAtATime;
  private int offered;
  private boolean quiet;
  private ActorRef<DeskCommand.Decisions> stepsReplyTo;

  private DeskActor(
      ActorContext<io.troupe.model.StepMessage> ctx, String symbol, List<SpecialistSpec> specs, Saved saved, ActorRef<PerformanceCommand> performance) {
    super(ctx);
    this.symbol = symbol;
    this.meta = saved.meta();
    this.lineup = saved.lineup();
    this.correlationSpike = saved.correlationSpike();
    this.state = saved.state();
    this.performance = performance;
    // Specialists answer straight to the desk: its own reference, narrowed to the answer's type.
    this.answerTo = ctx.getSelf().narrow();
    this.stepsAnswerTo = ctx.getSelf().narrow();
    Map<String, SpecialistSpec> byKey = new LinkedHashMap<>();
    for (SpecialistSpec s : specs) byKey.put(s.name(), s);
    for (SpecialistLineup.Seat seat : lineup.seats()) {
      SpecialistSpec spec = byKey.get(seat.key());
      if (spec == null) throw new IllegalStateException("desk " + symbol + ": no strategy for its specialist " + seat.key());
      spawn(seat.key(), spec.strategy());
    }
  }

  private void spawn(String key, Supplier<Strategy> strategies) {
    // A swapped-in seat's key (NAME~n) cannot be another's name: '~' is in no specialist's name.
    specialists.put(key, getContext().spawn(SpecialistActor.supervised(key, symbol, strategies), "specialist-" + key));
  }

  @Override
  public Receive<io.troupe.model.StepMessage> createReceive() {
    return newReceiveBuilder()
        .onMessage(DeskCommand.OnSteps.class, this::onSteps)
        .onMessage(SpecialistCommand.EvaluatedSteps.class, this::onStepsAnswer)
        .onMessage(OnBar.class, this::onBar)
        .onMessage(Evaluated.class, this::onAnswer)
        .onMessage(DeskCommand.Swap.class, this::onSwap)
        .onMessage(DeskCommand.GetLineup.class, g -> {
          g.replyTo().tell(new DeskCommand.Lineup(symbol, describeLineup()));
          return this;
        })
        .onMessage(DeskCommand.CaptureState.class, c -> {
          // The collector also waits for each of the specialists, however many a swap left.
          c.replyTo().tell(new io.troupe.checkpoint.AgentState(agentName(symbol),
              io.troupe.checkpoint.StateCodec.encode(new Saved(meta, correlationSpike, state, lineup)), specialists.size()));
          for (ActorRef<SpecialistCommand> s : specialists.values()) s.tell(new SpecialistCommand.CaptureState(c.replyTo()));
          return this;
        })
        .onMessage(DeskCommand.GetMetaState.class, g -> {
          g.replyTo().tell(meta.state());
          return this;
        })
        .build();
  }

  private Behavior<io.troupe.model.StepMessage> onBar(OnBar b) {
    if (next < held) throw new IllegalStateException("desk " + symbol + ": a bar sent while it holds bars of a batch");
    current = b.bar();
    replyTo = b.replyTo();
    state = b.state();
    correlationSpike = b.correlationSpike();
    meta.onAccount(b.equity(), b.exposure());
    meta.onTrades(b.closed());
    for (VenueRejection r : b.rejections()) {
      ActorRef<SpecialistCommand> s = specialists.get(lineup.activeKey(r.specialist()));
      if (s != null) s.tell(new SpecialistCommand.OrderRejected(r));
    }
    answers.clear();
    for (ActorRef<SpecialistCommand> s : specialists.values()) s.tell(new SpecialistCommand.Evaluate(b.bar(), answerTo));
    return this;
  }

  private Behavior<io.troupe.model.StepMessage> onAnswer(Evaluated answer) {
    if (current == null || answer.time() != current.time()) return this; // a late answer for an old bar
    if (lineup.seat(answer.specialist()) == null) return this; // from a specialist no longer on the desk
    answers.add(answer);
    if (answers.size() < specialists.size()) return this;
    // Answers arrive in any order; hand them over in the desk's fixed specialist order so reruns agree.
    Map<String, Signal> signals = new LinkedHashMap<>();
    for (SpecialistLineup.Seat seat : lineup.seats()) signals.put(seat.label(), null);
    for (Evaluated e : answers) {
      SpecialistLineup.Seat seat = lineup.seat(e.specialist());
      signals.put(seat.label(), lineup.signal(seat, e.signal()));
    }
    MetaController.Decision d = meta.decide(current, signals, correlationSpike);
    for (SpecialistLineup.Takeover t : lineup.afterDecision(current, signals, meta)) {
      getContext().getLog().info("desk {}: {} took over after the bar at {}", symbol, t.name(), java.time.Instant.ofEpochMilli(current.time()));
      if (t.replacedKey() != null) getContext().stop(specialists.remove(t.replacedKey()));
    }
    if (d.change() != null && performance != null) performance.tell(new PerformanceCommand.RegimeChanged(symbol, d.change()));
    // While halted the specialists and the meta-controller keep learning, but the desk asks for nothing.
    OrderIntent intent = state == TradingState.HALTED || state == TradingState.RECONCILING ? null : d.intent();
    replyTo.tell(new DeskCommand.Decision(current.time(), symbol, intent));
    current = null;
    if (!deferred.isEmpty()) {
      List<DeskCommand.Swap> due = new ArrayList<>(deferred);
      deferred.clear();
      for (DeskCommand.Swap swap : due) onSwap(swap);
    }
    return this;
  }

  // ---- steps ahead ----

  private Behavior<io.troupe.model.StepMessage> onSteps(DeskCommand.OnSteps m) {
    // As for OnBar: the account first, then the bars. A bar learned ahead learned nothing the account could change:
    // no trade of this symbol steered it (single and ensemble modes, or quiet), and rejections reach only strategies
    // that ignore them (one that reads them takes one bar at a time).
    state = m.state();
    meta.onAccount(m.equity(), m.exposure());
    meta.onTrades(m.closed());
    for (VenueRejection r : m.rejections()) {
      ActorRef<SpecialistCommand> s = specialists.get(lineup.activeKey(r.specialist()));
      if (s != null) s.tell(new SpecialistCommand.OrderRejected(r));
    }
    stepsReplyTo = m.replyTo();
    quiet = m.quiet();
    if (m.bars().isEmpty()) {
      if (next >= held) throw new IllegalStateException("desk " + symbol + ": told to go on with no bar held");
      return decideWindow();
    }
    if (next < held || evaluating) throw new IllegalStateException("desk " + symbol + ": new bars sent while it holds bars of a batch");
    window = m.bars();
    windowSpikes = m.spikes();
    next = 0;
    held = 0;
    learned = false;
    // A newcomer in shadow may take its seat after any bar, which changes the seats: one bar at a time meanwhile.
    List<Bar> offer = lineup.hasShadow() ? window.subList(0, 1) : window;
    offered = offer.size();
    evaluating = true;
    stepAnswers.clear();
    for (ActorRef<SpecialistCommand> s : specialists.values()) s.tell(new SpecialistCommand.EvaluateSteps(offer, stepsAnswerTo));
    return this;
  }

  private Behavior<io.troupe.model.StepMessage> onStepsAnswer(SpecialistCommand.EvaluatedSteps a) {
    if (!evaluating || a.time() != window.get(0).time()) return this; // a late answer for an old window
    if (lineup.seat(a.specialist()) == null) return this; // from a specialist no longer on the desk
    stepAnswers.put(a.specialist(), a);
    if (stepAnswers.size() < specialists.size()) return this;
    evaluating = false;
    // Answers arrive in any order; kept in the desk's fixed specialist order so reruns agree.
    List<List<Signal>> seats = new ArrayList<>(lineup.seats().size());
    int n = offered;
    boolean fewer = false;
    for (SpecialistLineup.Seat seat : lineup.seats()) {
      SpecialistCommand.EvaluatedSteps e = stepAnswers.get(seat.key());
      seats.add(e.signals());
      if (e.signals().size() < n) {
        n = e.signals().size();
        if (!e.failed()) fewer = true;
      }
    }
    stepAnswers.clear();
    bySeat = seats;
    held = n;
    oneAtATime = fewer;
    return decideWindow();
  }

  /**
   * Decides the window's next bar with the account as told, then each bar after it that asks for no intent, alone; it
   * stops at the first that would (learned: the next OnSteps brings its account) or at the end of what it holds.
   */
  private Behavior<io.troupe.model.StepMessage> decideWindow() {
    Bar bar = window.get(next);
    MetaController.Decision d;
    if (learned) {
      learned = false;
      d = meta.finish();
    } else {
      correlationSpike = windowSpikes.get(next);
      d = meta.decide(bar, signalsAt(next), correlationSpike);
    }
    afterDecision(bar, d);
    OrderIntent intent = state == TradingState.HALTED || state == TradingState.RECONCILING ? null : d.intent();
    // Read before the bars decided alone below move the readings on; rare (entries only), so always made.
    io.troupe.model.EntryBrief brief = intent != null && !intent.exit() && intent.targetQuantity() != 0 ? meta.brief() : null;
    next++;
    int alone = 0;
    boolean steered = meta.ownTradesSteerChoice() && !(quiet && intent == null);
    if (!steered && !meta.readsAccountEveryBar() && !lineup.hasShadow()) {
      while (next < held) {
        Bar b = window.get(next);
        correlationSpike = windowSpikes.get(next);
        if (meta.learn(b, signalsAt(next), correlationSpike)) {
          learned = true;
          break;
        }
        afterDecision(b, meta.finish());
        next++;
        alone++;
      }
    }
    boolean holding = next < held;
    stepsReplyTo.tell(new DeskCommand.Decisions(bar.time(), symbol, intent, alone, holding, !oneAtATime, brief));
    if (!holding) {
      window = List.of();
      windowSpikes = List.of();
      bySeat = List.of();
      next = 0;
      held = 0;
      takeDeferredSwaps();
    }
    return this;
  }

  /** The window's signals for bar {@code i}, by label in the desk's fixed specialist order (one map, reused). */
  private Map<String, Signal> signalsAt(int i) {
    List<SpecialistLineup.Seat> seats = lineup.seats();
    // The same labels as the last bar's (most bars): each value is replaced in place, which leaves the map a clear
    // and refill would, without making its entries again.
    boolean sameLabels = windowLabels.length == seats.size();
    for (int k = 0; sameLabels && k < seats.size(); k++) sameLabels = windowLabels[k] == seats.get(k).label();
    if (!sameLabels) {
      windowSignals.clear();
      windowLabels = new String[seats.size()];
      for (int k = 0; k < seats.size(); k++) windowLabels[k] = seats.get(k).label();
    }
    for (int k = 0; k < seats.size(); k++) {
      SpecialistLineup.Seat seat = seats.get(k);
      windowSignals.put(seat.label(), lineup.signal(seat, bySeat.get(k).get(i)));
    }
    return windowSignals;
  }

  private void afterDecision(Bar bar, MetaController.Decision d) {
    for (SpecialistLineup.Takeover t : lineup.afterDecision(bar, windowSignals, meta)) {
      getContext().getLog().info("desk {}: {} took over after the bar at {}", symbol, t.name(), java.time.Instant.ofEpochMilli(bar.time()));
      if (t.replacedKey() != null) getContext().stop(specialists.remove(t.replacedKey()));
    }
    if (d.change() != null && performance != null) performance.tell(new PerformanceCommand.RegimeChanged(symbol, d.change()));
  }

  private void takeDeferredSwaps() {
    if (deferred.isEmpty()) return;
    List<DeskCommand.Swap> due = new ArrayList<>(deferred);
    deferred.clear();
    for (DeskCommand.Swap swap : due) onSwap(swap);
  }

  /** Between steps: the lineup decides what the swap changes; the desk starts and stops the specialists it names. */
  private Behavior<io.troupe.model.StepMessage> onSwap(DeskCommand.Swap s) {
    if (current != null || evaluating || next < held) {
      // A bar is being answered: its seats are fixed until the decision; the swap waits for the boundary.
      deferred.add(s);
      return this;
    }
    SpecialistSwap swap = s.swap();
    SpecialistLineup.Admission a;
    Supplier<Strategy> strategies = swap.definition() == null ? null : swap.definition().strategies(swap.name());
    try {
      a = lineup.apply(swap, strategies == null ? 0 : strategies.get().warmUpBars(), meta);
    } catch (io.troupe.model.InvalidInputException e) {
      getContext().getLog().warn("desk {}: refused to {}: {}", symbol, swap.describe(), e.getMessage());
      if (s.replyTo() != null) s.replyTo().tell(new DeskCommand.SwapAnswer(symbol, swap.name(), false, e.getMessage(), describeLineup()));
      return this;
    }
    for (String key : a.stopped()) getContext().stop(specialists.remove(key));
    if (a.started() != null) {
      spawn(a.started().key(), strategies);
      if (!a.warmUp().isEmpty()) specialists.get(a.started().key()).tell(new SpecialistCommand.WarmUp(List.copyOf(a.warmUp())));
    }
    getContext().getLog().info("desk {}: {}", symbol, a.message());
    if (s.replyTo() != null) s.replyTo().tell(new DeskCommand.SwapAnswer(symbol, swap.name(), true, a.message(), describeLineup()));
    return this;
  }

  private List<String> describeLineup() {
    List<String> out = new ArrayList<>();
    for (SpecialistLineup.Seat seat : lineup.seats()) out.add(seat.role() == SpecialistLineup.Role.ACTIVE ? seat.name() : seat.name() + " (shadow)");
    return out;
  }
}
