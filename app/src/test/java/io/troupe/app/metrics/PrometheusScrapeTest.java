package io.troupe.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.http.ApiTokens;
import io.troupe.app.http.HttpAddress;
import io.troupe.app.http.OperatorApi;
import io.troupe.app.paper.PaperRunner;
import io.troupe.app.paper.PaperRuns;
import io.troupe.app.paper.SessionObserver;
import io.troupe.model.EquityPoint;
import io.troupe.node.NodeCommand.StepAck;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's {@code prometheus}, which {@code .ci/run} installs when missing) scrapes a paper
 * session's {@code /metrics} from the operator's API, with a viewer's token from a credentials file, and its query API
 * returns the equity the session reported. The session runs in this JVM through {@link PaperRunner}, its API served
 * as {@code troupe paper} serves it; the test holds it open after one step (an observer that waits for the test to let
 * it go) so the figure Prometheus scrapes stands still long enough to be compared.
 */
class PrometheusScrapeTest {

  static final ObjectMapper JSON = new ObjectMapper();
  /** A step with a position open and fees paid: equity is no longer the starting cash. */
  static final long HOLD_AT = 800;
  static final Duration BOUND = Duration.ofSeconds(90);
  static final String VIEWER_SECRET = "prometheus-viewer-5d2c8e1f0a9b";
  static final String OPERATOR_SECRET = "prometheus-operator-7a1e4c9d2b6f";

  /** Holds the runner's thread after step {@link #HOLD_AT} until released, handing the test that step's answer. */
  static final class HoldAt implements SessionObserver {
    final BlockingQueue<StepAck> reached = new LinkedBlockingQueue<>();
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void stepCompleted(long step, long totalSteps, StepAck ack, long stepNanos) {
      if (step != HOLD_AT) return;
      reached.add(ack);
      try {
        release.await(3 * BOUND.toSeconds(), TimeUnit.SECONDS); // bounded: a failing test lets the session finish
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void aPrometheusServerScrapesTheEquityTheSessionReports(@TempDir Path dir) throws Exception {
    String prometheus = onPath("prometheus");
    Path data = PaperRuns.btcBars(dir, 900);
    SessionMetrics metrics = new SessionMetrics("paper-session", null);
    HoldAt hold = new HoldAt();
    // The API's tokens, and the viewer's secret alone in a file of its own for Prometheus (authorization.credentials_file).
    Path tokens = dir.resolve("tokens");
    Files.writeString(tokens, "grafana viewer " + VIEWER_SECRET + "\nalice operator " + OPERATOR_SECRET + "\n");
    Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
    Path credentials = dir.resolve("prometheus.token");
    Files.writeString(credentials, VIEWER_SECRET + "\n");
    Process server = null;
    StringWriter apiLog = new StringWriter();
    try (OperatorApi api = OperatorApi.start(new HttpAddress("127.0.0.1", 0), "--http", ApiTokens.read(tokens, new PrintWriter(apiLog)),
        PaperRuns.config(Map.of()), new PrintWriter(apiLog), List.of(MetricsRoute.route(metrics)))) {
      PaperRunner runner = PaperRuns.runner(data, dir.resolve("state"), Double.POSITIVE_INFINITY, Map.of(), new PrintWriter(new StringWriter()),
          SessionObserver.all(List.of(metrics, api.observer(), hold)));
      runner.withControls(api.controls());
      int port = api.address().getPort();
      CompletableFuture<PaperRunner.Outcome> session = CompletableFuture.supplyAsync(runner::run);
      StepAck held = hold.reached.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
      assertTrue(held != null, "the session did not reach step " + HOLD_AT + ": " + (session.isDone() ? session.handle((o, e) -> e).get() : "running"));
      double equity = held.account().equity();
      assertNotEquals(10_000.0, equity, "a position is open at step " + HOLD_AT + ", with fees paid");

      // The endpoint itself: the Prometheus text format, version 0.0.4.
      HttpClient http = HttpClient.newHttpClient();
      URI endpoint = URI.create("http://127.0.0.1:" + port + "/metrics");
      assertEquals(401, http.send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "no token, no metrics");
      HttpResponse<String> direct = http.send(HttpRequest.newBuilder(endpoint).header("Authorization", "Bearer " + VIEWER_SECRET).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, direct.statusCode());
      assertEquals("text/plain; version=0.0.4; charset=utf-8", direct.headers().firstValue("Content-Type").orElse("").toLowerCase());
      assertTrue(direct.body().contains("troupe_step{session=\"paper-session\"} " + (double) HOLD_AT), direct.body());

      // A real Prometheus, scraping every second.
      int prometheusPort = freePort();
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, String.join("\n",
          "global:",
          "  scrape_interval: 1s",
          "  evaluation_interval: 1s",
          "scrape_configs:",
          "  - job_name: troupe",
          "    authorization:",
          "      credentials_file: " + credentials,
          "    static_configs:",
          "      - targets: ['127.0.0.1:" + port + "']",
          ""));
      server = new ProcessBuilder(prometheus, "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
          "--web.listen-address=127.0.0.1:" + prometheusPort).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      String query = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query="
          + URLEncoder.encode("troupe_equity{session=\"paper-session\"}", StandardCharsets.UTF_8);
      Process started = server;
      double scraped = Poll.until(BOUND, Duration.ofMillis(200), "troupe_equity from Prometheus's query API", () -> {
        if (!started.isAlive()) throw new AssertionError("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(query)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) return Optional.empty();
        JsonNode result = JSON.readTree(r.body()).path("data").path("result");
        if (result.size() == 0) return Optional.empty();
        assertEquals("troupe", result.get(0).path("metric").path("job").asText(), r.body());
        assertEquals(1, result.size(), r.body());
        return Optional.of(Double.parseDouble(result.get(0).path("value").get(1).asText()));
      });
      assertEquals(equity, scraped, 0.0, "Prometheus holds the equity of step " + HOLD_AT);

      // Every expression of docs/grafana-dashboard.json parses and runs in this Prometheus.
      for (String expr : GrafanaDashboardTest.expressions()) {
        String promql = expr.replace("$session", "paper-session");
        if (promql.startsWith("label_values(")) continue; // Grafana's own function, not PromQL
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), promql + ": " + r.body());
        assertEquals("success", JSON.readTree(r.body()).path("status").asText(), promql + ": " + r.body());
      }

      hold.release.countDown();
      PaperRunner.Outcome outcome = session.get(BOUND.toSeconds(), TimeUnit.SECONDS);
      // The same figure in the equity curve the session writes out (equity.csv).
      EquityPoint point = outcome.result().positions().equity().stream().filter(p -> p.time() == held.time()).findFirst().orElseThrow();
      assertEquals(point.equity(), scraped, 0.0);
    } finally {
      hold.release.countDown();
      if (server != null) {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  static String onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(d, program);
      if (Files.isExecutable(p)) return p.toString();
    }
    throw new AssertionError(program + " is not installed: apt-get install prometheus (.ci/run installs it when missing)");
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
