package io.troupe.app.cluster;

import io.troupe.persistence.CborSerializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.ShardRegion.ShardState;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Each member's answer to {@code troupe cluster status}: its roles, the desks its shard region hosts, and whether the
 * account singleton runs here. Registered with the cluster's receptionist, so a short-lived client finds every member's.
 */
public final class MemberInfo {

  public static final ServiceKey<Ask> KEY = ServiceKey.create(Ask.class, "troupe-member");

  public sealed interface Message {}

  public record Ask(ActorRef<Report> replyTo) implements Message, CborSerializable {}

  /**
   * {@code desks}: the symbols whose desk this member hosts, sorted; {@code feed}: the run's market feed publishes from
   * here (its desks take their bars from its topics).
   */
  public record Report(String member, List<String> roles, List<String> desks, boolean accountSingleton, boolean feed) implements CborSerializable {

    /** A member with no feed. */
    public Report(String member, List<String> roles, List<String> desks, boolean accountSingleton) {
      this(member, roles, desks, accountSingleton, false);
    }
  }

  private record RegionState(CurrentShardRegionState state, ActorRef<Report> replyTo) implements Message {}

  /** {@code accountHosted}: set while the account singleton runs in this JVM. */
  static Behavior<Message> create(AtomicBoolean accountHosted) {
    return create(accountHosted, new AtomicBoolean());
  }

  /** As above; {@code feedHosted}: set while the run's market feed publishes from this JVM. */
  static Behavior<Message> create(AtomicBoolean accountHosted, AtomicBoolean feedHosted) {
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf().narrow()));
      Cluster cluster = Cluster.get(ctx.getSystem());
      String self = cluster.selfMember().address().toString();
      List<String> roles = new ArrayList<>(new TreeSet<>(cluster.selfMember().getRoles()));
      roles.removeIf(r -> r.startsWith("dc-")); // the data centre Pekko adds to every member's roles
      boolean desks = cluster.selfMember().hasRole(ClusterRole.DESK.id());
      return Behaviors.receive(Message.class)
          .onMessage(Ask.class, a -> {
            if (!desks) {
              a.replyTo().tell(new Report(self, roles, List.of(), accountHosted.get(), feedHosted.get()));
            } else {
              ActorRef<CurrentShardRegionState> adapter = ctx.messageAdapter(CurrentShardRegionState.class, s -> new RegionState(s, a.replyTo()));
              ClusterSharding.get(ctx.getSystem()).shardState().tell(new GetShardRegionState(DeskEntity.TYPE, adapter));
            }
            return Behaviors.same();
          })
          .onMessage(RegionState.class, r -> {
            TreeSet<String> symbols = new TreeSet<>();
            for (ShardState shard : r.state().getShards()) symbols.addAll(shard.getEntityIds());
            r.replyTo().tell(new Report(self, roles, new ArrayList<>(symbols), accountHosted.get(), feedHosted.get()));
            return Behaviors.same();
          })
          .build();
    });
  }

  private MemberInfo() {}
}
