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
    return restore(symbol, specialists, new Saved(meta, false, TradingState.ACTIVE), performance);
  }

  /** What a checkpoint keeps of a desk between steps (its specialists keep their own). */
  public record Saved(MetaController meta, boolean correlationSpike, TradingState state) {}

  /**
   * The desk as it was when {@code saved} was captured; {@code specialists} supply the strategies, restored ones first
   * (a restarted specialist still gets a fresh strategy from its spec).
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
  private final ActorRef<PerformanceCommand> performance;
  private final Map<String, ActorRef<SpecialistCommand>> specialists = new LinkedHashMap<>();
  private final ActorRef<Evaluated> answerTo;
  private final List<Evaluated> answers = new ArrayList<>(4);
  private Bar current;
  private ActorRef<DeskCommand.Decision> replyTo;
  private boolean correlationSpike;
  private TradingState state = TradingState.ACTIVE;

  private DeskActor(
      ActorContext<io.troupe.model.StepMessage> ctx, String symbol, List<SpecialistSpec> specs, Saved saved, ActorRef<PerformanceCommand> performance) {
    super(ctx);
    this.symbol = symbol;
    this.meta = saved.meta();
    this.correlationSpike = saved.correlationSpike();
    this.state = saved.state();
    this.performance = performance;
    // Specialists answer straight to the desk: its own reference, narrowed to the answer's type.
    this.answerTo = ctx.getSelf().narrow();
    for (SpecialistSpec s : specs) {
      specialists.put(s.name(), ctx.spawn(SpecialistActor.supervised(s.name(), symbol, s.strategy()), "specialist-" + s.name()));
    }
  }

  @Override
  public Receive<io.troupe.model.StepMessage> createReceive() {
    return newReceiveBuilder()
        .onMessage(OnBar.class, this::onBar)
        .onMessage(Evaluated.class, this::onAnswer)
        .onMessage(DeskCommand.CaptureState.class, c -> {
          c.replyTo().tell(new io.troupe.checkpoint.AgentState(agentName(symbol), io.troupe.checkpoint.StateCodec.encode(new Saved(meta, correlationSpike, state))));
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
      ActorRef<SpecialistCommand> s = specialists.get(r.specialist());
      if (s != null) s.tell(new SpecialistCommand.OrderRejected(r));
    }
    answers.clear();
    for (ActorRef<SpecialistCommand> s : specialists.values()) s.tell(new SpecialistCommand.Evaluate(b.bar(), answerTo));
    return this;
  }

  private Behavior<io.troupe.model.StepMessage> onAnswer(Evaluated answer) {
    if (current == null || answer.time() != current.time()) return this; // a late answer for an old bar
    answers.add(answer);
    if (answers.size() < specialists.size()) return this;
    // Answers arrive in any order; hand them over in the desk's fixed specialist order so reruns agree.
    Map<String, Signal> signals = new LinkedHashMap<>();
    for (String name : specialists.keySet()) signals.put(name, null);
    for (Evaluated e : answers) signals.put(e.specialist(), e.signal());
    MetaController.Decision d = meta.decide(current, signals, correlationSpike);
    if (d.change() != null && performance != null) performance.tell(new PerformanceCommand.RegimeChanged(symbol, d.change()));
    // While halted the specialists and the meta-controller keep learning, but the desk asks for nothing.
    OrderIntent intent = state == TradingState.HALTED ? null : d.intent();
    replyTo.tell(new DeskCommand.Decision(current.time(), symbol, intent));
    current = null;
    return this;
  }
}
