package io.troupe.specialist;

import io.troupe.specialist.SpecialistCommand.Evaluate;
import io.troupe.specialist.SpecialistCommand.Evaluated;
import io.troupe.strategy.Signal;
import io.troupe.strategy.Strategy;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Hosts one strategy for one symbol. When the strategy throws, the specialist still answers the bar (as failed, so
 * its desk never waits forever), logs the symbol and the bar, and fails; its supervisor restarts it with backoff and
 * a fresh strategy, and the desk keeps running.
 */
public final class SpecialistActor extends AbstractBehavior<SpecialistCommand> {

  /** The supervised specialist: restarted with backoff on failure; messages during the backoff wait in a stash. */
  public static Behavior<SpecialistCommand> supervised(String name, String symbol, Supplier<Strategy> strategies) {
    return Behaviors.supervise(create(name, symbol, strategies))
        // The specialist logs its own failure with symbol and bar; the supervisor need not repeat it.
        .onFailure(SpecialistFailure.class, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(5), Duration.ofSeconds(1), 0.2).withLoggingEnabled(false));
  }

  public static Behavior<SpecialistCommand> create(String name, String symbol, Supplier<Strategy> strategies) {
    return Behaviors.setup(ctx -> new SpecialistActor(ctx, name, symbol, strategies.get()));
  }

  /** Thrown after answering, so that supervision restarts the specialist with a fresh strategy. */
  public static final class SpecialistFailure extends RuntimeException {
    SpecialistFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final String name;
  private final String symbol;
  private final Strategy strategy;
  /** Its signals may depend on the rejections it is told between bars: it evaluates one bar at a time. */
  private final boolean readsRejections;

  private SpecialistActor(ActorContext<SpecialistCommand> ctx, String name, String symbol, Strategy strategy) {
    super(ctx);
    this.name = name;
    this.symbol = symbol;
    this.strategy = strategy;
    this.readsRejections = readsRejections(strategy);
  }

  /** Whether the strategy does anything with a rejection: it (or the strategy a genome runs) overrides onRejected. */
  static boolean readsRejections(Strategy strategy) {
    if (strategy instanceof StrategySpecialist s) return readsRejections(s.strategy());
    try {
      return strategy.getClass().getMethod("onRejected", io.troupe.model.VenueRejection.class).getDeclaringClass() != Strategy.class;
    } catch (NoSuchMethodException e) {
      return true;
    }
  }

  @Override
  public Receive<SpecialistCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(Evaluate.class, this::onEvaluate)
        .onMessage(SpecialistCommand.EvaluateSteps.class, this::onEvaluateSteps)
        .onMessage(SpecialistCommand.WarmUp.class, this::onWarmUp)
        .onMessage(SpecialistCommand.CaptureState.class, c -> {
          c.replyTo().tell(new io.troupe.checkpoint.AgentState(agentName(symbol, name), io.troupe.checkpoint.StateCodec.encode(strategy)));
          return this;
        })
        .onMessage(SpecialistCommand.OrderRejected.class, r -> {
          getContext().getLog().info("specialist {} on {}: order {} rejected: {}", name, symbol, r.rejection().clientOrderId(), r.rejection().reason());
          strategy.onRejected(r.rejection());
          return this;
        })
        .build();
  }

  /** A specialist's name in a checkpoint. */
  public static String agentName(String symbol, String name) {
    return "specialist/" + symbol + "/" + name;
  }

  private Behavior<SpecialistCommand> onWarmUp(SpecialistCommand.WarmUp w) {
    for (io.troupe.market.Bar bar : w.bars()) {
      try {
        strategy.onBar(bar);
      } catch (RuntimeException ex) {
        getContext().getLog().error("specialist {} on {} failed warming up on bar {}: {}", name, symbol, bar, ex.toString());
        throw new SpecialistFailure("specialist " + name + " on " + symbol + " failed warming up on " + bar, ex);
      }
    }
    return this;
  }

  private Behavior<SpecialistCommand> onEvaluateSteps(SpecialistCommand.EvaluateSteps e) {
    java.util.List<io.troupe.market.Bar> bars = e.bars();
    int n = readsRejections ? 1 : bars.size();
    Signal[] signals = new Signal[n];
    for (int i = 0; i < n; i++) {
      io.troupe.market.Bar bar = bars.get(i);
      try {
        signals[i] = strategy.onBar(bar);
      } catch (RuntimeException ex) {
        // Answered up to the failed bar; the desk asks the restarted specialist for the bars after it.
        e.replyTo().tell(new SpecialistCommand.EvaluatedSteps(name, bars.get(0).time(), java.util.Arrays.asList(java.util.Arrays.copyOf(signals, i + 1)), true));
        getContext().getLog().error("specialist {} on {} failed on bar {}: {}", name, symbol, bar, ex.toString());
        throw new SpecialistFailure("specialist " + name + " on " + symbol + " failed on " + bar, ex);
      }
    }
    e.replyTo().tell(new SpecialistCommand.EvaluatedSteps(name, bars.get(0).time(), java.util.Arrays.asList(signals), false));
    return this;
  }

  private Behavior<SpecialistCommand> onEvaluate(Evaluate e) {
    Signal signal;
    try {
      signal = strategy.onBar(e.bar());
    } catch (RuntimeException ex) {
      e.replyTo().tell(new Evaluated(name, e.bar().time(), null, true));
      getContext().getLog().error("specialist {} on {} failed on bar {}: {}", name, symbol, e.bar(), ex.toString());
      throw new SpecialistFailure("specialist " + name + " on " + symbol + " failed on " + e.bar(), ex);
    }
    e.replyTo().tell(new Evaluated(name, e.bar().time(), signal, false));
    return this;
  }
}
