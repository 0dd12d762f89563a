package io.troupe.node;

import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.desk.DeskActor;
import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.desk.DeskCommand;
import io.troupe.performance.PerformanceCommand;
import io.troupe.regime.CorrelationMonitor;
import io.troupe.specialist.SpecialistActor;
import io.troupe.strategy.Strategy;
import io.troupe.venue.VenueCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A trading node: the account group ({@link AccountGroup#init}), one desk per symbol ({@link #initDesk}), and the
 * {@link StepCoordinator} that drives them one event-time step at a time, as the node's guardian. Every agent is
 * watched: a failing specialist is restarted by its desk; a failure anywhere else halts trading.
 */
public final class TradingNode {

  public static Behavior<NodeCommand> create(NodeSettings settings, Behavior<VenueCommand> venue) {
    return create(settings, venue, null);
  }

  /**
   * A node whose agents continue from {@code checkpoint} (null: a fresh start). The venue is the caller's to restore:
   * a real venue keeps its own state, a simulated one is rebuilt from the checkpoint's {@code venue} entry.
   */
  public static Behavior<NodeCommand> create(NodeSettings settings, Behavior<VenueCommand> venue, NodeCheckpoint checkpoint) {
    return create(settings, venue, checkpoint, AccountGroup.NONE);
  }

  /** As above, with each account agent's behavior passed through {@code wrap} first (tests inject failures). */
  public static Behavior<NodeCommand> create(NodeSettings settings, Behavior<VenueCommand> venue, NodeCheckpoint checkpoint, AccountGroup.Wrapper wrap) {
    return create(settings, venue, checkpoint, wrap, DeskRoute.CHILDREN);
  }

  /**
   * As above, with the desks reached through the route {@code desks} starts: the node's own children
   * ({@link DeskRoute#CHILDREN}), or sharded entities on other cluster members.
   */
  public static Behavior<NodeCommand> create(
      NodeSettings settings, Behavior<VenueCommand> venue, NodeCheckpoint checkpoint, AccountGroup.Wrapper wrap, DeskRoute.Factory desks) {
    return Behaviors.<io.troupe.model.StepMessage>setup(ctx -> {
      AccountGroup.Agents account = AccountGroup.init(ctx, settings, venue, checkpoint, wrap);
      DeskRoute route = desks.start(ctx, settings, checkpoint, account.performance());
      int specialists = 0;
      for (List<SpecialistSpec> specs : settings.specialistsBySymbol().values()) specialists += specs.size();
      StepCoordinator.Saved saved = checkpoint == null ? null : checkpoint.state("node", StepCoordinator.Saved.class);
      // With several symbols, a jump in their returns' correlation is a stress sign every desk's regime hears of.
      CorrelationMonitor correlations = saved == null && route.symbols().size() > 1 ? CorrelationMonitor.of(List.copyOf(route.symbols()), settings.meta().regime()) : null;
      return new StepCoordinator(ctx, account, route, specialists, settings.initialCash(), saved, correlations);
    }).narrow();
  }

  /**
   * Starts one symbol's desk (its meta-controller and specialists) as a child of {@code ctx}, watched; from
   * {@code checkpoint} when there is one. It talks to nothing but the coordinator and, for regime changes, the
   * performance tracker.
   */
  public static ActorRef<DeskCommand> initDesk(
      ActorContext<?> ctx, NodeSettings settings, String symbol, NodeCheckpoint checkpoint, ActorRef<PerformanceCommand> performance) {
    List<SpecialistSpec> specs = settings.specialistsBySymbol().get(symbol);
    Behavior<DeskCommand> desk = checkpoint != null
        ? DeskActor.restore(symbol, restoredSpecialists(symbol, specs, checkpoint), checkpoint.state(DeskActor.agentName(symbol), DeskActor.Saved.class), performance)
        : DeskActor.create(symbol, specs, settings.metaController(symbol), performance);
    ActorRef<DeskCommand> ref = ctx.spawn(desk, "desk-" + symbol.replaceAll("[^A-Za-z0-9_-]", "_"));
    ctx.watch(ref);
    return ref;
  }

  /** Each specialist starts from its checkpointed strategy; should it fail later, its restarts get fresh ones. */
  private static List<SpecialistSpec> restoredSpecialists(String symbol, List<SpecialistSpec> specs, NodeCheckpoint checkpoint) {
    List<SpecialistSpec> out = new ArrayList<>(specs.size());
    for (SpecialistSpec spec : specs) {
      Strategy restored = checkpoint.state(SpecialistActor.agentName(symbol, spec.name()), Strategy.class);
      AtomicBoolean used = new AtomicBoolean();
      out.add(new SpecialistSpec(spec.name(), () -> used.getAndSet(true) ? spec.strategy().get() : restored));
    }
    return out;
  }

  private TradingNode() {}
}
