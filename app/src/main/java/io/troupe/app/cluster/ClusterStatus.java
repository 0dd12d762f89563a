package io.troupe.app.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.Member;

/**
 * What {@code troupe cluster status} prints, gathered by a short-lived client member: the members and their roles
 * from the cluster's membership, and from each member's {@link MemberInfo} the desks it hosts and whether the account
 * singleton runs there.
 */
public final class ClusterStatus {

  /** The role the status client joins with; it is not listed among the members. */
  public static final String CLIENT_ROLE = "status-client";

  /** One member as seen: {@code report} null when it did not answer. */
  public record Row(String member, String status, List<String> roles, MemberInfo.Report report) {}

  private static final AtomicLong GATHERINGS = new AtomicLong();

  /**
   * Every member but this one (and but status clients), in address order, as {@link #gatherAsync} finds them; waits for
   * the answer at most {@code bound} and a little more.
   */
  public static List<Row> gather(ActorSystem<?> system, Duration bound) {
    try {
      return gatherAsync(system, bound, false).toCompletableFuture().get(bound.toMillis() + 10_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException("the cluster's members did not answer: " + e, e);
    }
  }

  /**
   * Every member (but status clients, and but this one unless {@code withSelf}), in address order. Subscribes to the
   * receptionist's listing of the members' {@link MemberInfo} (it spreads by gossip) until it has one for every
   * member, or {@code bound} has passed; then asks each found, {@code bound} and 5 s at most. A member not listed by
   * then, or not answering, has a null report.
   */
  public static CompletionStage<List<Row>> gatherAsync(ActorSystem<?> system, Duration bound, boolean withSelf) {
    CompletableFuture<Map<String, ActorRef<MemberInfo.Ask>>> listed = new CompletableFuture<>();
    system.systemActorOf(Listed.create(listed, bound, withSelf), "cluster-status-" + GATHERINGS.incrementAndGet(), Props.empty());
    Duration ask = bound.compareTo(Duration.ofSeconds(5)) < 0 ? bound : Duration.ofSeconds(5);
    return listed.thenCompose(infos -> {
      Map<String, Member> members = members(system, withSelf);
      List<CompletableFuture<Row>> rows = new ArrayList<>();
      for (var e : members.entrySet()) {
        Member m = e.getValue();
        Set<String> roles = new TreeSet<>(m.getRoles());
        roles.removeIf(r -> r.startsWith("dc-"));
        ActorRef<MemberInfo.Ask> info = infos.get(e.getKey());
        CompletableFuture<MemberInfo.Report> report = info == null ? CompletableFuture.completedFuture(null)
            : AskPattern.ask(info, MemberInfo.Ask::new, ask, system.scheduler()).toCompletableFuture().exceptionally(noAnswer -> null);
        rows.add(report.thenApply(r -> new Row(e.getKey(), m.status().toString(), new ArrayList<>(roles), r)));
      }
      return CompletableFuture.allOf(rows.toArray(CompletableFuture[]::new)).thenApply(done -> rows.stream().map(CompletableFuture::join).toList());
    });
  }

  /** The members now, but status clients (and this one unless {@code withSelf}), by address. */
  private static Map<String, Member> members(ActorSystem<?> system, boolean withSelf) {
    org.apache.pekko.cluster.Cluster cluster = org.apache.pekko.cluster.Cluster.get(system.classicSystem());
    Map<String, Member> members = new TreeMap<>();
    for (Member m : cluster.state().getMembers()) {
      if ((withSelf || !m.address().equals(cluster.selfAddress())) && !m.hasRole(CLIENT_ROLE)) members.put(m.address().toString(), m);
    }
    return members;
  }

  /**
   * Listens to the receptionist's listing of {@link MemberInfo#KEY} and completes {@code listed} with the latest one as
   * soon as it covers every member asked about (looked at again on every change of the listing), or when {@code bound} has
   * passed; then stops.
   */
  private static final class Listed {
    private sealed interface Message {}

    private record Listing(Receptionist.Listing listing) implements Message {}

    private enum Timeout implements Message { INSTANCE }

    static Behavior<Message> create(CompletableFuture<Map<String, ActorRef<MemberInfo.Ask>>> listed, Duration bound, boolean withSelf) {
      return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
        timers.startSingleTimer(Timeout.INSTANCE, bound);
        org.apache.pekko.actor.Address self = org.apache.pekko.cluster.Cluster.get(ctx.getSystem().classicSystem()).selfAddress();
        ActorRef<Receptionist.Listing> adapter = ctx.messageAdapter(Receptionist.Listing.class, Listing::new);
        ctx.getSystem().receptionist().tell(Receptionist.subscribe(MemberInfo.KEY, adapter));
        Map<String, ActorRef<MemberInfo.Ask>> latest = new HashMap<>();
        return Behaviors.receive(Message.class)
            .onMessage(Listing.class, l -> {
              latest.clear();
              for (ActorRef<MemberInfo.Ask> ref : l.listing().getServiceInstances(MemberInfo.KEY)) {
                // This member's own is a local reference, its address without host and port: it is this member's.
                org.apache.pekko.actor.Address at = ref.path().address();
                latest.put((at.hasGlobalScope() ? at : self).toString(), ref);
              }
              if (!latest.keySet().containsAll(members(ctx.getSystem(), withSelf).keySet())) return Behaviors.same();
              listed.complete(Map.copyOf(latest));
              return Behaviors.stopped();
            })
            .onMessage(Timeout.class, t -> {
              listed.complete(Map.copyOf(latest)); // what has been listed: the others are shown as not answering
              return Behaviors.stopped();
            })
            .build();
      }));
    }
  }

  /** The rows as {@code troupe cluster status} prints them ({@link ClusterView#table}). */
  public static String format(List<Row> rows) {
    return ClusterView.of(rows).table();
  }

  private ClusterStatus() {}
}
