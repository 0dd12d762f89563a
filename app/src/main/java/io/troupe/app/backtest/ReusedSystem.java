package io.troupe.app.backtest;

import com.typesafe.config.Config;
import io.troupe.node.NodeCommand;
import io.troupe.node.NodeSettings;
import io.troupe.node.TradingNode;
import io.troupe.venue.VenueCommand;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One actor system for many runs, one after another (a benchmark's rounds, a search's candidates): each run's node is a
 * child of its guardian, started fresh and stopped at the run's end. An actor system takes about 25 ms to start and 12
 * ms to stop, a third of a run over the 8 bundled pairs; here that is paid once. A run's results do not depend on it:
 * nothing but the node's own agents takes part in a run, and each node starts from nothing.
 *
 * <p>Not for runs at the same time: the system has the threads of one run ({@code troupe.backtest.threads}).
 */
public final class ReusedSystem implements NodeHost, AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(30);

  /** The guardian's protocol: start a node, stop one. */
  sealed interface Command {}

  private record StartNode(Behavior<NodeCommand> node, ActorRef<ActorRef<NodeCommand>> replyTo) implements Command {}

  private record StopNode(ActorRef<NodeCommand> node, ActorRef<Done> replyTo) implements Command {}

  private ActorSystem<Command> system;
  private Config createdWith;

  @Override
  public synchronized Started start(NodeSettings node, Behavior<VenueCommand> venue, Config systemConfig) {
    if (system == null) {
      system = ActorSystem.create(guardian(), "troupe", systemConfig);
      createdWith = systemConfig;
    } else if (!createdWith.withoutPath("troupe").equals(systemConfig.withoutPath("troupe"))) {
      // Another run's threads or dispatchers: this system cannot serve it as configured. (The troupe section is the
      // run's own: the node is built from its settings, and no actor reads it from the system.)
      throw new IllegalStateException("a reused actor system serves runs of one configuration only");
    }
    ActorSystem<Command> sys = system;
    ActorRef<NodeCommand> started = await(AskPattern.ask(sys, r -> new StartNode(TradingNode.create(node, venue), r), WAIT, sys.scheduler()));
    return new Started(sys, started, () -> await(AskPattern.<Command, Done>ask(sys, r -> new StopNode(started, r), WAIT, sys.scheduler())));
  }

  @Override
  public synchronized void close() {
    if (system != null) NodeHost.terminate(system);
    system = null;
  }

  private static Behavior<Command> guardian() {
    return Behaviors.setup(ctx -> {
      Map<ActorRef<NodeCommand>, ActorRef<Done>> stopping = new HashMap<>();
      long[] runs = {0};
      return Behaviors.receive(Command.class)
          .onMessage(StartNode.class, s -> {
            ActorRef<NodeCommand> node = ctx.spawn(s.node(), "node-" + ++runs[0]);
            ctx.watch(node);
            s.replyTo().tell(node);
            return Behaviors.same();
          })
          .onMessage(StopNode.class, s -> {
            if (!ctx.getChild(s.node().path().name()).isPresent()) {
              s.replyTo().tell(Done.getInstance()); // stopped already (it failed)
            } else {
              stopping.put(s.node(), s.replyTo());
              ctx.stop(s.node());
            }
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> {
            ActorRef<Done> waiting = stopping.remove(t.getRef().<NodeCommand>unsafeUpcast());
            if (waiting != null) waiting.tell(Done.getInstance());
            return Behaviors.same();
          })
          .build();
    });
  }

  private static <T> T await(CompletionStage<T> reply) {
    try {
      return reply.toCompletableFuture().get(WAIT.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the reused actor system", e);
    } catch (Exception e) {
      throw new IllegalStateException("the reused actor system did not answer: " + e, e);
    }
  }
}
