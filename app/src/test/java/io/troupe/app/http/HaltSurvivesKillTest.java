package io.troupe.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.app.cli.TroupeCli;
import io.troupe.app.report.CsvTable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A halt given through the API survives a SIGKILL and a resume: the resume replays the session from its first step
 * (no checkpoints), applies the journaled halt again at the boundary where it was given (the replay's fills check
 * that it lands there), and finishes HALTED, with no entry after the halt, the control journaled once.
 */
class HaltSurvivesKillTest {

  @Test
  void aHaltThroughTheApiIsAppliedAgainAtTheSameStepAfterAKill(@TempDir Path dir) throws Exception {
    Path tokens = ApiSession.tokens(dir);
    Path state = dir.resolve("state");
    Path out = dir.resolve("out");
    List<String> common = new ArrayList<>(List.of("--to", "2022-01-02", "--state", state.toString(), "--out", out.toString(), "--tokens", tokens.toString(),
        "--progress-every", "10", "--set", "troupe.paper.checkpoint-every=0"));
    long afterStep;
    String haltTime;
    // Paced at 10 ms a 1m bar: the halt is given after step 300 and the kill comes 60 steps after it, both long before
    // the last step (1499).
    try (ApiSession first = new ApiSession(ApiSession.command(concat(common, "--speed", "6000", "--http", "127.0.0.1:0")), dir)) {
      first.awaitLive(ApiSession.VIEWER_SECRET);
      first.awaitStep(300);
      ApiSession.Answer halt = first.post("/halt", ApiSession.OPERATOR_SECRET, "{\"reason\":\"kill test\"}");
      assertEquals(200, halt.status(), halt.text());
      afterStep = halt.body().get("after_step").asLong();
      haltTime = halt.body().get("time").asText();
      first.awaitStep((int) afterStep + 60);
      assertEquals("HALTED", first.get("/status", ApiSession.VIEWER_SECRET).body().get("trading_state").asText());
      first.process.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed
      assertTrue(first.process.waitFor(ApiSession.WAIT_SECONDS, TimeUnit.SECONDS));
    }

    // The same command resumes it (at full speed, the API on another free port).
    try (ApiSession resumed = new ApiSession(ApiSession.command(concat(common, "--speed", "max", "--http", "127.0.0.1:0")), dir)) {
      resumed.awaitLine(Pattern.compile("paper: replaying the halt by alice after step " + afterStep + ": kill test"), "the halt replayed");
      assertEquals(0, resumed.awaitExit(), resumed.stderr());
    }
    JsonNode summary = ApiSession.JSON.readTree(out.resolve("summary.json").toFile());
    assertEquals("HALTED", summary.get("trading_state").asText());
    List<JsonNode> controls = SessionApiTest.controlEvents(state);
    assertEquals(1, controls.size(), "journaled once: " + controls);
    assertEquals(afterStep, controls.get(0).get("afterStep").asLong());
    // No order opened after the halt: only the halt's own cancels and flattening exits.
    long halted = Instant.parse(haltTime).toEpochMilli();
    CsvTable orders = CsvTable.read(out.resolve("orders.csv"));
    for (var row : orders.rows()) {
      long created = Instant.parse(row.get("created_at")).toEpochMilli();
      if (created > halted) assertEquals("halt_flatten", row.get("reason"), "an order after the halt: " + row);
    }
    assertEquals(0, TroupeCli.newCommandLine().execute("journal", "verify", "--state", state.toString()));
  }

  private static List<String> concat(List<String> a, String... more) {
    List<String> all = new ArrayList<>(a);
    all.addAll(List.of(more));
    return all;
  }
}
