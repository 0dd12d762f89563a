package io.troupe.app.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.troupe.model.InvalidInputException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;

/**
 * Starting one cluster member: its configuration (config/cluster.conf with the command's --bind, --seed and --role
 * over the rest), its actor system, and the wait until it is Up. Every member starts the desks' sharding (a desk
 * member hosts desks, the others reach them through a proxy) and answers {@code troupe cluster status}.
 */
public final class ClusterMember {

  /** The member's configuration: {@code base} under cluster.conf, under the member's own address, seeds and roles. */
  public static Config config(Config base, Collection<String> roles, MemberAddress bind, List<MemberAddress> seeds) {
    return member(withClusterDefaults(base), roles, bind, seeds);
  }

  /**
   * cluster.conf over the packaged configuration: a command layers the user's --config and --set over this, so they
   * win over cluster.conf too (e.g. --set pekko.cluster.split-brain-resolver.stable-after=5s).
   */
  public static Config withClusterDefaults(Config packaged) {
    Config cluster = ConfigFactory.parseResources(ClusterMember.class.getClassLoader(), "cluster.conf", ConfigParseOptions.defaults().setAllowMissing(false));
    return cluster.withFallback(packaged);
  }

  /** {@code layered} (cluster.conf already in it) under the member's own address, seeds and roles. */
  public static Config member(Config layered, Collection<String> roles, MemberAddress bind, List<MemberAddress> seeds) {
    Map<String, Object> own = new HashMap<>();
    own.put("pekko.remote.artery.canonical.hostname", bind.host());
    own.put("pekko.remote.artery.canonical.port", bind.port());
    own.put("pekko.cluster.roles", new ArrayList<>(roles));
    own.put("pekko.cluster.seed-nodes", seeds.stream().map(MemberAddress::pekko).toList());
    return ConfigFactory.parseMap(own).withFallback(layered).resolve();
  }

  /** The guardian of a member: the desks' sharding, and its answer to the status client. */
  public static Behavior<Void> guardian(Path home, AtomicBoolean accountHosted) {
    return guardian(home, accountHosted, null);
  }

  /** As above, telling {@code membership} (unless null) of the other members' comings and goings, a line each. */
  public static Behavior<Void> guardian(Path home, AtomicBoolean accountHosted, java.util.function.Consumer<String> membership) {
    return guardian(home, accountHosted, new AtomicBoolean(), membership);
  }

  /** As above; {@code feedHosted}: set while the run's market feed publishes from this member. */
  static Behavior<Void> guardian(Path home, AtomicBoolean accountHosted, AtomicBoolean feedHosted, java.util.function.Consumer<String> membership) {
    return Behaviors.setup(ctx -> {
      initDesks(ctx.getSystem(), home);
      ctx.spawn(MemberInfo.create(accountHosted, feedHosted), "member-info");
      if (membership != null) ctx.spawn(MembershipLog.create(membership), "membership-log");
      return Behaviors.empty();
    });
  }

  /** The desks' entity type on this member: hosted on {@code desk} members, a proxy elsewhere. */
  static void initDesks(ActorSystem<?> system, Path home) {
    ClusterSharding.get(system).init(Entity.of(DeskEntity.TYPE, c -> DeskEntity.create(c.getEntityId(), home)).withRole(ClusterRole.DESK.id()));
  }

  /**
   * Starts the member's actor system, bound at {@code bind}. A port already taken is bad input naming {@code --bind}.
   */
  public static <T> ActorSystem<T> start(Behavior<T> guardian, Config config, MemberAddress bind) {
    try {
      return ActorSystem.create(guardian, MemberAddress.SYSTEM, config);
    } catch (RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof BindException) {
          throw new InvalidInputException("--bind " + bind + ": cannot listen there (" + c.getMessage() + "): the port is in use or the address is not this machine's");
        }
      }
      throw e;
    }
  }

  /**
   * Waits until this member is Up, at most {@code bound}; else stops it and refuses, naming the seeds: none answered.
   */
  public static void awaitUp(ActorSystem<?> system, List<MemberAddress> seeds, Duration bound) {
    CompletableFuture<Void> up = new CompletableFuture<>();
    org.apache.pekko.cluster.Cluster.get(system.classicSystem()).registerOnMemberUp(() -> up.complete(null));
    try {
      up.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      shutdown(system);
      throw new InvalidInputException("--seed " + String.join(" ", seeds.stream().map(MemberAddress::toString).toList()) + ": no seed let this member join within "
          + bound.toSeconds() + " s: is a member running there? (the first seed starts the cluster: start the member whose --bind is the first --seed first)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Leaves the cluster (handing over what runs here) and stops the actor system. */
  public static void shutdown(ActorSystem<?> system) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // leaving is best effort: the others down a member that went away too
    }
  }

  private ClusterMember() {}
}
