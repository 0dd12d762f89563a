package io.troupe.app.cluster;

import io.troupe.model.InvalidInputException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Waits, on this member, until {@code wanted} desk members are Up and each one's shard region has registered with the
 * desks' shard coordinator, so the first desks placed spread over all of them; fails after {@code bound}, and, when
 * {@code exclusive}, at once should another member be an account member (a clustered backtest holds the account
 * singleton beside its own feed); when not, at once should an account member run no session (no feed role: a
 * {@code troupe node --role account}), since the singleton may start there.
 *
 * <p>The membership comes from the cluster's member events. A region's registration has no event: once the desk
 * members are Up, the coordinator's statistics are asked, and asked again on each membership change or, while the
 * regions are short, 100 ms after the last answer (a timer message, never a blocked thread).
 */
final class DeskMembersReady {

  private sealed interface Message {}

  /** A member event, or the membership as a whole ({@link ClusterEvent.CurrentClusterState}). */
  private record Membership(Object event) implements Message {}

  private record Stats(ShardRegion.ClusterShardingStats stats, Throwable failure) implements Message {}

  private enum AskAgain implements Message { INSTANCE }

  private enum GiveUp implements Message { INSTANCE }

  /** Completes {@code ready} normally when ready; exceptionally with an {@link InvalidInputException} otherwise. */
  static Behavior<Void> create(int wanted, Duration bound, boolean exclusive, CompletableFuture<Void> ready) {
    return Behaviors.<Message>setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startSingleTimer(GiveUp.INSTANCE, bound);
      Cluster cluster = Cluster.get(ctx.getSystem());
      ActorRef<ClusterEvent.MemberEvent> events = ctx.messageAdapter(ClusterEvent.MemberEvent.class, Membership::new);
      ActorRef<ClusterEvent.CurrentClusterState> snapshot = ctx.messageAdapter(ClusterEvent.CurrentClusterState.class, Membership::new);
      cluster.subscriptions().tell(Subscribe.create(events, ClusterEvent.MemberEvent.class));
      // The first state, whichever way the subscription delivers it (a snapshot or the events so far).
      cluster.subscriptions().tell(new org.apache.pekko.cluster.typed.GetCurrentState(snapshot));
      return new DeskMembersReady(ctx, timers, wanted, bound, exclusive, ready).waiting();
    })).unsafeCast(); // its messages are its own: nothing outside tells it anything
  }

  private final ActorContext<Message> ctx;
  private final TimerScheduler<Message> timers;
  private final int wanted;
  private final Duration bound;
  private final boolean exclusive;
  private final CompletableFuture<Void> ready;
  private final Map<org.apache.pekko.actor.Address, Member> members = new HashMap<>();
  private boolean asking;
  private int regions;

  private DeskMembersReady(ActorContext<Message> ctx, TimerScheduler<Message> timers, int wanted, Duration bound, boolean exclusive,
      CompletableFuture<Void> ready) {
    this.ctx = ctx;
    this.timers = timers;
    this.wanted = wanted;
    this.bound = bound;
    this.exclusive = exclusive;
    this.ready = ready;
  }

  private Behavior<Message> waiting() {
    return Behaviors.receive(Message.class)
        .onMessage(Membership.class, m -> {
          if (m.event() instanceof ClusterEvent.CurrentClusterState s) {
            for (Member member : s.getMembers()) members.put(member.address(), member);
          } else if (m.event() instanceof ClusterEvent.MemberRemoved r) {
            members.remove(r.member().address());
          } else if (m.event() instanceof ClusterEvent.MemberEvent e) {
            members.put(e.member().address(), e.member());
          }
          return look();
        })
        .onMessage(Stats.class, s -> {
          asking = false;
          if (s.stats() != null) regions = s.stats().getRegions().size();
          if (s.stats() != null && regions >= wanted) {
            ready.complete(null);
            return Behaviors.stopped();
          }
          timers.startSingleTimer(AskAgain.INSTANCE, Duration.ofMillis(100));
          return Behaviors.same();
        })
        .onMessage(AskAgain.class, a -> look())
        .onMessage(GiveUp.class, g -> {
          int desks = desksUp();
          ready.completeExceptionally(desks < wanted
              ? new InvalidInputException("--desk-members " + wanted + ": " + desks + " desk member(s) up after " + bound.toSeconds()
                  + " s; start them with troupe node --role desk")
              : new IllegalStateException("only " + regions + " of " + wanted + " desk members' shard regions registered within " + bound.toSeconds() + " s"));
          return Behaviors.stopped();
        })
        .build();
  }

  /** Refuses another account member (when exclusive); asks the coordinator once enough desk members are Up. */
  private Behavior<Message> look() {
    org.apache.pekko.actor.Address self = Cluster.get(ctx.getSystem()).selfMember().address();
    for (Member m : members.values()) {
      if (m.status() != MemberStatus.up() || !m.hasRole(ClusterRole.ACCOUNT.id()) || m.address().equals(self)) continue;
      if (exclusive) {
        ready.completeExceptionally(new InvalidInputException("--cluster: " + m.address() + " is an account member already; a clustered backtest runs"
            + " the account singleton on its own member, beside its feed: stop that member or join a cluster without one"));
        return Behaviors.stopped();
      }
      if (!m.hasRole(ClusterRole.FEED.id())) {
        // The singleton starts on the oldest account member: on one that runs no session, the session would never run.
        ready.completeExceptionally(new InvalidInputException("--cluster: " + m.address() + " is an account member that runs no session (troupe node"
            + " --role account); the account singleton could start there and the session never: stop it (a session's standby is another"
            + " troupe paper --cluster process)"));
        return Behaviors.stopped();
      }
    }
    if (desksUp() >= wanted && !asking) {
      asking = true;
      // Asked of this member's proxy through the classic API: the typed query answers only where a region runs.
      org.apache.pekko.actor.ActorRef proxy = org.apache.pekko.cluster.sharding.ClusterSharding.get(ctx.getSystem().classicSystem()).shardRegion(DeskEntity.TYPE.name());
      ctx.pipeToSelf(org.apache.pekko.pattern.Patterns.ask(proxy,
              new ShardRegion.GetClusterShardingStats(scala.concurrent.duration.FiniteDuration.create(3, java.util.concurrent.TimeUnit.SECONDS)),
              Duration.ofSeconds(5)),
          (answer, failure) -> new Stats(answer instanceof ShardRegion.ClusterShardingStats s ? s : null, failure));
    }
    return Behaviors.same();
  }

  private int desksUp() {
    int desks = 0;
    for (Member m : members.values()) if (m.status() == MemberStatus.up() && m.hasRole(ClusterRole.DESK.id())) desks++;
    return desks;
  }
}
