package io.troupe.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.app.metrics.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every control's effect, through the API of one paper session in its own JVM, one after another: modify and cancel
 * of a resting entry, cancel-all, reducing, halt and resume, flatten of one symbol and of every position, the kill
 * switch. Each is proven on the session's state (/status, /orders, /positions, /risk, /trades) and, at the end, in the
 * journal: one {@code ControlIssued} per control with who, when (wall clock, event time, step) and why.
 *
 * <p>The settings keep maker entries resting: 2% inside the price, no market fallback on time, no stale or price-move
 * cancel; and positions long enough to act on (stop 4%, target 8%, max age 2 days). A position is opened on demand by
 * moving a resting entry's limit through the market: the venue cancels the post-only order as taking, and the order
 * manager sends what is left at market (its maker fallback).
 */
class ControlsEndToEndTest {

  static final String OPERATOR = ApiSession.OPERATOR_SECRET;
  static final String VIEWER = ApiSession.VIEWER_SECRET;
  static final Duration BOUND = Duration.ofSeconds(90);
  static final Duration EVERY = Duration.ofMillis(20);

  /** A control as answered: the answer's body, and the reason it was given with. */
  record Given(String action, String reason, JsonNode answer) {}

  private final List<Given> given = new ArrayList<>();

  @Test
  void everyControlTakesEffectInTheRunningSessionAndIsJournaledWithWhoWhenAndWhy(@TempDir Path dir) throws Exception {
    Path tokens = ApiSession.tokens(dir);
    Path state = dir.resolve("state");
    // Paced at 10 ms a 1m bar: a control is applied within a few bars of its POST, and each wait below is for the
    // seed genomes' next entry in event time (the same orders and steps as at 20 ms a bar, in half the time).
    List<String> args = List.of("--to", "2022-01-06", "--speed", "6000", "--state", state.toString(), "--out", dir.resolve("out").toString(),
        "--http", "127.0.0.1:0", "--tokens", tokens.toString(), "--progress-every", "50",
        "--set", "troupe.orders.maker.offset-pct=2", "--set", "troupe.orders.maker.market-fallback-after=0s",
        "--set", "troupe.orders.stale-limit-after=0s", "--set", "troupe.orders.cancel-on-move-pct=0",
        "--set", "troupe.exits.stop-pct=4", "--set", "troupe.exits.target-pct=8", "--set", "troupe.exits.max-age=2d",
        "--set", "troupe.http.control-wait=60s",
        // The controls are timed for the seed genomes' trades on these days.
        "--set", "troupe.specialists.dir=" + io.troupe.app.paper.PaperRuns.HOME.resolve("examples/genomes/seed"));
    long startedWall = System.currentTimeMillis();
    try (ApiSession s = new ApiSession(ApiSession.command(args), dir)) {
      s.awaitLive(VIEWER);

      // An unknown order is 404 for both order controls, and nothing is applied.
      assertEquals(404, s.post("/orders/O9999999/cancel", OPERATOR, "{\"reason\":\"r\"}").status());
      assertEquals(404, s.post("/orders/O9999999/modify", OPERATOR, "{\"reason\":\"r\",\"quantity\":1}").status());

      // modify: the resting entry's quantity and price change, as the venue confirmed them.
      JsonNode entry = awaitRestingEntry(s, List.of());
      String id = entry.get("order_id").asText();
      double quantity = entry.get("quantity").asDouble() / 2;
      double price = Math.round(entry.get("limit_price").asDouble() * 0.99);
      control(s, "modify", "/orders/" + id + "/modify", "{\"reason\":\"e2e: smaller and lower\",\"quantity\":" + quantity + ",\"limit_price\":" + price + "}");
      // The venue rounds the quantity down to its lot.
      JsonNode modified = until(s, "order " + id + " at the new quantity and price", () -> order(s, id)
          .filter(o -> o.get("limit_price").asDouble() == price && o.get("quantity").asDouble() < entry.get("quantity").asDouble()));
      assertTrue(modified.get("quantity").asDouble() <= quantity && modified.get("quantity").asDouble() > 0, modified.toString());
      assertEquals("WORKING", modified.get("status").asText(), modified.toString());

      // cancel: that order ends canceled, by the operator.
      control(s, "cancel", "/orders/" + id + "/cancel", "{\"reason\":\"e2e: cancel one\"}");
      JsonNode canceled = until(s, "order " + id + " canceled", () -> order(s, id).filter(o -> o.get("status").asText().equals("CANCELED")));
      assertTrue(canceled.get("reason").asText().endsWith("operator_cancel"), canceled.toString());
      assertEquals(409, s.post("/orders/" + id + "/cancel", OPERATOR, "{\"reason\":\"r\"}").status(), "a final order cannot be canceled again");

      // cancel-all: every entry working when it was given ends canceled (a position's stop and target would stay).
      awaitRestingEntry(s, List.of(id));
      List<String> working = new ArrayList<>();
      for (JsonNode o : get(s, "/orders?final=0").get("working")) {
        if (o.get("reason").asText().startsWith("signal_")) working.add(o.get("order_id").asText());
      }
      control(s, "cancel_all", "/orders/cancel-all", "{\"reason\":\"e2e: cancel all\"}");
      for (String w : working) until(s, "order " + w + " canceled by cancel-all", () -> order(s, w).filter(o -> o.get("status").asText().equals("CANCELED")));

      // reducing, while flat: entries are vetoed and no order is created until a resume.
      assertEquals(0, s.get("/positions", VIEWER).body().get("positions").size(), "flat before reducing");
      int vetoedBefore = s.get("/risk", VIEWER).body().path("vetoes_by_reason").path("reducing_only").asInt(0);
      JsonNode reducing = control(s, "reducing", "/reducing", "{\"reason\":\"e2e: reduce only\"}");
      assertEquals("REDUCING", reducing.get("trading_state").asText(), reducing.toString());
      assertEquals("REDUCING", s.get("/status", VIEWER).body().get("trading_state").asText());
      until(s, "an entry vetoed as reducing_only", () -> Optional.of(s.get("/risk", VIEWER).body())
          .filter(r -> r.path("vetoes_by_reason").path("reducing_only").asInt(0) > vetoedBefore));
      long reducedAt = Instant.parse(reducing.get("time").asText()).toEpochMilli();
      for (JsonNode o : allOrders(s)) {
        assertTrue(Instant.parse(o.get("created_at").asText()).toEpochMilli() <= reducedAt, "an order while reducing and flat: " + o);
      }

      // halt on top, then resume: every restriction lifts and the session trades again.
      JsonNode halt = control(s, "halt", "/halt", "{\"reason\":\"e2e: halt\",\"flatten\":false}");
      assertEquals("HALTED", halt.get("trading_state").asText(), halt.toString());
      assertEquals("HALTED", s.get("/status", VIEWER).body().get("trading_state").asText());
      JsonNode resume = control(s, "resume", "/resume", "{\"reason\":\"e2e: resume\"}");
      assertEquals("ACTIVE", resume.get("trading_state").asText(), resume.toString());
      JsonNode status = s.get("/status", VIEWER).body();
      assertEquals("ACTIVE", status.get("trading_state").asText(), status.toString());
      assertEquals("", status.get("trading_state_reason").asText(), status.toString());
      assertEquals(0, s.get("/risk", VIEWER).body().get("restrictions").size());

      // flatten one symbol: its position closes at market; the trading state stays.
      flattenOpenPosition(s, "e2e: open for flatten", "{\"reason\":\"e2e: flatten BTC\",\"symbol\":\"BTC-PERP\"}");

      // flatten every position.
      flattenOpenPosition(s, "e2e: open for flatten all", "{\"reason\":\"e2e: flatten all\"}");

      // kill: HALTED, every working order (the position's stop and target among them) canceled, every position flat.
      openPosition(s, "e2e: open for kill");
      List<String> workingAtKill = workingIds(s);
      assertFalse(workingAtKill.isEmpty(), "the position's stop and target rest at the venue");
      JsonNode kill = control(s, "kill", "/kill", "{\"reason\":\"e2e: kill switch\"}");
      assertEquals("HALTED", kill.get("trading_state").asText(), kill.toString());
      assertTrue(kill.get("trading_state_reason").asText().contains("kill_switch"), kill.toString());
      until(s, "no working order and no position after the kill", () -> Optional.of(s.get("/orders", VIEWER).body())
          .filter(o -> o.get("working").size() == 0 && positions(s).size() == 0));
      for (String w : workingAtKill) assertEquals("CANCELED", order(s, w).orElseThrow().get("status").asText(), w);
      status = s.get("/status", VIEWER).body();
      assertEquals("HALTED", status.get("trading_state").asText(), status.toString());
      assertEquals(0, status.get("open_positions").asInt(), status.toString());

      // SIGTERM: the session stops after its step, its journal durable.
      s.process.destroy();
      assertEquals(143, s.awaitExit(), s.stderr());
    }
    long stoppedWall = System.currentTimeMillis();

    // The journal: each control once, in the order given, with who, when and why, at the step its answer named.
    List<JsonNode> journaled = SessionApiTest.controlEvents(state);
    assertEquals(given.size(), journaled.size(), journaled.toString());
    for (int i = 0; i < given.size(); i++) {
      Given g = given.get(i);
      JsonNode e = journaled.get(i);
      assertEquals(g.action().toUpperCase(java.util.Locale.ROOT), e.get("control").get("action").asText(), e.toString());
      assertEquals("alice", e.get("by").asText(), e.toString());
      assertEquals(g.reason(), e.get("reason").asText(), e.toString());
      assertEquals(g.answer().get("after_step").asLong(), e.get("afterStep").asLong(), e.toString());
      assertEquals(Instant.parse(g.answer().get("time").asText()).toEpochMilli(), e.get("time").asLong(), e.toString());
      long wall = e.get("wallClock").asLong();
      assertTrue(wall >= startedWall && wall <= stoppedWall, "wall clock " + wall + " within the test: " + e);
    }
  }

