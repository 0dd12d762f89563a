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

  /** A started node: the actor system to stop at the end, and the node the feed drives. */
  record Started(ActorSystem<?> system, ActorRef<NodeCommand> node) {}

  Started start(NodeSettings node, Behavior<VenueCommand> venue, Config systemConfig);

  /** The node as the guardian of an actor system of its own: no remoting, no serialization. */
  NodeHost LOCAL = (node, venue, config) -> {
    ActorSystem<NodeCommand> system = ActorSystem.create(TradingNode.create(node, venue), "troupe", config);
    return new Started(system, system);
  };
}
