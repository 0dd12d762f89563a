package io.troupe.app.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
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

  /**
   * Every member but this client, in address order. Waits at most {@code bound} for each member's answer to be
   * registered with the receptionist (it spreads by gossip), then asks each.
   */
  public static List<Row> gather(ActorSystem<?> system, Duration bound) {
    org.apache.pekko.cluster.Cluster cluster = org.apache.pekko.cluster.Cluster.get(system.classicSystem());
    long until = System.nanoTime() + bound.toNanos();
    Map<String, ActorRef<MemberInfo.Ask>> infos = new HashMap<>();
    Map<String, Member> members = new TreeMap<>();
    while (true) {
      members.clear();
      for (Member m : cluster.state().getMembers()) {
        if (!m.address().equals(cluster.selfAddress()) && !m.hasRole(CLIENT_ROLE)) members.put(m.address().toString(), m);
      }
      Receptionist.Listing listing = await(AskPattern.ask(system.receptionist(), (ActorRef<Receptionist.Listing> r) -> Receptionist.find(MemberInfo.KEY, r),
          Duration.ofSeconds(5), system.scheduler()), Duration.ofSeconds(6));
      infos.clear();
      for (ActorRef<MemberInfo.Ask> ref : listing.getServiceInstances(MemberInfo.KEY)) infos.put(ref.path().address().toString(), ref);
      if (infos.keySet().containsAll(members.keySet()) || System.nanoTime() > until) break;
      try {
        Thread.sleep(200); // the receptionist's registry arrives by gossip: look again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<Row> rows = new ArrayList<>();
    for (var e : members.entrySet()) {
      Member m = e.getValue();
      Set<String> roles = new TreeSet<>(m.getRoles());
      roles.removeIf(r -> r.startsWith("dc-"));
      ActorRef<MemberInfo.Ask> info = infos.get(e.getKey());
      MemberInfo.Report report = null;
      if (info != null) {
        try {
          report = await(AskPattern.ask(info, MemberInfo.Ask::new, Duration.ofSeconds(5), system.scheduler()), Duration.ofSeconds(6));
        } catch (RuntimeException noAnswer) {
          report = null;
        }
      }
      rows.add(new Row(e.getKey(), m.status().toString(), new ArrayList<>(roles), report));
    }
    return rows;
  }

  /** The rows as a table, then where the account singleton runs. */
  public static String format(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("members: ").append(rows.size()).append('\n');
    int width = 6;
    for (Row r : rows) width = Math.max(width, r.member().length());
    out.append(String.format("%-" + width + "s  %-8s  %-14s  %s%n", "member", "status", "roles", "desks"));
    String singleton = null;
    for (Row r : rows) {
      String desks = r.report() == null ? "(no answer)" : r.report().desks().isEmpty() ? "-" : String.join(" ", r.report().desks());
      out.append(String.format("%-" + width + "s  %-8s  %-14s  %s%n", r.member(), r.status(), String.join(",", r.roles()), desks));
      if (r.report() != null && r.report().accountSingleton()) singleton = r.member();
    }
    out.append("account singleton: ").append(singleton != null ? singleton : "not running (it runs while a clustered run is under way)").append('\n');
    return out.toString();
  }

  private static <T> T await(CompletionStage<T> stage, Duration bound) {
    try {
      return stage.toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private ClusterStatus() {}
}