  /** Posts a control as the operator, expects it applied (200), and remembers it for the journal's check. */
  private JsonNode control(ApiSession s, String action, String path, String body) throws Exception {
    ApiSession.Answer a = s.post(path, OPERATOR, body);
    assertEquals(200, a.status(), "POST " + path + " " + body + ": " + a.text());
    assertEquals("applied", a.body().get("status").asText(), a.text());
    assertEquals(action, a.body().get("action").asText(), a.text());
    assertEquals("alice", a.body().get("by").asText(), a.text());
    given.add(new Given(action, ApiSession.JSON.readTree(body).get("reason").asText(), a.body()));
    return a.body();
  }

  /** Waits for a maker entry (a post-only limit, nothing filled) resting at the venue, other than {@code seen}. */
  private static JsonNode awaitRestingEntry(ApiSession s, List<String> seen) {
    return until(s, "a resting maker entry", () -> {
      for (JsonNode o : s.get("/orders?final=0", VIEWER).body().get("working")) {
        boolean entry = o.get("type").asText().equals("LIMIT") && o.get("reason").asText().startsWith("signal_");
        if (entry && o.get("status").asText().equals("WORKING") && o.get("filled_quantity").asDouble() == 0
            && !seen.contains(o.get("order_id").asText())) {
          return Optional.of(o);
        }
      }
      return Optional.empty();
    });
  }

