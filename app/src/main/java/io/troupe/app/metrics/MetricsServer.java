package io.troupe.app.metrics;

import com.typesafe.config.Config;
import io.troupe.model.InvalidInputException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * Serves {@link MetricsRoute} on its own address ({@code troupe paper --metrics HOST:PORT}) from an actor system of its
 * own, bound before the session starts: an address that cannot be had is refused before anything is journaled, and the
 * endpoint answers through recovery and replay too. Until the operator's HTTP API mounts the route beside its own.
 */
public final class MetricsServer implements AutoCloseable {

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private boolean closed;

  private MetricsServer(ActorSystem<Void> system, ServerBinding binding) {
    this.system = system;
    this.binding = binding;
  }

  /** Binds {@code host:port} ({@code option} names it in a refusal); port 0 takes a free one. */
  public static MetricsServer start(String option, String host, int port, SessionMetrics metrics, Config config) {
    probe(option, host, port);
    // A signal stops the session through GracefulStop, which closes this server after the step: Pekko's own JVM hook
    // must not tear it down first.
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "troupe-metrics",
        com.typesafe.config.ConfigFactory.parseString("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off").withFallback(config));
    try {
      ServerBinding binding = Http.get(system).newServerAt(host, port).bind(MetricsRoute.route(metrics)).toCompletableFuture().get(10, TimeUnit.SECONDS);
      return new MetricsServer(system, binding);
    } catch (ExecutionException | TimeoutException e) {
      system.terminate();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new InvalidInputException(option + " " + host + ":" + port + ": cannot listen there: " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      system.terminate();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding " + option, e);
    }
  }

  /**
   * Tries the address with a plain socket first: Pekko's own refusal comes with a logged stack trace, and the user
   * needs one line. (The address could be taken between the two; then Pekko's refusal is reported, stack trace and all.)
   */
  private static void probe(String option, String host, int port) {
    String where = option + " " + host + ":" + port;
    java.net.InetAddress address;
    try {
      address = java.net.InetAddress.getByName(host);
    } catch (java.net.UnknownHostException e) {
      throw new InvalidInputException(where + ": cannot listen there: unknown host " + host);
    }
    try (java.net.ServerSocket s = new java.net.ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(address, port));
    } catch (java.io.IOException e) {
      throw new InvalidInputException(where + ": cannot listen there: " + e.getMessage());
    }
  }

  public InetSocketAddress address() {
    return binding.localAddress();
  }

  /** Stops serving; a second call does nothing. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    try {
      binding.unbind().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the actor system's end closes the socket anyway
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // nothing of the session depends on this system
    }
  }
}
