package io.troupe.app.backtest;

import com.typesafe.config.Config;
import io.troupe.node.NodeCommand;
import io.troupe.node.NodeSettings;
import io.troupe.node.TradingNode;
import io.troupe.venue.VenueCommand;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Where a run's trading node runs: in one process as its actor system's guardian ({@link #LOCAL}), or as a cluster's
 * account singleton with the desks sharded over other members. The runner feeds and asks the node the same way.
 */
public interface NodeHost {

  /**
   * A started node: the actor system it runs in, the node the feed drives, and what ends it at the run's end (the
   * system's stop, or only the node's when the system serves further runs).
   */
  record Started(ActorSystem<?> system, ActorRef<NodeCommand> node, Runnable stop) {

    /** A node that ends with its own actor system. */
    public Started(ActorSystem<?> system, ActorRef<NodeCommand> node) {
      this(system, node, () -> terminate(system));
    }
  }

  Started start(NodeSettings node, Behavior<VenueCommand> venue, Config systemConfig);

  /**
   * Completes, naming what went, when the desks of the node started last lost their state with a cluster member (never
   * in one process): that run's steps can no longer be answered as they would have been, so the run starts again.
   */
  default java.util.concurrent.CompletableFuture<String> desksLost() {
    return new java.util.concurrent.CompletableFuture<>(); // a loss that never comes, the caller's own
  }

  /** Told when a run starts its node again from the first bar after {@link #desksLost}: says so where the host reports. */
  default void runsAgain(String lost, int run) {}

  /**
   * As above, with the LLM adviser {@code adviser} (null: none) between the desks and risk. Only a node in one process
   * takes one: elsewhere it is refused.
   */
  default Started start(NodeSettings node, Behavior<VenueCommand> venue, Behavior<io.troupe.adviser.AdviserCommand> adviser, Config systemConfig) {
    if (adviser != null) throw new io.troupe.model.InvalidInputException("troupe.adviser: the adviser runs in a one-process backtest or paper session only");
    return start(node, venue, systemConfig);
  }

  /** The node as the guardian of an actor system of its own: no remoting, no serialization. */
  NodeHost LOCAL = new NodeHost() {
    @Override
    public Started start(NodeSettings node, Behavior<VenueCommand> venue, Config config) {
      return start(node, venue, null, config);
    }

    @Override
    public Started start(NodeSettings node, Behavior<VenueCommand> venue, Behavior<io.troupe.adviser.AdviserCommand> adviser, Config config) {
      ActorSystem<NodeCommand> system = ActorSystem.create(
          TradingNode.create(node, venue, null, io.troupe.node.AccountGroup.NONE, io.troupe.node.DeskRoute.CHILDREN, adviser), "troupe", config);
      return new Started(system, system);
    }
  };

  /** Stops {@code system} and waits for it, at most 10 s: the run's results are already out, a slow stop changes nothing. */
  static void terminate(ActorSystem<?> system) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // as above
    }
  }
}
