package io.troupe.app.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.troupe.app.backtest.NodeHost;
import io.troupe.app.paper.SessionHost;
import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.node.AccountGroup;
import io.troupe.node.NodeCommand;
import io.troupe.node.NodeSettings;
import io.troupe.node.TradingNode;
import io.troupe.venue.VenueCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * A clustered run's account and feed member, for a backtest ({@link NodeHost}) or a paper session
 * ({@link SessionHost}). This member (roles account and feed) joins, waits for {@code deskMembers} desk members and
 * their shard regions, and takes part in the account singleton ({@link AccountSingleton}); once the singleton runs
 * here, the run places every desk (one symbol at a time, so the shards spread evenly over the desk members before the
 * first bar) and starts its trading node (the coordinator with the account group) as the singleton's child, reaching
 * the desks through sharding. The run's feed (and a paper session's journal) stays on this member and drives the node
 * exactly as it drives a node in one process: the step protocol is the same, so are the results. With the feed on
 * topics ({@code troupe.cluster.feed.mode = topic}, the default) the run's steps pass through the {@link MarketFeed}'s
 * front, which publishes each symbol's bars on its topic, and the coordinator's steps name the bars the desks take
 * from there.
 *
 * <p>A backtest holds the singleton alone ({@code exclusive}: another account member is refused). A paper session may
 * run on several account members: the one holding the singleton runs the session, the others stand by
 * ({@link #awaitLead}) until the singleton moves to them, and then resume the session from its journal.
 */
public final class ClusterRunHost implements NodeHost, SessionHost {

  /** The account singleton's name. */
  static final String SINGLETON = "account";

  private final MemberAddress bind;
  private final List<MemberAddress> seeds;
  private final int deskMembers;
  private final Duration bound;
  private final Path home;
  private final Config run;
  private final Consumer<String> report;
  private final boolean exclusive;
  private final AtomicBoolean accountHosted = new AtomicBoolean();
  private final CompletableFuture<ActorRef<AccountSingleton.Command>> lead = new CompletableFuture<>();
  /** Completed when a desk member is removed after the node now running was started: its desks need starting again. */
  private final java.util.concurrent.atomic.AtomicReference<CompletableFuture<String>> desksLost = new java.util.concurrent.atomic.AtomicReference<>(new CompletableFuture<>());
  private ActorSystem<Void> system;
  private long started;
  /** Set while a node of this member takes its bars from the feed's topics. */
  private final AtomicBoolean feedHosted = new AtomicBoolean();
  /** The market feed of this member (role feed), or null when the run's bars go in the step messages (mode direct). */
  private ActorRef<MarketFeed.Command> feed;
  /** The run of the last node started, on the feed. */
  private volatile FeedRun feedRun;

  /**
   * @param run the run's configuration, whose {@code troupe} section every desk is started from
   * @param bound how long to wait for joining, for the desk members and for each desk
   * @param report told, a line each, when this member is up, where each desk is placed, and when the run can start
   * @param exclusive refuse another account member (a backtest); else they stand by for the singleton (a paper session)
   */
  public ClusterRunHost(MemberAddress bind, List<MemberAddress> seeds, int deskMembers, Duration bound, Path home, Config run,
      Consumer<String> report, boolean exclusive) {
    this.bind = bind;
    this.seeds = seeds;
    this.deskMembers = deskMembers;
    this.bound = bound;
    this.home = home;
    this.run = run;
    this.report = report;
    this.exclusive = exclusive;
  }

  @Override
  public Started start(NodeSettings node, Behavior<VenueCommand> venue, Config systemConfig) {
    ActorSystem<Void> joined = start(systemConfig);
    try {
      ActorRef<NodeCommand> trading = node(joined, node, venue, null);
      return new Started(joined, trading, () -> {
        reportFeed(joined, node.specialistsBySymbol().keySet());
        NodeHost.terminate(joined);
      });
    } catch (RuntimeException e) {
      ClusterMember.shutdown(joined);
      throw e;
    }
  }

  /**
   * Joins the cluster as an account and feed member, once the desk members are up (see {@link DeskMembersReady}),
   * and takes part in the account singleton. Called again, answers the member already joined.
   */
  @Override
  public synchronized ActorSystem<Void> start(Config systemConfig) {
    if (system != null) return system;
    // systemConfig has cluster.conf in it already, under the user's --config and --set.
    Config config = ClusterMember.member(ownSignals(systemConfig), List.of(ClusterRole.ACCOUNT.id(), ClusterRole.FEED.id()), bind, seeds);
    started = System.nanoTime();
    ActorSystem<Void> joined = ClusterMember.start(ClusterMember.guardian(home, accountHosted, feedHosted, null), config, bind);
    try {
      ClusterMember.awaitUp(joined, seeds, bound);
      report.accept("cluster: joined as account and feed member at " + bind);
      awaitDeskMembers(joined);
      joined.systemActorOf(DeskMemberWatch.create(what -> desksLost.get().complete(what)), "desk-member-watch", Props.empty());
      if (feedByTopic()) feed = MarketFeed.init(joined, run.hasPath("troupe.cluster.feed.lose-every") ? run.getLong("troupe.cluster.feed.lose-every") : 0);
      ClusterSingleton.get(joined).init(SingletonActor.of(AccountSingleton.create(accountHosted, lead), SINGLETON)
          .withSettings(ClusterSingletonSettings.create(joined).withRole(ClusterRole.ACCOUNT.id())));
      system = joined;
      return joined;
    } catch (RuntimeException e) {
      ClusterMember.shutdown(joined);
      throw e;
    }
  }

  /**
   * A run that stops itself on a signal (a paper session: its coordinated shutdown is not run by the JVM's hook, so it
   * finishes its step first) needs remoting up until then, but Artery has a JVM hook of its own that closes every
   * connection at SIGTERM: the step in progress would wait for desks it no longer reaches, and the member would go
   * without leaving. All of Pekko's JVM hooks are off for such a run; its own stop terminates the system, which leaves.
   */
  static Config ownSignals(Config systemConfig) {
    if (systemConfig.getBoolean("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook")) return systemConfig;
    return com.typesafe.config.ConfigFactory.parseString("pekko.jvm-shutdown-hooks = off").withFallback(systemConfig);
  }

  /**
   * Waits until the account singleton runs on this member (at once when it is the oldest account member), or until
   * {@code giveUp} completes first; true when it leads. Says which, a line each.
   */
  public boolean awaitLead(CompletionStage<Void> giveUp) {
    return awaitLead(giveUp, () -> {});
  }

  /** As above; {@code standingBy} runs once this member is found to stand by (it may warm up what a take-over needs). */
  public boolean awaitLead(CompletionStage<Void> giveUp, Runnable standingBy) {
    if (!lead.isDone() && !oldestAccountMember()) {
      report.accept("cluster: standing by: the account singleton runs on another account member; this one takes the session over should that member go");
      standingBy.run();
    }
    try {
      CompletableFuture.anyOf(lead, giveUp.toCompletableFuture()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    if (!lead.isDone()) return false;
    report.accept("cluster: the account singleton runs here, at " + bind);
    return true;
  }

  /** How many desk members are Up now: as many as the run waited for at first, fewer after a loss. */
  private static long deskMembersUp(ActorSystem<?> system) {
    return java.util.stream.StreamSupport.stream(org.apache.pekko.cluster.Cluster.get(system.classicSystem()).state().getMembers().spliterator(), false)
        .filter(m -> m.status() == org.apache.pekko.cluster.MemberStatus.up() && m.hasRole(ClusterRole.DESK.id())).count();
  }

  /** Whether no Up account member is older than this one: the singleton starts here (it may not have yet). */
  private boolean oldestAccountMember() {
    org.apache.pekko.cluster.Cluster cluster = org.apache.pekko.cluster.Cluster.get(system.classicSystem());
    org.apache.pekko.cluster.Member self = cluster.selfMember();
    for (org.apache.pekko.cluster.Member m : cluster.state().getMembers()) {
      if (m.status() == org.apache.pekko.cluster.MemberStatus.up() && m.hasRole(ClusterRole.ACCOUNT.id()) && !m.equals(self) && m.isOlderThan(self)) return false;
    }
    return true;
  }

  /**
   * Places the desks, then starts the trading node as the account singleton's child, its desks sharded: fresh, or
   * each from its part of {@code checkpoint} (a resume, a failover, a rebuild after a desk member's loss).
   */
  @Override
  public ActorRef<NodeCommand> node(ActorSystem<Void> system, NodeSettings node, Behavior<VenueCommand> venue, NodeCheckpoint checkpoint) {
    ActorRef<AccountSingleton.Command> singleton = await(lead, "the account singleton");
    // A desk member lost from here on is this node's loss; one lost before is behind it (its desks are placed below anew).
    desksLost.set(new CompletableFuture<>());
    for (String symbol : new TreeSet<>(node.specialistsBySymbol().keySet())) {
      DeskEntity.Located where = locate(system, symbol);
      report.accept("cluster: desk " + where.symbol() + " on " + where.member());
    }
    String settings = run.getConfig("troupe").root().render(ConfigRenderOptions.concise());
    // Each node its own run on the feed: a bar of an earlier node's, still on its way, is never taken for this one's.
    FeedRun onFeed = feed == null ? null : new FeedRun(bind + "/" + java.util.UUID.randomUUID(), feed);
    CompletableFuture<ActorRef<NodeCommand>> spawned = new CompletableFuture<>();
    singleton.tell(new AccountSingleton.Host(TradingNode.create(node, venue, checkpoint, AccountGroup.NONE, ShardedDesks.factory(settings, onFeed)), spawned));
    ActorRef<NodeCommand> trading = await(spawned, "the account singleton's node");
    if (onFeed != null) trading = feedFront(system, onFeed, trading, new TreeSet<>(node.specialistsBySymbol().keySet()));
    report.accept(String.format(java.util.Locale.ROOT, "cluster: ready in %.1f s (joined, %d desk member(s) up, desks placed)",
        (System.nanoTime() - started) / 1e9, deskMembersUp(system)));
    return trading;
  }

  /** Whether the run's desks take their bars from the feed's topics ({@code troupe.cluster.feed.mode = topic}). */
  private boolean feedByTopic() {
    return !run.hasPath("troupe.cluster.feed.mode") || run.getString("troupe.cluster.feed.mode").equals("topic");
  }

  /**
   * Waits (at most {@code troupe.cluster.feed.subscribe-wait}) until every symbol's topic lists its desk's member, so
   * the first bars are not all lost to the receptionist's gossip, then puts the feed's front before {@code trading}:
   * the run hands its steps to the front, which publishes them and hands them on.
   */
  private ActorRef<NodeCommand> feedFront(ActorSystem<Void> system, FeedRun onFeed, ActorRef<NodeCommand> trading, java.util.SortedSet<String> symbols) {
    Duration wait = run.hasPath("troupe.cluster.feed.subscribe-wait") ? run.getDuration("troupe.cluster.feed.subscribe-wait") : Duration.ofSeconds(10);
    MarketFeed.TopicsListed listed = await(org.apache.pekko.actor.typed.javadsl.AskPattern.ask(feed,
        (ActorRef<MarketFeed.TopicsListed> r) -> new MarketFeed.AwaitTopics(List.copyOf(symbols), wait, r), wait.plusSeconds(5), system.scheduler()),
        "the market feed");
    if (listed.unlisted().isEmpty()) {
      report.accept(String.format(java.util.Locale.ROOT, "cluster: feed: every symbol's topic lists its desk (%.1f s)", listed.millis() / 1e3));
    } else {
      report.accept("cluster: feed: the topics of " + String.join(" ", listed.unlisted()) + " list no desk after " + wait.toSeconds()
          + " s: their desks pull the bars the topics lose");
    }
    feedRun = onFeed;
    feedHosted.set(true);
    return system.systemActorOf(MarketFeed.front(onFeed, trading), "feed-front-" + MarketFeed.actorName(onFeed.id()), Props.empty());
  }

  /** A paper session's end: how its desks got their bars, as at a backtest's end. */
  @Override
  public void ended(ActorSystem<Void> system, java.util.Set<String> symbols) {
    reportFeed(system, symbols);
  }

  /**
   * At a run's end: how the desks got their bars (from each desk entity) and what the feed published, a line;
   * when the desks do not answer within 5 s, what the feed says alone.
   */
  private void reportFeed(ActorSystem<?> system, java.util.Set<String> symbols) {
    FeedRun last = feedRun;
    if (feed == null || last == null) return;
    long byTopic = 0, pulled = 0, late = 0;
    int answered = 0;
    for (String symbol : new TreeSet<>(symbols)) {
      try {
        DeskEntity.FeedCounts c = ClusterSharding.get(system).entityRefFor(DeskEntity.TYPE, symbol)
            .<DeskEntity.FeedCounts>ask(DeskEntity.GetFeedCounts::new, Duration.ofSeconds(5)).toCompletableFuture().get(6, TimeUnit.SECONDS);
        byTopic += c.byTopic();
        pulled += c.pulled();
        late += c.late();
        answered++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        // reported below as a desk that did not answer
      }
    }
    MarketFeed.Stats stats;
    try {
      stats = org.apache.pekko.actor.typed.javadsl.AskPattern.<MarketFeed.Command, MarketFeed.Stats>ask(feed, r -> new MarketFeed.GetStats(last.id(), r),
          Duration.ofSeconds(5), system.scheduler()).toCompletableFuture().get(6, TimeUnit.SECONDS);
    } catch (Exception e) {
      stats = null;
    }
    report.accept(feedLine(stats, answered, symbols.size(), byTopic, pulled, late));
  }

  static String feedLine(MarketFeed.Stats stats, int answered, int desks, long byTopic, long pulled, long late) {
    StringBuilder line = new StringBuilder("cluster: feed: ");
    if (stats != null) {
      line.append(String.format(java.util.Locale.ROOT, "%,d steps, %,d bars on topics", stats.steps(), stats.published()));
      if (stats.leftOff() > 0) line.append(String.format(java.util.Locale.ROOT, " (%,d left off, lose-every)", stats.leftOff()));
      line.append("; ");
    }
    line.append(String.format(java.util.Locale.ROOT, "the desks took %,d bars by topic and pulled %,d", byTopic, pulled));
    if (late > 0) line.append(String.format(java.util.Locale.ROOT, " (%,d came by topic after their step)", late));
    if (answered < desks) line.append(String.format(java.util.Locale.ROOT, "; %d of %d desks did not answer", desks - answered, desks));
    return line.toString();
  }

  /**
   * Where {@code symbol}'s desk lives, created there if need be; asked again every few seconds within the bound: just
   * after a desk member's removal this member may still route the desk's shard to the removed member, and the ask is
   * lost (sharding forgets that home once it hears of the removal, and the next ask finds the new one).
   */
  private DeskEntity.Located locate(ActorSystem<?> system, String symbol) {
    org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<io.troupe.model.StepMessage> desk = ClusterSharding.get(system).entityRefFor(DeskEntity.TYPE, symbol);
    Duration each = Duration.ofSeconds(Math.max(1, Math.min(5, bound.toSeconds())));
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      try {
        return desk.ask(DeskEntity.Locate::new, each).toCompletableFuture().get(each.toMillis() + 1000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException | TimeoutException e) {
        if (System.nanoTime() > deadline) throw new IllegalStateException("the desk of " + symbol + " did not answer within " + bound.toSeconds() + " s: " + e, e);
      }
    }
  }

  @Override
  public CompletableFuture<String> desksLost() {
    return desksLost.get();
  }

  @Override
  public void runsAgain(String lost, int run) {
    report.accept("cluster: " + lost + "; the backtest starts again from its first bar, its desks fresh on the desk members left (run " + run + ")");
  }

  /**
   * The desk members are Up, each one's shard region has registered, and (when exclusive) this is the only account
   * member: the first desks placed spread over all desk members.
   */
  private void awaitDeskMembers(ActorSystem<?> system) {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    system.systemActorOf(DeskMembersReady.create(deskMembers, bound, exclusive, ready), "desk-members-ready", Props.empty());
    try {
      ready.get(bound.toMillis() + 10_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the wait for the desk members did not end within " + bound.toSeconds() + " s", e);
    }
  }

  private <T> T await(CompletionStage<T> stage, String what) {
    try {
      return stage.toCompletableFuture().get(bound.toMillis() + 5000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(what + " did not answer within " + bound.toSeconds() + " s: " + e, e);
    }
  }
}
