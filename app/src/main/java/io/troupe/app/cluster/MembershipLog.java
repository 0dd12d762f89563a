package io.troupe.app.cluster;

import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/** Tells a member's operator, a line each, when another member is up, unreachable, reachable again or removed. */
final class MembershipLog {

  static Behavior<ClusterEvent.ClusterDomainEvent> create(Consumer<String> out) {
    return Behaviors.setup(ctx -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().<ClusterEvent.MemberEvent>narrow(), ClusterEvent.MemberEvent.class));
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().<ClusterEvent.ReachabilityEvent>narrow(), ClusterEvent.ReachabilityEvent.class));
      return Behaviors.receive(ClusterEvent.ClusterDomainEvent.class)
          .onMessage(ClusterEvent.MemberUp.class, e -> {
            TreeSet<String> roles = new TreeSet<>(e.member().getRoles());
            roles.removeIf(r -> r.startsWith("dc-"));
            out.accept("node: member " + e.member().address() + " up, roles " + String.join(",", roles));
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.UnreachableMember.class, e -> {
            out.accept("node: member " + e.member().address() + " unreachable");
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.ReachableMember.class, e -> {
            out.accept("node: member " + e.member().address() + " reachable again");
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.MemberRemoved.class, e -> {
            String how = e.previousStatus() == MemberStatus.down() ? "downed" : "left";
            out.accept("node: member " + e.member().address() + " removed (" + how + ")");
            return Behaviors.same();
          })
          .onAnyMessage(e -> Behaviors.same())
          .build();
    });
  }

  private MembershipLog() {}
}
