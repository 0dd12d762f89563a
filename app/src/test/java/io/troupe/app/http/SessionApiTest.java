package io.troupe.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.app.cli.TroupeCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paper session in its own JVM serving the API with an operator's and a viewer's token: every read answers; every
 * control refuses no token, a wrong token, the viewer's token and a malformed body, leaving the session as it was
 * (nothing journaled, nothing applied); an operator's halt is applied at a step boundary, shows in /status, and is in
 * the journal with the token's name and the reason, and no secret is anywhere.
 */
class SessionApiTest {

  /** Each control endpoint with a body it accepts (besides the reason) and one with a field of the wrong type. */
  record Control(String path, String valid, String wrongType, String wrongField) {}

  static final List<Control> CONTROLS = List.of(
      new Control("/halt", "{\"reason\":\"r\"}", "{\"reason\":\"r\",\"flatten\":\"yes\"}", "flatten"),
      new Control("/resume", "{\"reason\":\"r\"}", "{\"reason\":5}", "reason"),
      new Control("/kill", "{\"reason\":\"r\"}", "{\"reason\":[\"r\"]}", "reason"),
      new Control("/reducing", "{\"reason\":\"r\"}", "{\"reason\":true}", "reason"),
      new Control("/flatten", "{\"reason\":\"r\",\"symbol\":\"BTC-PERP\"}", "{\"reason\":\"r\",\"symbol\":7}", "symbol"),
      new Control("/orders/O1/cancel", "{\"reason\":\"r\"}", "{\"reason\":null}", "reason"),
      new Control("/orders/cancel-all", "{\"reason\":\"r\"}", "{\"reason\":{}}", "reason"),
      new Control("/orders/O1/modify", "{\"reason\":\"r\",\"quantity\":1}", "{\"reason\":\"r\",\"quantity\":\"1\"}", "quantity"));

  /** Bodies every control refuses with 400, and the field the answer must name (null: the body as a whole). */
  static final Map<String, String> MALFORMED = new LinkedHashMap<>();

  static {
    MALFORMED.put("{\"reason\": ", null);
    MALFORMED.put("[1, 2]", null);
    MALFORMED.put("{}", "reason");
    MALFORMED.put("{\"reason\":\"r\",\"color\":\"red\"}", "color");
  }

