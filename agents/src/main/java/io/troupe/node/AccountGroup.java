package io.troupe.node;

import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.order.OrderManagerActor;
import io.troupe.order.OrderManagerCommand;
import io.troupe.performance.PerformanceCommand;
import io.troupe.performance.PerformanceTrackerActor;
import io.troupe.position.PositionCommand;
import io.troupe.position.PositionKeeper;
import io.troupe.position.PositionMonitorActor;
import io.troupe.risk.RiskCommand;
import io.troupe.risk.RiskSupervisorActor;
import io.troupe.venue.VenueCommand;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The account group: the agents there is one of per account (the venue connection, the order manager, the position
 * monitor, the risk supervisor and the performance tracker). Started by one {@link #init}, apart from the desks; they
 * share no object with the desks, only messages through the step coordinator. This is the unit a cluster runs as one
 * singleton.
 */
public final class AccountGroup {

  /** The group's agents. */
  public record Agents(
      ActorRef<VenueCommand> venue,
      ActorRef<OrderManagerCommand> orders,
      ActorRef<PositionCommand> positions,
      ActorRef<RiskCommand> risk,
      ActorRef<PerformanceCommand> performance) {}

  /** Wraps an agent's behavior before it is spawned (tests inject failures with it); {@link #NONE} leaves it. */
  public interface Wrapper {
    <T> Behavior<T> wrap(String name, Behavior<T> behavior);
  }

  public static final Wrapper NONE = new Wrapper() {
    @Override
    public <T> Behavior<T> wrap(String name, Behavior<T> behavior) {
      return behavior;
    }
  };

  /**
   * Spawns the group as children of {@code ctx} ({@code checkpoint} null: a fresh start). The venue is the caller's to
   * restore: a real venue keeps its own state, a simulated one is rebuilt from the checkpoint's {@code venue} entry.
   * Every agent is watched by {@code ctx}: a failure stops it, and the node halts trading.
   */
  public static Agents init(ActorContext<?> ctx, NodeSettings settings, Behavior<VenueCommand> venueBehavior, NodeCheckpoint checkpoint, Wrapper wrap) {
    boolean restore = checkpoint != null;
    ActorRef<VenueCommand> venue = ctx.spawn(wrap.wrap("venue", venueBehavior), "venue");
    ActorRef<PerformanceCommand> performance = ctx.spawn(wrap.wrap("performance",
        restore ? PerformanceTrackerActor.restore(checkpoint.state("performance", PerformanceTrackerActor.Saved.class), settings.history())
            : PerformanceTrackerActor.create(settings.history())),
        "performance");
    ActorRef<PositionCommand> positions = ctx.spawn(wrap.wrap("positions",
        PositionMonitorActor.create(restore ? checkpoint.state("positions", PositionKeeper.class) : settings.positionKeeper())), "positions");
    ActorRef<OrderManagerCommand> orders = ctx.spawn(wrap.wrap("orders",
        restore ? OrderManagerActor.restore(venue, checkpoint.state("orders", OrderManagerActor.Saved.class))
            : OrderManagerActor.create(venue, settings.orderFlow())),
        "orders");
    ActorRef<RiskCommand> risk = ctx.spawn(wrap.wrap("risk",
        restore ? RiskSupervisorActor.restore(checkpoint.state("risk", RiskSupervisorActor.Saved.class)) : RiskSupervisorActor.create(settings.riskDesk())),
        "risk");
    Agents agents = new Agents(venue, orders, positions, risk, performance);
    ctx.watch(venue);
    ctx.watch(orders);
    ctx.watch(positions);
    ctx.watch(risk);
    ctx.watch(performance);
    return agents;
  }

  /** What a person calls the agent at {@code ref}, for an error. */
  static String describe(Agents a, ActorRef<?> ref) {
    if (ref.equals(a.risk())) return "the risk supervisor";
    if (ref.equals(a.orders())) return "the order manager";
    if (ref.equals(a.positions())) return "the position monitor";
    if (ref.equals(a.venue())) return "the venue connection";
    if (ref.equals(a.performance())) return "the performance tracker";
    return ref.path().name();
  }

  private AccountGroup() {}
}
