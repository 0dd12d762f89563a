package io.troupe.performance;

import io.troupe.performance.PerformanceCommand.GetStats;
import io.troupe.performance.PerformanceCommand.Stats;
import io.troupe.performance.PerformanceCommand.TradesClosed;
import io.troupe.position.RoundTrip;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/** Keeps per-specialist and per-symbol statistics of closed trades, for reports and the meta-controller's weights. */
public final class PerformanceTrackerActor extends AbstractBehavior<PerformanceCommand> {

  public static Behavior<PerformanceCommand> create() {
    return Behaviors.setup(PerformanceTrackerActor::new);
  }

  private Map<String, SpecialistStats> bySpecialist = new TreeMap<>();
  private Map<String, SpecialistStats> bySymbol = new TreeMap<>();

  private PerformanceTrackerActor(ActorContext<PerformanceCommand> ctx) {
    super(ctx);
  }

  @Override
  public Receive<PerformanceCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(TradesClosed.class, this::onTrades)
        .onMessage(GetStats.class, g -> {
          g.replyTo().tell(new Stats(new TreeMap<>(bySpecialist), new TreeMap<>(bySymbol)));
          return this;
        })
        .build();
  }

  private Behavior<PerformanceCommand> onTrades(TradesClosed t) {
    for (RoundTrip trip : t.trades()) {
      bySpecialist.merge(trip.specialist(), SpecialistStats.empty().add(trip), (a, b) -> a.add(trip));
      bySymbol.merge(trip.symbol(), SpecialistStats.empty().add(trip), (a, b) -> a.add(trip));
    }
    return this;
  }
}
