package io.troupe.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.paper.PaperRuns;
import io.troupe.app.paper.SessionObserver;
import io.troupe.risk.RiskCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts of a paper session run in this JVM, posted to a webhook the test runs on localhost: an operator's halt
 * (sent to the risk supervisor as the session goes live, as the HTTP API will) reaches each webhook once, in its format;
 * a webhook refusing the first two attempts gets it on the third; a data stall in a paced session is alerted.
 */
class AlertDeliveryTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String SECRET = "T0KEN-s3cr3t";

  /** Halts the account as the session goes live, between two steps. */
  static final SessionObserver HALT_AT_LIVE = new SessionObserver() {
    @Override
    public void live(Live session) {
      session.agents().risk().tell(new RiskCommand.Halt("halted by the test", false));
    }
  };

  static Map<String, Object> webhooks(Object... hooks) {
    return Map.of("troupe.alerts.webhooks", List.of(hooks), "troupe.alerts.backoff.initial", "50ms", "troupe.alerts.backoff.max", "200ms");
  }

  @Test
  void anOperatorsHaltReachesEachWebhookOnceInItsFormat(@TempDir Path dir) throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      Map<String, Object> sets = webhooks(
          Map.of("url", receiver.url("/json/" + SECRET)),
          Map.of("url", receiver.url("/slack/" + SECRET), "format", "slack"),
          Map.of("url", receiver.url("/bot" + SECRET + "/sendMessage"), "format", "telegram", "chat-id", "-100123"));
      StringWriter log = new StringWriter();
      Path outbox = SessionAlerts.outboxFile(dir.resolve("state"), "paper-session");
      SessionAlerts alerts = new SessionAlerts("paper-session", AlertSettings.fromConfig(PaperRuns.config(sets)), outbox, Double.POSITIVE_INFINITY,
          new PrintWriter(log, true));
      PaperRuns.runner(PaperRuns.btcBars(dir, 300), dir.resolve("state"), Double.POSITIVE_INFINITY, sets, new PrintWriter(new StringWriter()),
          SessionObserver.all(List.of(HALT_AT_LIVE, alerts))).run();

      // The session's end waited for the deliveries: every request is in.
      assertEquals(3, receiver.all.size(), receiver.all.toString());
      List<String> paths = new ArrayList<>();
      for (WebhookReceiver.Request r : receiver.all) {
        paths.add(r.path());
        assertEquals(200, r.answered());
        assertTrue(r.alertId().startsWith("paper-session/halt/operator_halt@"), r.alertId());
        JsonNode body = JSON.readTree(r.body());
        if (r.path().startsWith("/json")) {
          assertEquals("halt", body.get("kind").asText());
          assertEquals(r.alertId(), body.get("id").asText());
          assertEquals("paper-session", body.get("session").asText());
          assertEquals("halted by the test", body.get("detail").asText());
          assertTrue(body.has("event_time") && body.has("raised_at") && body.has("step"), r.body());
        } else if (r.path().startsWith("/slack")) {
          assertEquals(1, body.size(), r.body());
          assertTrue(body.get("text").asText().contains("halted by an operator") && body.get("text").asText().contains(r.alertId()), r.body());
        } else {
          assertEquals("-100123", body.get("chat_id").asText());
          assertTrue(body.get("text").asText().contains("halted by the test"), r.body());
        }
      }
      assertEquals(List.of("/bot" + SECRET + "/sendMessage", "/json/" + SECRET, "/slack/" + SECRET), paths.stream().sorted().toList());
      assertTrue(java.util.regex.Pattern.compile("paper: alert halt at step [01]: halted by an operator \\(halted by the test\\)").matcher(log.toString()).find(),
          log.toString());
      assertFalse(log.toString().contains(SECRET), "a webhook's URL is never printed: " + log);
      String recorded = Files.readString(outbox);
      assertFalse(recorded.contains(SECRET), "nor written: " + recorded);
      assertEquals(3, JSON.readTree(recorded).get("alerts").get(0).get("delivered_to").size(), recorded);
    }
  }

  @Test
  void aWebhookRefusingTheFirstTwoAttemptsGetsTheAlertOnTheThird(@TempDir Path dir) throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.failFirst.set(2);
      Map<String, Object> sets = webhooks(Map.of("url", receiver.url("/hook")));
      StringWriter log = new StringWriter();
      Path outbox = SessionAlerts.outboxFile(dir.resolve("state"), "paper-session");
      SessionAlerts alerts = new SessionAlerts("paper-session", AlertSettings.fromConfig(PaperRuns.config(sets)), outbox, Double.POSITIVE_INFINITY,
          new PrintWriter(log, true));
      PaperRuns.runner(PaperRuns.btcBars(dir, 300), dir.resolve("state"), Double.POSITIVE_INFINITY, sets, new PrintWriter(new StringWriter()),
          SessionObserver.all(List.of(HALT_AT_LIVE, alerts))).run();

      assertEquals(List.of(503, 503, 200), receiver.all.stream().map(WebhookReceiver.Request::answered).toList(), receiver.all.toString());
      assertEquals(1, receiver.all.stream().map(WebhookReceiver.Request::alertId).distinct().count(), "three attempts of one alert");
      assertEquals(1, receiver.all.stream().map(WebhookReceiver.Request::body).distinct().count(), "the same body each time");
      assertEquals(1, JSON.readTree(Files.readString(outbox)).get("alerts").get(0).get("delivered_to").size(), "recorded as delivered");
      assertFalse(log.toString().contains("not delivered"), log.toString());
    }
  }

  @Test
  void aWebhookThatNeverAcceptsLeavesTheAlertPendingAndSaysSo(@TempDir Path dir) throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.refuseAll = true;
      Map<String, Object> sets = new java.util.HashMap<>(webhooks(Map.of("url", receiver.url("/hook/" + SECRET))));
      sets.put("troupe.alerts.attempts", 3);
      StringWriter log = new StringWriter();
      Path outbox = SessionAlerts.outboxFile(dir.resolve("state"), "paper-session");
      SessionAlerts alerts = new SessionAlerts("paper-session", AlertSettings.fromConfig(PaperRuns.config(sets)), outbox, Double.POSITIVE_INFINITY,
          new PrintWriter(log, true));
      PaperRuns.runner(PaperRuns.btcBars(dir, 300), dir.resolve("state"), Double.POSITIVE_INFINITY, sets, new PrintWriter(new StringWriter()),
          SessionObserver.all(List.of(HALT_AT_LIVE, alerts))).run();

      assertEquals(3, receiver.all.size(), "troupe.alerts.attempts");
      assertTrue(log.toString().contains("not delivered to webhook #1 (json, 127.0.0.1) after 3 attempts (last: HTTP 503); it is sent again when the"
          + " session resumes"), log.toString());
      assertFalse(log.toString().contains(SECRET), log.toString());
      assertEquals(0, JSON.readTree(Files.readString(outbox)).get("alerts").get(0).get("delivered_to").size(), "still pending");
    }
  }

  @Test
  void noBarForThreeTimeframesInAPacedSessionIsADataStall(@TempDir Path dir) throws Exception {
    // 20 bars, then an hour with none, then 10 more; at speed 600 a 1m bar is 100 ms and the gap 6 s, beyond the
    // threshold (three bars, 300 ms, raised to the 5 s floor).
    List<String> rows = Files.readAllLines(PaperRuns.BTC);
    List<String> kept = new ArrayList<>(rows.subList(1, 21));
    kept.addAll(rows.subList(81, 91));
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      Map<String, Object> sets = webhooks(Map.of("url", receiver.url("/hook")));
      StringWriter log = new StringWriter();
      SessionAlerts alerts = new SessionAlerts("paper-session", AlertSettings.fromConfig(PaperRuns.config(sets)), null, 600, new PrintWriter(log, true));
      PaperRuns.runner(PaperRuns.btcLines(dir, kept), dir.resolve("state"), 600, sets, new PrintWriter(new StringWriter()), alerts).run();

      List<WebhookReceiver.Request> stalls = receiver.all.stream().filter(r -> r.alertId().contains("/data_stall/")).toList();
      assertTrue(stalls.stream().anyMatch(r -> r.alertId().equals("paper-session/data_stall/step-20")), receiver.all.toString());
      assertEquals(1, stalls.stream().filter(r -> r.alertId().equals("paper-session/data_stall/step-20")).count(), "one alert per stall");
      JsonNode body = JSON.readTree(stalls.stream().filter(r -> r.alertId().endsWith("step-20")).findFirst().orElseThrow().body());
      assertEquals("data_stall", body.get("kind").asText());
      assertEquals(20, body.get("step").asLong());
      assertTrue(body.get("detail").asText().contains("more than 5.0 s"), body.toString());
    }
  }

  @Test
  void anUnpacedSessionHasNoDataStalls(@TempDir Path dir) throws Exception {
    List<String> rows = Files.readAllLines(PaperRuns.BTC);
    List<String> kept = new ArrayList<>(rows.subList(1, 21));
    kept.addAll(rows.subList(41, 51));
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      Map<String, Object> sets = webhooks(Map.of("url", receiver.url("/hook")));
      SessionAlerts alerts = new SessionAlerts("paper-session", AlertSettings.fromConfig(PaperRuns.config(sets)), null, Double.POSITIVE_INFINITY,
          new PrintWriter(new StringWriter()));
      PaperRuns.runner(PaperRuns.btcLines(dir, kept), dir.resolve("state"), Double.POSITIVE_INFINITY, sets, new PrintWriter(new StringWriter()), alerts)
          .run();
      assertEquals(List.of(), receiver.all, "a gap in the data at --speed max is no stall");
    }
  }
}
