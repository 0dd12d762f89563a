package io.troupe.app.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.troupe.app.backtest.NodeHost;
import io.troupe.model.InvalidInputException;
import io.troupe.node.AccountGroup;
import io.troupe.node.NodeCommand;
import io.troupe.node.NodeSettings;
import io.troupe.node.TradingNode;
import io.troupe.venue.VenueCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion.ClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * A backtest's node on a cluster: this member (roles account and feed) joins, waits for {@code deskMembers} desk
 * members and their shard regions, places every desk (one symbol at a time, so the shards spread evenly over the desk
 * members before the first bar), and then runs the trading node (the coordinator with the account group) as the
 * account singleton, which reaches the desks through sharding. The run's feed stays on this member and drives the
 * singleton exactly as it drives a node in one process: the step protocol is the same, so are the results.
 */
public final class ClusterBacktestHost implements NodeHost {

  /** The account singleton's name. */
  static final String SINGLETON = "account";

  private final MemberAddress bind;
  private final List<MemberAddress> seeds;
  private final int deskMembers;
  private final Duration bound;
  private final Path home;
  private final Config run;
  private final Consumer<String> report;

  /**
   * @param run the run's configuration, whose {@code troupe} section every desk is started from
   * @param bound how long to wait for joining, for the desk members and for each desk
   * @param report told, a line each, when this member is up, where each desk is placed, and when the run can start
   */
  public ClusterBacktestHost(MemberAddress bind, List<MemberAddress> seeds, int deskMembers, Duration bound, Path home, Config run,
      Consumer<String> report) {
    this.bind = bind;
    this.seeds = seeds;
    this.deskMembers = deskMembers;
    this.bound = bound;
    this.home = home;
    this.run = run;
    this.report = report;
  }

  @Override
  public Started start(NodeSettings node, Behavior<VenueCommand> venue, Config systemConfig) {
    // systemConfig has cluster.conf in it already, under the user's --config and --set.
    Config config = ClusterMember.member(systemConfig, List.of(ClusterRole.ACCOUNT.id(), ClusterRole.FEED.id()), bind, seeds);
    long started = System.nanoTime();
    AtomicBoolean accountHosted = new AtomicBoolean();
    ActorSystem<Void> system = ClusterMember.start(ClusterMember.guardian(home, accountHosted), config, bind);
    try {
      ClusterMember.awaitUp(system, seeds, bound);
      report.accept("cluster: joined as account and feed member at " + bind);
      awaitDeskMembers(system);
      awaitDeskRegions(system);
      for (String symbol : new TreeSet<>(node.specialistsBySymbol().keySet())) {
        DeskEntity.Located where = await(ClusterSharding.get(system).entityRefFor(DeskEntity.TYPE, symbol).ask(DeskEntity.Locate::new, bound),
            "the desk of " + symbol);
        report.accept("cluster: desk " + where.symbol() + " on " + where.member());
      }
      String settings = run.getConfig("troupe").root().render(ConfigRenderOptions.concise());
      Behavior<NodeCommand> account = Behaviors.setup(ctx -> {
        accountHosted.set(true);
        return TradingNode.create(node, venue, null, AccountGroup.NONE, ShardedDesks.factory(settings));
      });
      ActorRef<NodeCommand> singleton = ClusterSingleton.get(system)
          .init(SingletonActor.of(account, SINGLETON).withSettings(ClusterSingletonSettings.create(system).withRole(ClusterRole.ACCOUNT.id())));
      report.accept(String.format(java.util.Locale.ROOT, "cluster: ready in %.1f s (joined, %d desk member(s) up, desks placed)",
          (System.nanoTime() - started) / 1e9, deskMembers));
      return new Started(system, singleton);
    } catch (RuntimeException e) {
      ClusterMember.shutdown(system);
      throw e;
    }
  }

  /** The desk members are Up, and this is the only account member: the singleton runs here, beside the feed. */
  private void awaitDeskMembers(ActorSystem<?> system) {
    org.apache.pekko.cluster.Cluster cluster = org.apache.pekko.cluster.Cluster.get(system.classicSystem());
    long until = System.nanoTime() + bound.toNanos();
    while (true) {
      int desks = 0;
      for (Member m : cluster.state().getMembers()) {
        if (m.status() != MemberStatus.up()) continue;
        if (m.hasRole(ClusterRole.DESK.id())) desks++;
        if (m.hasRole(ClusterRole.ACCOUNT.id()) && !m.address().equals(cluster.selfAddress())) {
          throw new InvalidInputException("--cluster: " + m.address() + " is an account member already; a clustered backtest runs the account singleton on"
              + " its own member, beside its feed: stop that member or join a cluster without one");
        }
      }
      if (desks >= deskMembers) return;
      if (System.nanoTime() > until) {
        throw new InvalidInputException("--desk-members " + deskMembers + ": " + desks + " desk member(s) up after " + bound.toSeconds()
            + " s; start them with troupe node --role desk");
      }
      pause();
    }
  }

  /** Each desk member's shard region has registered, so the first desks placed spread over all of them. */
  private void awaitDeskRegions(ActorSystem<?> system) {
    long until = System.nanoTime() + bound.toNanos();
    while (true) {
      // Asked of this member's proxy through the classic API: the typed query answers only where a region runs.
      org.apache.pekko.actor.ActorRef proxy = org.apache.pekko.cluster.sharding.ClusterSharding.get(system.classicSystem()).shardRegion(DeskEntity.TYPE.name());
      ClusterShardingStats stats = (ClusterShardingStats) await(org.apache.pekko.pattern.Patterns.ask(proxy,
          new org.apache.pekko.cluster.sharding.ShardRegion.GetClusterShardingStats(scala.concurrent.duration.FiniteDuration.create(3, TimeUnit.SECONDS)),
          Duration.ofSeconds(5)), "the desks' shard coordinator");
      int regions = stats.getRegions().size();
      if (regions >= deskMembers) return;
      if (System.nanoTime() > until) {
        throw new IllegalStateException("only " + regions + " of " + deskMembers + " desk members' shard regions registered within " + bound.toSeconds() + " s");
      }
      pause();
    }
  }

  /** Between two looks at the membership: a bounded wait on a condition the cluster changes. */
  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private <T> T await(java.util.concurrent.CompletionStage<T> stage, String what) {
    try {
      return stage.toCompletableFuture().get(bound.toMillis() + 5000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(what + " did not answer within " + bound.toSeconds() + " s: " + e, e);
    }
  }
}
