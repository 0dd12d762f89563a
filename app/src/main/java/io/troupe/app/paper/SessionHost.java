package io.troupe.app.paper;

import com.typesafe.config.Config;
import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.node.NodeCommand;
import io.troupe.node.NodeSettings;
import io.troupe.node.TradingNode;
import io.troupe.venue.VenueCommand;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Where a paper session's actor system and trading node run: in one process ({@link #LOCAL}), or on a cluster member
 * whose trading node is the account singleton, its desks sharded over other members. The session's journal, its feed
 * and its API stay with the runner's actor system either way; it drives and asks the node the same way.
 */
public interface SessionHost {

  /** The session's actor system, from {@code systemConfig} (the journal's and the session's configuration). */
  ActorSystem<Void> start(Config systemConfig);

  /** The trading node on {@code system}: from {@code checkpoint}, or fresh when it is null. */
  ActorRef<NodeCommand> node(ActorSystem<Void> system, NodeSettings node, Behavior<VenueCommand> venue, NodeCheckpoint checkpoint);

  /**
   * As above, with the LLM adviser {@code adviser} (null: none) between the desks and risk: only a node in this process
   * takes one.
   */
  default ActorRef<NodeCommand> node(ActorSystem<Void> system, NodeSettings node, Behavior<VenueCommand> venue, NodeCheckpoint checkpoint,
      Behavior<io.troupe.adviser.AdviserCommand> adviser) {
    if (adviser != null) throw new io.troupe.model.InvalidInputException("troupe.adviser: the adviser runs in a one-process paper session only");
    return node(system, node, venue, checkpoint);
  }

  /**
   * Completes, with what was lost, when the node's desks lost their state outside this process (a desk member of a
   * cluster went); the session then rebuilds its node from the journal. Never, in one process. Each {@link #node}
   * starts watching afresh.
   */
  default java.util.concurrent.CompletableFuture<String> desksLost() {
    return new java.util.concurrent.CompletableFuture<>(); // a loss that never comes, the caller's own
  }

  /**
   * The session ran its last step and its node is idle: a host that has something to say of the run says it (a
   * cluster's feed: how the desks got their bars). Nothing, in one process.
   */
  default void ended(ActorSystem<Void> system, java.util.Set<String> symbols) {}

  /** One process: the node a system actor of the session's own actor system. */
  SessionHost LOCAL = new SessionHost() {
    @Override
    public ActorSystem<Void> start(Config systemConfig) {
      return ActorSystem.create(Behaviors.empty(), "troupe", systemConfig);
    }

    @Override
    public ActorRef<NodeCommand> node(ActorSystem<Void> system, NodeSettings node, Behavior<VenueCommand> venue, NodeCheckpoint checkpoint) {
      return node(system, node, venue, checkpoint, null);
    }

    @Override
    public ActorRef<NodeCommand> node(ActorSystem<Void> system, NodeSettings node, Behavior<VenueCommand> venue, NodeCheckpoint checkpoint,
        Behavior<io.troupe.adviser.AdviserCommand> adviser) {
      return system.systemActorOf(
          TradingNode.create(node, venue, checkpoint, io.troupe.node.AccountGroup.NONE, io.troupe.node.DeskRoute.CHILDREN, adviser), "node", Props.empty());
    }
  };
}
