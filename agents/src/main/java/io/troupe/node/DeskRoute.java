package io.troupe.node;

import io.troupe.desk.DeskCommand;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How the step coordinator reaches each symbol's desk: one code path for a desk that is a child of the node (one
 * process) and one that is a sharded entity on another cluster member. The coordinator only tells; every answer comes
 * back to its own reference, wherever the desk lives.
 */
public interface DeskRoute {

  /** The symbols with a desk, sorted. */
  Set<String> symbols();

  /** Tells {@code symbol}'s desk; the symbol is one of {@link #symbols()}. */
  void tell(String symbol, DeskCommand command);

  /** The desks that are this node's own children, by symbol (empty when they live elsewhere): their failures are the node's. */
  Map<String, ActorRef<DeskCommand>> local();

  /**
   * Every desk by symbol, as monitoring reads and operator controls reach it: the node's children, or, for desks that
   * live on other members, a reference that hands each command on to the desk wherever it lives.
   */
  default Map<String, ActorRef<DeskCommand>> reachable() {
    return local();
  }

  /** The symbol whose desk is {@code ref}, if it is one of this node's children; null otherwise. */
  default String symbolOf(ActorRef<?> ref) {
    for (var e : local().entrySet()) if (e.getValue().equals(ref)) return e.getKey();
    return null;
  }

  /** Builds the route once the node's account group exists (a desk tells its regime changes to the tracker). */
  interface Factory {
    DeskRoute start(org.apache.pekko.actor.typed.javadsl.ActorContext<?> ctx, NodeSettings settings,
        io.troupe.checkpoint.NodeCheckpoint checkpoint, ActorRef<io.troupe.performance.PerformanceCommand> performance);
  }

  /** The desks as children of the node, one per symbol, watched. */
  static DeskRoute of(Map<String, ActorRef<DeskCommand>> desks) {
    return new Local(Map.copyOf(desks), java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(desks.keySet())));
  }

  /** The route {@link TradingNode} starts when nothing else is asked for: every desk a child of the node. */
  Factory CHILDREN = (ctx, settings, checkpoint, performance) -> {
    Map<String, ActorRef<DeskCommand>> desks = new java.util.TreeMap<>();
    for (String symbol : new java.util.TreeSet<>(settings.specialistsBySymbol().keySet())) {
      desks.put(symbol, TradingNode.initDesk(ctx, settings, symbol, checkpoint, performance));
    }
    return of(desks);
  };

  /** Desks that are children of the node. */
  record Local(Map<String, ActorRef<DeskCommand>> local, Set<String> symbols) implements DeskRoute {
    @Override
    public void tell(String symbol, DeskCommand command) {
      local.get(symbol).tell(command);
    }
  }
}
