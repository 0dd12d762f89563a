package io.troupe.app.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What runs where, as {@code troupe cluster status} prints it and {@code GET /api/v1/cluster} answers it: the members
 * with their status and roles, the desks each hosts, and where the account singleton runs. One process is a cluster of
 * one member hosting everything.
 *
 * @param clustered false for one process (no cluster): a single member
 * @param accountSingleton the address of the member where it runs; null when none does
 * @param feed the address of the member whose market feed publishes the run's bars on topics; null when none does
 */
public record ClusterView(boolean clustered, List<Member> members, String accountSingleton, String feed) {

  /** Without a feed publishing. */
  public ClusterView(boolean clustered, List<Member> members, String accountSingleton) {
    this(clustered, members, accountSingleton, null);
  }

  /**
   * @param answered false when the member did not answer (its desks are then unknown, and empty here)
   * @param feed the run's market feed publishes from this member
   */
  public record Member(String address, String status, List<String> roles, List<String> desks, boolean answered, boolean accountSingleton, boolean feed) {

    /** A member whose feed does not publish. */
    public Member(String address, String status, List<String> roles, List<String> desks, boolean answered, boolean accountSingleton) {
      this(address, status, roles, desks, answered, accountSingleton, false);
    }
  }

  /** The view from the members' rows, as a member or a status client gathered them. */
  public static ClusterView of(List<ClusterStatus.Row> rows) {
    List<Member> members = new ArrayList<>();
    String singleton = null;
    String feed = null;
    for (ClusterStatus.Row r : rows) {
      MemberInfo.Report report = r.report();
      boolean here = report != null && report.accountSingleton();
      boolean feeds = report != null && report.feed();
      members.add(new Member(r.member(), r.status(), List.copyOf(r.roles()), report == null ? List.of() : List.copyOf(report.desks()), report != null, here, feeds));
      if (here) singleton = r.member();
      if (feeds) feed = r.member();
    }
    return new ClusterView(true, List.copyOf(members), singleton, feed);
  }

  /** One process: the actor system {@code address} is the only member, with every role, every desk and the account group. */
  public static ClusterView oneProcess(String address, Collection<String> symbols) {
    List<String> roles = List.of(ClusterRole.ACCOUNT.id(), ClusterRole.DESK.id(), ClusterRole.FEED.id());
    Member only = new Member(address, "Up", roles, List.copyOf(new TreeSet<>(symbols)), true, true, false);
    return new ClusterView(false, List.of(only), address, null);
  }

  /**
   * The view from {@code system}: gathered from every member, this one included, when it is a cluster member (at most
   * {@code bound} for the members' listing); else this one process, whose desks are {@code symbols}.
   */
  public static CompletionStage<ClusterView> of(ActorSystem<?> system, Collection<String> symbols, Duration bound) {
    if (!isClusterMember(system)) return CompletableFuture.completedFuture(oneProcess(system.address().toString(), symbols));
    return ClusterStatus.gatherAsync(system, bound, true).thenApply(ClusterView::of);
  }

  /** Whether {@code system} runs with the cluster's actor provider (a cluster member) rather than the local one. */
  public static boolean isClusterMember(ActorSystem<?> system) {
    return ((ExtendedActorSystem) system.classicSystem()).provider() instanceof org.apache.pekko.cluster.ClusterActorRefProvider;
  }

  /** The table {@code troupe cluster status} prints, then where the account singleton runs. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append("members: ").append(members.size()).append('\n');
    int width = 6;
    for (Member m : members) width = Math.max(width, m.address().length());
    out.append(String.format("%-" + width + "s  %-8s  %-14s  %s%n", "member", "status", "roles", "desks"));
    for (Member m : members) {
      String desks = !m.answered() ? "(no answer)" : m.desks().isEmpty() ? "-" : String.join(" ", m.desks());
      out.append(String.format("%-" + width + "s  %-8s  %-14s  %s%n", m.address(), m.status(), String.join(",", m.roles()), desks));
    }
    out.append("account singleton: ").append(accountSingleton != null ? accountSingleton : "not running (it runs while a clustered run is under way)")
        .append('\n');
    out.append("market feed: ").append(feed != null ? feed + " (the desks take their bars from its topics)"
        : "not publishing (it publishes while a clustered run is under way, unless troupe.cluster.feed.mode = direct)").append('\n');
    return out.toString();
  }

  /** The view as the API's JSON body: names in snake case, members in address order. */
  public Map<String, Object> json() {
    List<Object> list = new ArrayList<>();
    for (Member m : members) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("address", m.address());
      one.put("status", m.status());
      one.put("roles", m.roles());
      one.put("desks", m.desks());
      one.put("answered", m.answered());
      one.put("account_singleton", m.accountSingleton());
      one.put("feed", m.feed());
      list.add(one);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("clustered", clustered);
    out.put("members", list);
    out.put("account_singleton", accountSingleton);
    out.put("feed", feed);
    return out;
  }
}
