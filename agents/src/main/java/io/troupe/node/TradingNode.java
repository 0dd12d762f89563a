package io.troupe.node;

import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.desk.DeskActor;
import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.desk.DeskCommand;
import io.troupe.desk.SpecialistLineup;
import io.troupe.performance.PerformanceCommand;
import io.troupe.regime.CorrelationMonitor;
import io.troupe.specialist.SpecialistActor;
import io.troupe.strategy.Strategy;
import io.troupe.venue.VenueCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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
    return create(settings, venue, checkpoint, wrap, desks, null);
  }

  /**
   * As above, with the LLM adviser {@code adviser} (null: none) reviewing the desks' entries before risk, as the
   * coordinator's child ({@link io.troupe.adviser.AdviserActor}).
   */
  public static Behavior<NodeCommand> create(NodeSettings settings, Behavior<VenueCommand> venue, NodeCheckpoint checkpoint, AccountGroup.Wrapper wrap,
      DeskRoute.Factory desks, Behavior<io.troupe.adviser.AdviserCommand> adviser) {
    return Behaviors.<io.troupe.model.StepMessage>setup(ctx -> {
      AccountGroup.Agents account = AccountGroup.init(ctx, settings, venue, checkpoint, wrap);
      DeskRoute route = desks.start(ctx, settings, checkpoint, account.performance());
      StepCoordinator.Saved saved = checkpoint == null ? null : checkpoint.state("node", StepCoordinator.Saved.class);
      // With several symbols, a jump in their returns' correlation is a stress sign every desk's regime hears of.
      CorrelationMonitor correlations = saved == null && route.symbols().size() > 1 ? CorrelationMonitor.of(List.copyOf(route.symbols()), settings.meta().regime()) : null;
      ActorRef<io.troupe.adviser.AdviserCommand> advising = null;
      if (adviser != null) {
        advising = ctx.spawn(adviser, io.troupe.adviser.AdviserActor.NAME);
        ctx.watch(advising);
      }
      return new StepCoordinator(ctx, account, route, settings.swaps().scheduled(), settings.initialCash(), saved, correlations, advising);
    }).narrow();
  }

  /**
   * Starts one symbol's desk (its meta-controller and specialists) as a child of {@code ctx}, watched; from
   * {@code checkpoint} when there is one. It talks to nothing but the coordinator and, for regime changes, the
   * performance tracker.
   */
  public static ActorRef<DeskCommand> initDesk(
      ActorContext<?> ctx, NodeSettings settings, String symbol, NodeCheckpoint checkpoint, ActorRef<PerformanceCommand> performance) {
    ActorRef<DeskCommand> ref = ctx.spawn(desk(settings, symbol, checkpoint, performance), "desk-" + symbol.replaceAll("[^A-Za-z0-9_-]", "_"));
    ctx.watch(ref);
    return ref;
  }

  /**
   * {@code symbol}'s desk: fresh from the settings, or continuing from {@code checkpoint} (the whole node's, or only the
   * desk's part, {@link #deskPart}), wherever it is spawned: a child of the node, or a sharded entity on a desk member.
   */
  public static Behavior<DeskCommand> desk(NodeSettings settings, String symbol, NodeCheckpoint checkpoint, ActorRef<PerformanceCommand> performance) {
    List<SpecialistSpec> specs = settings.specialistsBySymbol().get(symbol);
    if (checkpoint == null) return DeskActor.create(symbol, specs, settings.metaController(symbol), settings.swaps(), performance);
    DeskActor.Saved saved = checkpoint.state(DeskActor.agentName(symbol), DeskActor.Saved.class);
    return DeskActor.restore(symbol, restoredSpecialists(symbol, specs, saved.lineup(), checkpoint), saved, performance);
  }

  /** What {@link #desk} needs of a checkpoint for {@code symbol}'s desk: the desk's own state and its specialists'. */
  public static NodeCheckpoint deskPart(NodeCheckpoint checkpoint, String symbol) {
    String specialists = SpecialistActor.agentName(symbol, "");
    return checkpoint.only(name -> name.equals(DeskActor.agentName(symbol)) || name.startsWith(specialists));
  }

  /**
   * Each seat of the desk's lineup starts from its checkpointed strategy; should it fail later, its restarts get fresh
   * ones: from the node's settings for the specialists it was built with, from its definition for a swapped-in one.
   */
  private static List<SpecialistSpec> restoredSpecialists(String symbol, List<SpecialistSpec> specs, SpecialistLineup lineup, NodeCheckpoint checkpoint) {
    Map<String, SpecialistSpec> byName = new TreeMap<>();
    for (SpecialistSpec spec : specs) byName.put(spec.name(), spec);
    List<SpecialistSpec> out = new ArrayList<>(lineup.seats().size());
    for (SpecialistLineup.Seat seat : lineup.seats()) {
      Supplier<Strategy> fresh = seat.definition() == null ? byName.get(seat.key()).strategy() : seat.definition().strategies(seat.name());
      Strategy restored = checkpoint.state(SpecialistActor.agentName(symbol, seat.key()), Strategy.class);
      AtomicBoolean used = new AtomicBoolean();
      out.add(new SpecialistSpec(seat.key(), () -> used.getAndSet(true) ? fresh.get() : restored));
    }
    return out;
  }

  private TradingNode() {}
}