  /**
   * Opens a position: the next resting entry's limit moved 10% through the market, so the venue cancels it as taking
   * and the order manager sends it at market. Answers once /positions shows the position.
   */
  private void openPosition(ApiSession s, String reason) throws Exception {
    JsonNode entry = awaitRestingEntry(s, List.of());
    double through = entry.get("side").asText().equals("BUY") ? 1.10 : 0.90;
    double price = Math.round(entry.get("limit_price").asDouble() * through);
    control(s, "modify", "/orders/" + entry.get("order_id").asText() + "/modify", "{\"reason\":\"" + reason + "\",\"limit_price\":" + price + "}");
    until(s, "a position opened by " + entry.get("order_id").asText(), () -> Optional.of(positions(s)).filter(p -> p.size() > 0));
  }

  /**
   * Opens a position, flattens it with {@code flattenBody} and waits until it is flat, closed by the operator's flatten.
   * The session runs on while the control travels, so the strategy's own exit may close the position first (then the
   * flatten finds nothing to close): that attempt is done again with a new position, at most three times.
   */
  private void flattenOpenPosition(ApiSession s, String openReason, String flattenBody) throws Exception {
    List<String> exits = new ArrayList<>();
    for (int attempt = 1; attempt <= 3; attempt++) {
      // Counted before the position opens: whatever closes it afterwards is a new trade.
      int tradesBefore = s.get("/trades", VIEWER).body().get("total").asInt();
      openPosition(s, openReason);
      JsonNode answer = control(s, "flatten", "/flatten", flattenBody);
      assertEquals("ACTIVE", answer.get("trading_state").asText(), "a flatten leaves the trading state: " + answer);
      JsonNode trades = until(s, "flat after the flatten", () -> Optional.of(s.get("/trades?limit=10", VIEWER).body())
          .filter(t -> t.get("total").asInt() > tradesBefore && positions(s).size() == 0));
      JsonNode last = trades.get("trades").get(trades.get("trades").size() - 1);
      assertEquals("ACTIVE", get(s, "/status").get("trading_state").asText(), "a flatten leaves the trading state");
      if (last.get("exit_reason").asText().equals("operator_flatten")) return;
      exits.add(last.get("exit_reason").asText());
    }
    throw new AssertionError("no position was closed by the operator's flatten in three attempts; they closed by " + exits);
  }

