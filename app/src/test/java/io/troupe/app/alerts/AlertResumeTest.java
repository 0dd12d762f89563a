package io.troupe.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.ChildJava;
import io.troupe.app.cli.TroupeCli;
import io.troupe.app.metrics.Poll;
import io.troupe.app.paper.PaperRuns;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalEvent;
import io.troupe.persistence.JournalInspector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe paper} in its own JVM with a webhook, a drawdown breaker tight enough to trip at step 174 of the slice,
 * SIGKILLed after the breaker's alert, then resumed with the same command: a delivered alert is not sent again, and
 * one no webhook acknowledged before the kill is sent by the resume, once.
 */
class AlertResumeTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration BOUND = Duration.ofSeconds(180);
  static final String SECRET = "T0KEN-s3cr3t";
  static final String ALERT = "paper-session/breaker/drawdown@2022-01-01T08:53:00Z";

  static List<String> command(Path dir, WebhookReceiver receiver, String speed) {
    return List.of(ChildJava.BINARY, ChildJava.QUICK_START, "-cp", System.getProperty("java.class.path"), "-Dtroupe.home=" + PaperRuns.HOME, TroupeCli.class.getName(),
        "paper", "--data", PaperRuns.BTC.toString(), "--from", "2022-01-01T06:00", "--to", "2022-01-01T10:00", "--speed", speed,
        "--state", dir.resolve("state").toString(), "--out", dir.resolve("out").toString(), "--progress-every", "0",
        "--set", "troupe.risk.breakers.drawdown-pct=0.001",
        "--set", "troupe.alerts.webhooks=[{url=\"" + receiver.url("/hook/" + SECRET) + "\"}]",
        "--set", "troupe.alerts.backoff.initial=50ms", "--set", "troupe.alerts.backoff.max=200ms",
        // Paced at 37.5 ms a bar on a shared machine: a slow stretch is no subject here (AlertDeliveryTest has stalls).
        "--set", "troupe.alerts.data-stall-timeframes=1000",
        // The breaker trips at step 174 on the seed genomes' trade in this slice.
        "--set", "troupe.specialists.dir=" + PaperRuns.HOME.resolve("examples/genomes/seed"));
  }

  static Path outbox(Path dir) {
    return SessionAlerts.outboxFile(dir.resolve("state"), "paper-session");
  }

  /** The outbox's record of the breaker's alert, once it has one. */
  static Optional<JsonNode> recorded(Path dir) throws Exception {
    if (!Files.exists(outbox(dir))) return Optional.empty();
    for (JsonNode a : JSON.readTree(Files.readString(outbox(dir))).get("alerts")) {
      if (a.get("alert").get("id").asText().equals(ALERT)) return Optional.of(a);
    }
    return Optional.empty();
  }

  /**
   * Started at a pace that leaves the session running well after step 174 (37.5 ms a step: the 66 steps after it take
   * 2.5 s, and the kill came within 4 steps of it in the runs measured), killed once {@code until} holds.
   */
  static void runAndKill(Path dir, WebhookReceiver receiver, String what, java.util.concurrent.Callable<Optional<Boolean>> until) throws Exception {
    Process p = new ProcessBuilder(command(dir, receiver, "1600")).redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile()).start();
    try {
      Poll.until(BOUND, Duration.ofMillis(20), what, () -> {
        if (!p.isAlive()) throw new AssertionError("the session ended before it was killed: " + Files.readString(dir.resolve("first.log")));
        return until.call();
      });
      assertTrue(p.isAlive(), "still running when killed");
    } finally {
      p.destroyForcibly(); // SIGKILL: nothing of the session's end runs
      assertTrue(p.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS));
    }
  }

  /** The same command to the end, at full speed; what it printed. */
  static String resume(Path dir, WebhookReceiver receiver) throws Exception {
    Process p = new ProcessBuilder(command(dir, receiver, "max")).redirectErrorStream(true).redirectOutput(dir.resolve("resume.log").toFile()).start();
    assertTrue(p.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS), "the resume did not end");
    String printed = Files.readString(dir.resolve("resume.log"));
    assertEquals(0, p.exitValue(), printed);
    assertTrue(printed.contains("paper: resuming session 'paper-session'"), printed);
    return printed;
  }

  @Test
  void aDeliveredAlertIsNotSentAgainAfterAKillAndAResume(@TempDir Path dir) throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      runAndKill(dir, receiver, "the breaker's alert recorded as delivered",
          () -> recorded(dir).filter(a -> a.get("delivered_to").size() == 1).map(a -> true));
      assertEquals(List.of(ALERT), receiver.all.stream().map(WebhookReceiver.Request::alertId).toList());
      assertTrue(Files.readString(dir.resolve("first.log")).contains("paper: alert breaker at step 174: drawdown breaker tripped"));

      String resumed = resume(dir, receiver);
      assertEquals(List.of(ALERT), receiver.all.stream().map(WebhookReceiver.Request::alertId).toList(), "not sent again: " + resumed);
      assertFalse(resumed.contains("paper: alert"), resumed);
      noSecretIn(dir, Files.readString(dir.resolve("first.log")) + resumed);
    }
  }

  @Test
  void anAlertNoWebhookAcknowledgedBeforeAKillIsSentByTheResumeOnce(@TempDir Path dir) throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.refuseAll = true;
      runAndKill(dir, receiver, "the breaker's alert tried and recorded as pending",
          () -> recorded(dir).filter(a -> a.get("delivered_to").size() == 0 && !receiver.all.isEmpty()).map(a -> true));
      assertTrue(receiver.delivered.isEmpty());
      receiver.refuseAll = false;

      String resumed = resume(dir, receiver);
      assertTrue(resumed.contains("paper: alert " + ALERT + " was not delivered to webhook #1 (json, 127.0.0.1) before the session stopped: sending"
          + " it again"), resumed);
      List<String> delivered = new ArrayList<>();
      receiver.delivered.forEach(r -> delivered.add(r.alertId()));
      assertEquals(List.of(ALERT), delivered, "delivered once, by the resume");
      assertEquals(1, recorded(dir).orElseThrow().get("delivered_to").size());
      noSecretIn(dir, Files.readString(dir.resolve("first.log")) + resumed);
    }
  }

  /** The webhook's URL is in no output, no journal event and no file the session wrote. */
  static void noSecretIn(Path dir, String printed) throws Exception {
    assertFalse(printed.contains(SECRET), printed);
    try (JournalInspector j = JournalInspector.open(JournalConfig.h2(dir.resolve("state")))) {
      for (JournalEvent e : j.events("paper-session")) assertFalse(e.payload().toString().contains(SECRET), e.manifest());
    }
    try (var files = Files.walk(dir.resolve("out"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) assertFalse(Files.readString(f).contains(SECRET), f.toString());
    }
    assertFalse(Files.readString(outbox(dir)).contains(SECRET));
  }
}
