package io.troupe.app.cluster;

import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Tells a clustered run when a {@code desk} member is removed (downed by the split-brain resolver, or left): the desks
 * it hosted are gone with their state, and sharding starts them afresh on the other desk members on their next message.
 */
final class DeskMemberWatch {

  static Behavior<ClusterEvent.MemberRemoved> create(Consumer<String> lost) {
    return Behaviors.setup(ctx -> {
      Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(ctx.getSelf(), ClusterEvent.MemberRemoved.class));
      return Behaviors.receive(ClusterEvent.MemberRemoved.class)
          .onMessage(ClusterEvent.MemberRemoved.class, e -> {
            if (e.member().hasRole(ClusterRole.DESK.id())) {
              lost.accept("desk member " + e.member().address() + " " + (e.previousStatus() == MemberStatus.down() ? "downed" : "left") + ", with its desks");
            }
            return Behaviors.same();
          })
          .build();
    });
  }

  private DeskMemberWatch() {}
}
