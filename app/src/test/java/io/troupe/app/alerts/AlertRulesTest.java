package io.troupe.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.paper.PaperRuns;
import io.troupe.model.TradingState;
import io.troupe.risk.Restriction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which events are alerts and their ids, the stall rule, the backoff, and the two failure hooks a stopping session calls. */
class AlertRulesTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final long T = Instant.parse("2022-01-01T08:53:00Z").toEpochMilli();

  @Test
  void eachNewRestrictionIsOneAlertNamedByItsCodeAndStart() {
    Restriction drawdown = new Restriction(TradingState.HALTED, "drawdown", "equity 9999.36 is 0.01% below the peak 10000.00", T, Restriction.OPERATOR_ONLY);
    Restriction halt = new Restriction(TradingState.HALTED, "operator_halt", "by the desk", T, Restriction.OPERATOR_ONLY);
    Restriction kill = new Restriction(TradingState.HALTED, "kill_switch", "fat finger", T, Restriction.OPERATOR_ONLY);
    Restriction reducing = new Restriction(TradingState.REDUCING, "operator_reducing", "calm down", T, Restriction.OPERATOR_ONLY);
    Restriction daily = new Restriction(TradingState.HALTED, "daily_loss", "5% down", T, T + 3_600_000);

    List<Alert> alerts = AlertRules.newRestrictions("s", 174, List.of(drawdown), List.of(drawdown, halt, kill, reducing, daily), NOW);
    assertEquals(List.of("s/halt/operator_halt@2022-01-01T08:53:00Z", "s/kill_switch/kill_switch@2022-01-01T08:53:00Z",
        "s/breaker/daily_loss@2022-01-01T08:53:00Z"), alerts.stream().map(Alert::id).toList(), "the drawdown was in force already; reducing is no alert");
    assertEquals("daily_loss breaker tripped: trading HALTED until 2022-01-01T09:53:00Z", alerts.get(2).title());
    assertEquals(174, alerts.get(0).step());
    assertEquals(T, alerts.get(0).eventTime());
    assertNull(AlertRules.restriction("s", 1, reducing, NOW));
    // The same restriction seen again (another path, a resume's replay) is the same alert.
    assertEquals(AlertRules.restriction("s", 174, drawdown, NOW).id(), AlertRules.restriction("s", 175, drawdown, NOW.plusSeconds(9)).id());
  }

  @Test
  void aStallIsThreeBarIntervalsOfWallTimeToldOncePerStall() {
    DataStallWatch w = new DataStallWatch(3, 6); // a 1m bar each 10 s
    long s = 1_000_000_000L;
    assertNull(w.check(0), "nothing before a bar");
    w.bar(1, 0, 0);
    assertNull(w.check(1000 * s), "the interval is not known from one bar");
    w.bar(2, 60_000, 10 * s);
    assertEquals(30_000, w.thresholdMillis());
    assertNull(w.check(40 * s), "30 s exactly is not beyond the threshold");
    w.active(35 * s); // the runner wrote its journal: the silence counts from there
    assertNull(w.check(45 * s));
    DataStallWatch.Stall stall = w.check(65 * s + 1_000_000);
    assertEquals(2, stall.step());
    assertEquals(30_001, stall.waitedMillis());
    assertNull(w.check(100 * s), "told once");
    w.bar(3, 120_000, 110 * s);
    assertNull(w.check(120 * s));
    assertEquals(3, w.check(141 * s).step(), "a later stall is another alert");
  }

  @Test
  void aLiveFeedWithAKnownIntervalStallsFromTheMomentTheSessionIsLiveBeforeAnyBar() {
    DataStallWatch w = new DataStallWatch(3, 1, 60_000); // a 1m feed at real time: three bars are 3 minutes
    long s = 1_000_000_000L;
    assertEquals(180_000, w.thresholdMillis(), "known from the timeframe, not from two steps");
    assertNull(w.check(1000 * s), "not live yet: nothing to say");
    w.armed(500, 1_641_000_000_000L, 1000 * s); // resumed with 500 steps done; the feed sends nothing
    assertEquals(-1, w.stalledMillis(1100 * s));
    assertNull(w.check(1180 * s), "3 minutes exactly is not beyond the threshold");
    DataStallWatch.Stall stall = w.check(1181 * s);
    assertEquals(500, stall.step(), "named by the last step before it: the resumed one");
    assertEquals(1_641_000_000_000L, stall.time());
    assertEquals(181_000, w.stalledMillis(1181 * s));
    w.armed(0, Long.MIN_VALUE, 2000 * s);
    assertNull(w.check(3000 * s), "armed once: told once");
    w.bar(501, 1_641_000_060_000L, 3000 * s);
    assertEquals(-1, w.stalledMillis(3001 * s), "bars again");
  }

  @Test
  void aStallOfASessionWithNoStepHasNoEventTime() {
    assertNull(AlertRules.dataStall("s", 0, Long.MIN_VALUE, 6000, 5000, NOW).eventTime());
    assertEquals(5L, AlertRules.dataStall("s", 3, 5, 6000, 5000, NOW).eventTime());
  }

  @Test
  void aStallLastsAtLeastTheFloorHoweverFastTheSession() {
    DataStallWatch w = new DataStallWatch(3, 600); // a 1m bar each 100 ms: three intervals are 300 ms
    w.bar(1, 0, 0);
    w.bar(2, 60_000, 100_000_000L);
    assertEquals(DataStallWatch.FLOOR_MILLIS, w.thresholdMillis());
    assertNull(w.check(2_000_000_000L), "a 2 s pause of a fast replay is no stall");
    assertEquals(2, w.check(5_200_000_000L).step());
  }

  @Test
  void backoffDoublesFromTheInitialWaitUpToItsCap() {
    AlertSettings s = new AlertSettings(List.of(), 6, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10), 3);
    assertEquals(List.of(1000L, 2000L, 4000L, 5000L, 5000L), List.of(1, 2, 3, 4, 5).stream().map(a -> s.backoff(a).toMillis()).toList());
  }

  @Test
  void aWebhookIsDescribedWithoutItsSecret() {
    Webhook w = new Webhook(1, URI.create("https://hooks.slack.com/services/T000/B000/XXXXSECRET"), Webhook.Format.SLACK, null);
    assertEquals("webhook #2 (slack, hooks.slack.com)", w.describe());
    assertFalse(w.key().contains("SECRET"));
    assertEquals(16, w.key().length());
  }

  @Test
  void aReconciliationDifferenceOrAJournalFailureIsDeliveredBeforeTheHookReturns(@TempDir Path dir) throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.failFirst.set(1);
      AlertSettings settings = AlertSettings.fromConfig(PaperRuns.config(Map.of("troupe.alerts.webhooks", List.of(Map.of("url", receiver.url("/hook"))),
          "troupe.alerts.backoff.initial", "50ms")));
      Path outbox = SessionAlerts.outboxFile(dir, "s");
      SessionAlerts alerts = new SessionAlerts("s", settings, outbox, Double.POSITIVE_INFINITY, new PrintWriter(new StringWriter()));
      alerts.reconciled(1499, List.of());
      assertTrue(receiver.all.isEmpty(), "no difference, no alert");
      alerts.reconciled(1499, List.of("position BTC-PERP 0.1 in the book, 0.0 in the journal"));
      // The hook waited for the delivery, retry included: the session may stop now.
      assertEquals(List.of(503, 200), receiver.all.stream().map(WebhookReceiver.Request::answered).toList());
      assertEquals("s/reconciliation/step-1499", receiver.all.get(1).alertId());
      var body = new ObjectMapper().readTree(receiver.all.get(1).body());
      assertEquals("position BTC-PERP 0.1 in the book, 0.0 in the journal", body.get("detail").asText());

      alerts.journalFailed(2000, "the journal refused a write: disk full");
      assertEquals("s/journal_failure/step-2000", receiver.all.get(2).alertId());
      alerts.ended(2000, 4000);

      // A second process on the same outbox (a resume that fails the same way) raises neither again.
      SessionAlerts again = new SessionAlerts("s", settings, outbox, Double.POSITIVE_INFINITY, new PrintWriter(new StringWriter()));
      again.reconciled(1499, List.of("position BTC-PERP 0.1 in the book, 0.0 in the journal"));
      again.ended(1499, 4000);
      assertEquals(3, receiver.all.size(), receiver.all.toString());
    }
  }

  @Test
  void eachLossOfTheJournalsConnectionIsItsOwnJournalFailureAlert() {
    java.time.Instant at = java.time.Instant.parse("2026-12-01T12:00:00Z");
    Alert first = AlertRules.journalConnectionLost("s", "Connection refused", java.time.Duration.ofSeconds(60), at);
    Alert second = AlertRules.journalConnectionLost("s", "Connection refused", java.time.Duration.ofSeconds(60), at.plusSeconds(90));
    assertEquals("journal_failure", first.kind());
    assertTrue(first.title().equals("the journal's connection is down; no step runs until it is back (reconnecting for up to 60 s)"), first.title());
    assertEquals("Connection refused", first.detail());
    assertFalse(first.id().equals(second.id()), "two losses are two alerts");
  }
}
