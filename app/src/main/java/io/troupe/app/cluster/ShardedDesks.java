package io.troupe.app.cluster;

import io.troupe.desk.DeskCommand;
import io.troupe.model.StepMessage;
import io.troupe.node.DeskRoute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The desks of a run as sharded entities ({@link DeskEntity}) on the {@code desk} members: the coordinator tells each
 * through its entity reference, and each answers the coordinator directly. Messages from the coordinator to one desk
 * arrive in the order sent, so the desk's {@link DeskEntity.Start} precedes its first bar.
 *
 * <p>The operator's reads and controls (regimes, specialists, a swap) ask a desk through an actor reference: for each
 * symbol a small forwarder, a child of the node, hands every command on to the desk's entity, wherever sharding has
 * it; the desk answers the asker straight back.
 */
final class ShardedDesks implements DeskRoute {

  private final Set<String> symbols;
  private final Map<String, EntityRef<StepMessage>> desks;
  private final Map<String, ActorRef<DeskCommand>> forwarders;
  /** The feed whose topics bring the desks their bars, or null: the bars travel in the step messages. */
  private final FeedRun feed;

  private ShardedDesks(Set<String> symbols, Map<String, EntityRef<StepMessage>> desks, Map<String, ActorRef<DeskCommand>> forwarders, FeedRun feed) {
    this.symbols = symbols;
    this.desks = desks;
    this.forwarders = forwarders;
    this.feed = feed;
  }

  /**
   * Starts each symbol's desk for the run whose {@code troupe} configuration is {@code settings} (HOCON); with
   * {@code feed} (unless null) each desk takes its bars from its symbol's topic, and the step message names them by
   * sequence ({@link DeskEntity.Step}), else the bars travel in the steps.
   */
  static DeskRoute.Factory factory(String settings, FeedRun feed) {
    return (ctx, node, checkpoint, performance) -> {
      ClusterSharding sharding = ClusterSharding.get(ctx.getSystem());
      Set<String> symbols = Collections.unmodifiableSortedSet(new TreeSet<>(node.specialistsBySymbol().keySet()));
      Map<String, EntityRef<StepMessage>> refs = new HashMap<>();
      Map<String, ActorRef<DeskCommand>> forwarders = new TreeMap<>();
      // The node's own reference is the coordinator's: every step's answer comes to it.
      ActorRef<StepMessage> coordinator = ctx.getSelf().unsafeUpcast();
      DeskEntity.Start start = new DeskEntity.Start(settings, new ArrayList<>(symbols), performance, coordinator,
          feed == null ? null : feed.feed(), feed == null ? null : feed.id());
      for (String symbol : symbols) {
        EntityRef<StepMessage> ref = sharding.entityRefFor(DeskEntity.TYPE, symbol);
        // A node continuing from a checkpoint hands each desk its own part, to be decoded on the desk's member.
        ref.tell(start.from(checkpoint == null ? null : io.troupe.node.TradingNode.deskPart(checkpoint, symbol)));
        refs.put(symbol, ref);
        forwarders.put(symbol, ctx.spawn(forwarder(ref), "desk-" + symbol.replaceAll("[^A-Za-z0-9_-]", "_")));
      }
      return new ShardedDesks(symbols, Map.copyOf(refs), Collections.unmodifiableMap(forwarders), feed);
    };
  }

  /** Hands each command on to {@code desk}'s entity. */
  private static Behavior<DeskCommand> forwarder(EntityRef<StepMessage> desk) {
    return Behaviors.receive(DeskCommand.class).onAnyMessage(c -> {
      desk.tell(c);
      return Behaviors.same();
    }).build();
  }

  @Override
  public Set<String> symbols() {
    return symbols;
  }

  @Override
  public void tell(String symbol, DeskCommand command) {
    desks.get(symbol).tell(feed != null && command instanceof DeskCommand.OnSteps s && !s.bars().isEmpty() ? named(s) : command);
  }

  /**
   * The step with its bars named, by sequence and time, rather than carried: the desk has them from its topic, or pulls
   * them from the feed. A bar the front has not numbered (none should be) travels in the step, as without a feed.
   */
  private StepMessage named(DeskCommand.OnSteps s) {
    List<Long> seqs = new ArrayList<>(s.bars().size());
    List<Long> times = new ArrayList<>(s.bars().size());
    for (io.troupe.market.Bar b : s.bars()) {
      Long seq = feed.seqOf(b.time());
      if (seq == null) return s;
      seqs.add(seq);
      times.add(b.time());
    }
    return new DeskEntity.Step(seqs, times, s.withBars(List.of()));
  }

  /** None: the desks are other members' entities, asked through the cluster. */
  @Override
  public Map<String, ActorRef<DeskCommand>> local() {
    return Map.of();
  }

  /** The forwarders to the desks' entities. */
  @Override
  public Map<String, ActorRef<DeskCommand>> reachable() {
    return forwarders;
  }
}