  private static JsonNode positions(ApiSession s) {
    return get(s, "/positions").get("positions");
  }

  private static List<String> workingIds(ApiSession s) {
    List<String> ids = new ArrayList<>();
    for (JsonNode o : get(s, "/orders?final=0").get("working")) ids.add(o.get("order_id").asText());
    return ids;
  }

  /** Every order the order manager holds, working and final, by id. */
  private static List<JsonNode> allOrders(ApiSession s) {
    JsonNode orders = get(s, "/orders?final=10000");
    Map<String, JsonNode> all = new LinkedHashMap<>();
    for (JsonNode o : orders.get("final")) all.put(o.get("order_id").asText(), o);
    for (JsonNode o : orders.get("working")) all.put(o.get("order_id").asText(), o);
    return new ArrayList<>(all.values());
  }

  private static Optional<JsonNode> order(ApiSession s, String id) {
    return allOrders(s).stream().filter(o -> o.get("order_id").asText().equals(id)).findFirst();
  }

  private static JsonNode get(ApiSession s, String path) {
    try {
      ApiSession.Answer a = s.get(path, VIEWER);
      assertEquals(200, a.status(), path + ": " + a.text());
      return a.body();
    } catch (Exception e) {
      throw new AssertionError("GET " + path + ": " + e, e);
    }
  }

  /** Polls the API until {@code attempt} gives a value, within the bound; fails naming what never came, with the session's log. */
  private static <T> T until(ApiSession s, String what, Callable<Optional<T>> attempt) {
    try {
      return Poll.until(BOUND, EVERY, what, () -> {
        if (!s.process.isAlive()) throw new AssertionError("the session ended while waiting for " + what + ":\n" + s.stderr());
        return attempt.call();
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nthe session's standard error:\n" + s.stderr(), e);
    }
  }
}