  @Test
  void readsAnswerControlsRefuseEveryBadCallerAndAnOperatorsHaltIsJournaled(@TempDir Path dir) throws Exception {
    Path tokens = ApiSession.tokens(dir);
    Path state = dir.resolve("state");
    // Paced at 25 ms a 1m bar (480 bars, 12 s): every call below, the halt last, came within 1 s of the first live
    // step (step 14 at 66 ms a bar) in the runs measured, which leaves room for a loaded machine; then the session runs
    // to its end.
    List<String> args = List.of("--to", "2022-01-01T08:00:00Z", "--speed", "2400", "--state", state.toString(), "--out", dir.resolve("out").toString(),
        "--http", "127.0.0.1:0", "--tokens", tokens.toString(), "--progress-every", "20");
    try (ApiSession s = new ApiSession(ApiSession.command(args), dir)) {
      s.awaitLive(ApiSession.VIEWER_SECRET);
      String viewer = ApiSession.VIEWER_SECRET;

      // Every read, as a viewer (and every route the API declares answers: none is missing from the router).
      JsonNode status = s.get("/status", viewer).body();
      for (String field : List.of("session_id", "trading_state", "trading_state_reason", "step", "time", "data_lag_seconds", "equity", "cash",
          "exposure", "drawdown", "uptime_seconds")) {
        assertTrue(status.has(field), "/status has " + field + ": " + status);
      }
      assertEquals("paper-session", status.get("session_id").asText());
      assertEquals("ok", status.path("journal").asText(), status.toString());
      assertTrue(status.get("journal_down_since").isNull(), status.toString());
      assertEquals("ACTIVE", status.get("trading_state").asText());
      for (String route : ApiRoutes.ROUTES) {
        if (!route.startsWith("GET /api/v1/") || route.endsWith("/events")) continue;
        String path = route.substring("GET /api/v1".length());
        ApiSession.Answer a = s.get(path, viewer);
        assertEquals(200, a.status(), route + ": " + a.text());
      }
      assertTrue(s.get("/regimes", viewer).body().path("regimes").has("BTC-PERP"));
      // What runs where: in one process, the one member hosts every role, the desk and the account group.
      JsonNode cluster = s.get("/cluster", viewer).body();
      assertFalse(cluster.get("clustered").asBoolean(), cluster.toString());
      assertEquals(1, cluster.get("members").size(), cluster.toString());
      JsonNode only = cluster.get("members").get(0);
      assertEquals("[\"account\",\"desk\",\"feed\"]", only.get("roles").toString());
      assertEquals("[\"BTC-PERP\"]", only.get("desks").toString());
      assertEquals("Up", only.get("status").asText());
      assertTrue(only.get("account_singleton").asBoolean(), cluster.toString());
      assertEquals(only.get("address").asText(), cluster.get("account_singleton").asText());
      // The session's metrics, beside the API and behind its tokens.
      ApiSession.Answer metrics = s.getFromRoot("/metrics", viewer);
      assertEquals(200, metrics.status(), metrics.text());
      assertTrue(metrics.text().contains("troupe_equity{session=\"paper-session\"}"), metrics.text());
      assertEquals(401, s.getFromRoot("/metrics", null).status());
      assertTrue(s.get("/risk", viewer).body().path("limits").has("max_position_pct"));
      assertTrue(s.get("/equity?max_points=10", viewer).body().path("points").size() <= 10);
      assertEquals(400, s.get("/equity?max_points=two", viewer).status());
      assertEquals("max_points", s.get("/equity?max_points=two", viewer).body().path("field").asText());
      assertEquals(400, s.get("/fills?since=-1", viewer).status());
      assertEquals(401, s.get("/status", null).status());
      assertEquals(401, s.get("/status", "not-a-token-at-all").status());
      assertEquals(200, s.get("/status", ApiSession.OPERATOR_SECRET).status(), "an operator reads too");

      // The event stream: a state event on connect, then one equity event per step.
      assertTrue(eventTypes(s, 3).containsAll(List.of("state", "equity")));

      // Every control, against every bad caller: refused, and the session is as it was.
      for (Control c : CONTROLS) {
        expectRefused(s, c, null, c.valid(), 401, null);
        expectRefused(s, c, "wrong-" + ApiSession.OPERATOR_SECRET, c.valid(), 401, null);
        expectRefused(s, c, viewer, c.valid(), 403, null);
        for (var m : MALFORMED.entrySet()) expectRefused(s, c, ApiSession.OPERATOR_SECRET, m.getKey(), 400, m.getValue());
        expectRefused(s, c, ApiSession.OPERATOR_SECRET, c.wrongType(), 400, c.wrongField());
      }
      // Unknown order ids and symbols are 404, naming what was not found.
      assertEquals(404, s.post("/orders/NO-SUCH/cancel", ApiSession.OPERATOR_SECRET, "{\"reason\":\"r\"}").status());
      assertEquals(404, s.post("/orders/NO-SUCH/modify", ApiSession.OPERATOR_SECRET, "{\"reason\":\"r\",\"stop_price\":1}").status());
      ApiSession.Answer unknownSymbol = s.post("/flatten", ApiSession.OPERATOR_SECRET, "{\"reason\":\"r\",\"symbol\":\"DOGE\"}");
      assertEquals(404, unknownSymbol.status());
      assertEquals("symbol", unknownSymbol.body().path("field").asText());
      assertFalse(s.stderr().contains(" by alice after step"), "no control was applied:\n" + s.stderr());

      // The happy path: an operator halts.
      ApiSession.Answer halt = s.post("/halt", ApiSession.OPERATOR_SECRET, "{\"reason\":\"api test: halt\",\"flatten\":false}");
      assertEquals(200, halt.status(), halt.text());
      assertEquals("HALTED", halt.body().get("trading_state").asText());
      assertEquals("alice", halt.body().get("by").asText());
      long afterStep = halt.body().get("after_step").asLong();
      JsonNode after = s.get("/status", viewer).body();
      assertEquals("HALTED", after.get("trading_state").asText(), after.toString());
      assertEquals("operator_halt", after.get("trading_state_reason").asText());
      JsonNode risk = s.get("/risk", viewer).body();
      assertEquals("operator_halt", risk.path("restrictions").get(0).path("code").asText());
      assertEquals("api test: halt", risk.path("restrictions").get(0).path("detail").asText());

      assertEquals(0, s.awaitExit(), s.stderr());
      // The journal holds exactly the one control: who, when (wall clock, event time, step), what and why.
      List<JsonNode> controls = controlEvents(state);
      assertEquals(1, controls.size(), controls.toString());
      JsonNode issued = controls.get(0);
      assertEquals("alice", issued.get("by").asText());
      assertEquals("api test: halt", issued.get("reason").asText());
      assertEquals("HALT", issued.get("control").get("action").asText());
      assertEquals(afterStep, issued.get("afterStep").asLong());
      assertTrue(issued.get("wallClock").asLong() > 0 && issued.get("time").asLong() > 0, issued.toString());
      // No secret in the journal, the logs or the output.
      String export = export(state);
      String everything = export + s.stderr() + Files.readString(dir.resolve("stdout.txt"));
      for (String secret : List.of(ApiSession.OPERATOR_SECRET, ApiSession.VIEWER_SECRET)) assertFalse(everything.contains(secret), "a secret leaked");
      JsonNode summary = ApiSession.JSON.readTree(dir.resolve("out/summary.json").toFile());
      assertEquals("HALTED", summary.get("trading_state").asText());
    }
  }

