package io.troupe.app.cluster;

import io.troupe.node.NodeCommand;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The account singleton: one in the cluster, on the oldest account member. Where it starts, it tells that member's run
 * that it leads ({@code here}), and it hosts the run's trading node (the coordinator with the account group) as its
 * child once the run has recovered what the node starts from. Should its member go, the singleton starts on the next
 * account member, whose run (standing by until then) recovers the session from the shared journal and goes on.
 */
final class AccountSingleton {

  sealed interface Command {}

  /**
   * Spawn the run's trading node as this singleton's child. Told on this member only (the behavior does not cross
   * members), to the singleton's own reference, never through the proxy.
   */
  record Host(Behavior<NodeCommand> node, CompletableFuture<ActorRef<NodeCommand>> started) implements Command {}

  /** {@code hosted} is set while the singleton runs in this JVM; {@code here} completes with it when it starts here. */
  static Behavior<Command> create(AtomicBoolean hosted, CompletableFuture<ActorRef<Command>> here) {
    return Behaviors.setup(ctx -> {
      hosted.set(true);
      here.complete(ctx.getSelf());
      return hosting(ctx, hosted, null, 0);
    });
  }

  /** {@code node}: the node hosted now (null before the first); a new one replaces it (a run rebuilt after a desk member's loss). */
  private static Behavior<Command> hosting(org.apache.pekko.actor.typed.javadsl.ActorContext<Command> ctx, AtomicBoolean hosted, ActorRef<NodeCommand> node, int hostedSoFar) {
    return Behaviors.receive(Command.class)
        .onMessage(Host.class, h -> {
          if (node != null) ctx.stop(node);
          ActorRef<NodeCommand> started = ctx.spawn(h.node(), hostedSoFar == 0 ? "node" : "node-" + (hostedSoFar + 1));
          h.started().complete(started);
          return hosting(ctx, hosted, started, hostedSoFar + 1);
        })
        .onSignal(PostStop.class, s -> {
          hosted.set(false);
          return Behaviors.same();
        })
        .build();
  }

  private AccountSingleton() {}
}
