package io.troupe.app.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.app.paper.SessionControls;
import io.troupe.app.paper.SessionObserver;
import io.troupe.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The HTTP API of a running session, and its dashboard at {@code /} ({@link DashboardRoutes}): bound before the session writes anything (a port in use is bad input), served
 * by an actor system of its own (two threads at most, so a busy client never takes the session's), fed through
 * {@link #observer()} and {@link #controls()}.
 */
public final class OperatorApi implements AutoCloseable {

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final SessionView view;
  private final SessionControls controls;

  private OperatorApi(ActorSystem<Void> system, ServerBinding binding, SessionView view, SessionControls controls) {
    this.system = system;
    this.binding = binding;
    this.view = view;
    this.controls = controls;
  }

  /**
   * Binds {@code address} (named {@code option} in errors) and serves the API, with {@code extra} routes beside it
   * (the metrics), read with a viewer's token. Without tokens it serves the read endpoints only, and only on the
   * loopback interface.
   */
  public static OperatorApi start(HttpAddress address, String option, ApiTokens tokens, Config config, PrintWriter err, List<Route> extra) {
    if (tokens.isEmpty() && !address.isLoopback()) {
      throw new InvalidInputException(option + " " + address + ": without tokens the API serves this machine alone (127.0.0.1); give --tokens FILE "
          + "(or TROUPE_TOKENS_FILE) to serve " + address.host());
    }
    Config own = ConfigFactory.parseString("""
        pekko.actor.default-dispatcher.fork-join-executor { parallelism-min = 1, parallelism-max = 2 }
        pekko.http.server.server-header = troupe
        # A signal stops the session through GracefulStop, which closes this server after the step: Pekko's own JVM
        # hook must not tear it down first.
        pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
        # The API's own system stays in this process: on a clustered session config has cluster.conf in it, which
        # would make it a cluster node of its own with remoting on the default port.
        pekko.actor.provider = local
        """).withFallback(config);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "troupe-http", own);
    try {
      EventHub events = new EventHub(ApiJson::event);
      SessionView view = new SessionView(config.getInt("troupe.http.fills-kept"), events);
      SessionControls controls = new SessionControls();
      ApiRoutes api = new ApiRoutes(view, controls, tokens, config, system.scheduler(), system.executionContext(), openApi());
      // The dashboard before the extra routes: those answer 401 to any path without a viewer's token.
      Route served = Directives.concat(api.routes(), new DashboardRoutes().routes());
      Route route = extra.isEmpty() ? served : Directives.concat(served, api.guarded(extra));
      ServerBinding binding = Http.get(system).newServerAt(address.host(), address.port()).bind(route).toCompletableFuture().get(30, TimeUnit.SECONDS);
      InetSocketAddress bound = binding.localAddress();
      String access = tokens.isEmpty() ? "no tokens: read endpoints only, on this machine only"
          : tokens.count(ApiTokens.Role.OPERATOR) + " operator and " + tokens.count(ApiTokens.Role.VIEWER) + " viewer tokens";
      String root = "http://" + new HttpAddress(bound.getHostString(), bound.getPort());
      err.println("http: the API is at " + root + "/api/v1 (" + access + "); the dashboard at " + root + "/");
      err.flush();
      return new OperatorApi(system, binding, view, controls);
    } catch (ExecutionException e) {
      system.terminate();
      Throwable cause = e.getCause();
      for (Throwable c = cause; c != null; c = c.getCause()) {
        if (c instanceof BindException) {
          throw new InvalidInputException(option + " " + address + ": cannot listen there (" + c.getMessage()
              + "); is another session serving it? Give another --http HOST:PORT, or --http off", c);
        }
      }
      throw new IllegalStateException("http: cannot start the API on " + address + ": " + cause, cause);
    } catch (InterruptedException | TimeoutException e) {
      system.terminate();
      throw new IllegalStateException("http: the API did not bind " + address + " within 30 s", e);
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  private static byte[] openApi() {
    try (InputStream in = OperatorApi.class.getResourceAsStream("openapi.json")) {
      if (in == null) throw new IllegalStateException("openapi.json is missing from the build");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read openapi.json: " + e.getMessage(), e);
    }
  }

  /** What the session tells the API at each step. */
  /** {@code stalledMillis}: how long the session's feed has been stalled (-1 while bars come), shown by /status. */
  public void watchData(java.util.function.LongSupplier stalledMillis) {
    view.watchData(stalledMillis);
  }

  public SessionObserver observer() {
    return view;
  }

  /** Where the API queues the operators' controls for the session's step boundaries. */
  public SessionControls controls() {
    return controls;
  }

  public InetSocketAddress address() {
    return binding.localAddress();
  }

  /** Stops serving: open event streams end, the port is freed. */
  @Override
  public void close() {
    view.events.completeAll();
    try {
      binding.unbind().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the system's termination below frees the port anyway
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // nothing the session needs is held here
    }
  }
}
