package io.troupe.performance;

import io.troupe.model.HistoryWindow;
import io.troupe.performance.PerformanceCommand.GetStats;
import io.troupe.performance.PerformanceCommand.RegimeChanged;
import io.troupe.performance.PerformanceCommand.RegimePoint;
import io.troupe.performance.PerformanceCommand.Stats;
import io.troupe.performance.PerformanceCommand.TradesClosed;
import io.troupe.model.RoundTrip;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Per-specialist, per-symbol and per-regime statistics of closed trades (the regime a trade is counted under is its
 * symbol's confirmed regime at entry), and each symbol's regime timeline, for reports and the edge table.
 */
public final class PerformanceTrackerActor extends AbstractBehavior<PerformanceCommand> {

  public static Behavior<PerformanceCommand> create() {
    return create(HistoryWindow.WHOLE_RUN);
  }

  /** @param history how many regime changes of each symbol are kept (the latest) */
  public static Behavior<PerformanceCommand> create(HistoryWindow history) {
    return restore(new Saved(Map.of(), Map.of(), Map.of(), Map.of()), history);
  }

  /** What a checkpoint keeps: the statistics and the regime timelines. */
  public record Saved(
      Map<String, SpecialistStats> bySpecialist, Map<String, SpecialistStats> bySymbol, Map<String, SpecialistStats> byRegime,
      Map<String, List<RegimePoint>> regimes) {}

  public static Behavior<PerformanceCommand> restore(Saved saved) {
    return restore(saved, HistoryWindow.WHOLE_RUN);
  }

  public static Behavior<PerformanceCommand> restore(Saved saved, HistoryWindow history) {
    return Behaviors.setup(ctx -> new PerformanceTrackerActor(ctx, saved, history));
  }

  private final Map<String, SpecialistStats> bySpecialist = new TreeMap<>();
  private final Map<String, SpecialistStats> bySymbol = new TreeMap<>();
  private final Map<String, SpecialistStats> byRegime = new TreeMap<>();
  private final RegimeChanges regimes;

  private PerformanceTrackerActor(ActorContext<PerformanceCommand> ctx, Saved saved, HistoryWindow history) {
    super(ctx);
    bySpecialist.putAll(saved.bySpecialist());
    bySymbol.putAll(saved.bySymbol());
    byRegime.putAll(saved.byRegime());
    regimes = RegimeChanges.of(saved.regimes(), history.size());
  }

  @Override
  public Receive<PerformanceCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(TradesClosed.class, this::onTrades)
        .onMessage(RegimeChanged.class, r -> {
          regimes.add(r.symbol(), new RegimePoint(r.change().time(), r.change().to()));
          return this;
        })
        .onMessage(PerformanceCommand.CaptureState.class, c -> {
          Saved saved = new Saved(new TreeMap<>(bySpecialist), new TreeMap<>(bySymbol), new TreeMap<>(byRegime), regimes.timelines());
          c.replyTo().tell(new io.troupe.checkpoint.AgentState("performance", io.troupe.checkpoint.StateCodec.encode(saved)));
          return this;
        })
        .onMessage(GetStats.class, g -> {
          g.replyTo().tell(new Stats(new TreeMap<>(bySpecialist), new TreeMap<>(bySymbol), new TreeMap<>(byRegime), regimes.timelines()));
          return this;
        })
        .build();
  }

  private Behavior<PerformanceCommand> onTrades(TradesClosed t) {
    for (RoundTrip trip : t.trades()) {
      bySpecialist.merge(trip.specialist(), SpecialistStats.empty().add(trip), (a, b) -> a.add(trip));
      bySymbol.merge(trip.symbol(), SpecialistStats.empty().add(trip), (a, b) -> a.add(trip));
      byRegime.merge(regimes.at(trip.symbol(), trip.entryTime()), SpecialistStats.empty().add(trip), (a, b) -> a.add(trip));
    }
    return this;
  }
}
