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
    OrderIntent intent = state == TradingState.HALTED ? null : d.intent();
    replyTo.tell(new DeskCommand.Decision(current.time(), symbol, intent));
    current = null;
    if (!deferred.isEmpty()) {
      List<DeskCommand.Swap> due = new ArrayList<>(deferred);
      deferred.clear();
      for (DeskCommand.Swap swap : due) onSwap(swap);
    }
    return this;
  }

  /** Between steps: the lineup decides what the swap changes; the desk starts and stops the specialists it names. */
  private Behavior<io.troupe.model.StepMessage> onSwap(DeskCommand.Swap s) {
    if (current != null) {
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