  /** A control refused with {@code status} (naming {@code field} when 400), and nothing changed by it. */
  private static void expectRefused(ApiSession s, Control c, String token, String body, int status, String field) throws Exception {
    ApiSession.Answer a = s.post(c.path(), token, body);
    String what = "POST " + c.path() + " with " + (token == null ? "no token" : token.equals(ApiSession.VIEWER_SECRET) ? "the viewer's token"
        : token.equals(ApiSession.OPERATOR_SECRET) ? "the operator's token" : "a wrong token") + " and " + body;
    assertEquals(status, a.status(), what + ": " + a.text());
    assertTrue(a.body().has("error"), what + " says why: " + a.text());
    if (status == 400 && field != null) assertEquals(field, a.body().path("field").asText(), what + ": " + a.text());
    if (status == 401) assertTrue(a.text().contains("token"), a.text());
    JsonNode now = s.get("/status", ApiSession.VIEWER_SECRET).body();
    assertEquals("ACTIVE", now.get("trading_state").asText(), what + " changed the trading state");
    assertEquals("", now.get("trading_state_reason").asText(), what + " added a restriction");
    assertFalse(s.stderr().contains(" by alice after step") || s.stderr().contains(" by bob after step"), what + " was applied");
  }

  /** The types of the first {@code count} events of /events. */
  private static List<String> eventTypes(ApiSession s, int count) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create(s.api + "/events")).header("Authorization", "Bearer " + ApiSession.VIEWER_SECRET)
        .timeout(Duration.ofSeconds(60)).GET().build();
    HttpResponse<Stream<String>> response = s.client().send(r, HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    CompletableFuture<List<String>> types = CompletableFuture.supplyAsync(() -> {
      List<String> out = new ArrayList<>();
      var it = response.body().iterator();
      while (out.size() < count && it.hasNext()) {
        String line = it.next();
        if (line.startsWith("event:")) out.add(line.substring("event:".length()).strip());
        if (line.startsWith("data:")) assertNotNull(readJson(line.substring("data:".length())));
      }
      return out;
    });
    try {
      return types.get(ApiSession.WAIT_SECONDS, TimeUnit.SECONDS);
    } finally {
      response.body().close();
    }
  }

  private static JsonNode readJson(String text) {
    try {
      return ApiSession.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError("an event's data is not JSON: " + text, e);
    }
  }

  /** What `troupe journal export` writes. */
  static String export(Path state) throws java.io.IOException {
    Path file = state.resolveSibling("export-" + System.nanoTime() + ".jsonl");
    var cli = TroupeCli.newCommandLine();
    cli.setErr(new PrintWriter(new StringWriter()));
    assertEquals(0, cli.execute("journal", "export", "--state", state.toString(), "--out", file.toString()));
    return Files.readString(file);
  }

  /** The payloads of the session's ControlIssued events, in journal order, as `troupe journal export` prints them. */
  static List<JsonNode> controlEvents(Path state) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : export(state).split("\n")) {
      if (line.isBlank()) continue;
      JsonNode e = ApiSession.JSON.readTree(line);
      if (e.get("manifest").asText().endsWith("$ControlIssued")) out.add(e.get("payload"));
    }
    return out;
  }
}
