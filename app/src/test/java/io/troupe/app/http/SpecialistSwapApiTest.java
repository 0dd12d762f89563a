package io.troupe.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.app.cli.CliRun;
import io.troupe.app.cli.TroupeCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swap end to end in a running paper session: refused swaps (bad genome, unknown strategy, bad parameter, a viewer,
 * an unknown desk) change nothing and are not queued; a replacement through {@code troupe specialist} and an add
 * through the API take over; a swap the desk refuses is answered 409. The swaps are journaled with who and why and
 * survive a kill twice: once replayed from the journal (no checkpoint after them yet), once restored from a checkpoint
 * taken after them. Every resume checks its replayed fills against the journal, and {@code journal verify} passes.
 */
class SpecialistSwapApiTest {

  static final Path GENOME = ApiSession.HOME.resolve("examples/genomes/trending-fast.json");
  static final String OP = ApiSession.OPERATOR_SECRET;

  @Test
  void specialistsSwappedThroughTheApiAndTheCliTakeOverAreJournaledAndSurviveKills(@TempDir Path dir) throws Exception {
    Path tokens = ApiSession.tokens(dir);
    Path tokenFile = dir.resolve("alice.token");
    Files.writeString(tokenFile, OP + "\n");
    Path state = dir.resolve("state");
    Path out = dir.resolve("out");
    List<String> common = new ArrayList<>(List.of("--to", "2022-01-02", "--state", state.toString(), "--out", out.toString(), "--tokens", tokens.toString(),
        "--progress-every", "10", "--set", "troupe.paper.checkpoint-every=300", "--set", "troupe.meta.swap.shadow-calls=0"));
    String genome = Files.readString(GENOME);
    long replacedAfter;
    long addedAfter;
    try (ApiSession first = new ApiSession(ApiSession.command(concat(common, "--speed", "1200", "--http", "127.0.0.1:0")), dir)) {
      first.awaitLive(ApiSession.VIEWER_SECRET);
      first.awaitStep(100);
      String path = "/desks/BTC-PERP/specialists";

      // Refused before anything is queued, with the command line's own messages.
      ApiSession.Answer badGenome = first.post(path, OP, "{\"reason\":\"r\",\"action\":\"replace\",\"name\":\"trending-default\",\"genome\":"
          + genome.replace("\"min_adx\": 20", "\"min_adx\": 99") + "}");
      assertEquals(400, badGenome.status(), badGenome.text());
      assertEquals("genome", badGenome.body().get("field").asText());
      assertEquals("genome: genome 'trending-fast': field 'params.min_adx' = 99.0 is out of range [20, 30]", badGenome.body().get("error").asText());
      ApiSession.Answer unknown = first.post(path, OP, "{\"reason\":\"r\",\"action\":\"add\",\"name\":\"x\",\"strategy\":\"moon\"}");
      assertEquals(400, unknown.status(), unknown.text());
      assertEquals("strategy", unknown.body().get("field").asText());
      assertTrue(unknown.body().get("error").asText().startsWith("unknown strategy 'moon'; available: "), unknown.text());
      ApiSession.Answer badParam = first.post(path, OP, "{\"reason\":\"r\",\"action\":\"add\",\"name\":\"x\",\"strategy\":\"sma-cross\",\"params\":{\"period\":0}}");
      assertEquals(400, badParam.status(), badParam.text());
      assertEquals("params", badParam.body().get("field").asText());
      assertEquals("parameter 'period' must be a whole number >= 1, got 0", badParam.body().get("error").asText());
      assertEquals(403, first.post(path, ApiSession.VIEWER_SECRET, "{\"reason\":\"r\",\"action\":\"remove\",\"name\":\"trending-default\"}").status());
      ApiSession.Answer noDesk = first.post("/desks/ETH/specialists", OP, "{\"reason\":\"r\",\"action\":\"remove\",\"name\":\"trending-default\"}");
      assertEquals(404, noDesk.status(), noDesk.text());

      // A replacement through the command line.
      CliRun replaced = CliRun.run("specialist", "replace", "--desk", "BTC-PERP", "--name", "trending-default", "--genome", GENOME.toString(),
          "--api", first.api, "--token-file", tokenFile.toString(), "--reason", "faster trend");
      assertEquals(0, replaced.exit(), replaced.err());
      assertTrue(replaced.out().contains("replacing trending-default on desk BTC-PERP with genome trending-fast (TRENDING): warming up in shadow on 28 of its 28"
          + " warm-up bars"), replaced.out());
      assertTrue(replaced.out().contains("trending-default (shadow)"), replaced.out());
      Matcher step = Pattern.compile("after step (\\d+) ").matcher(replaced.out());
      assertTrue(step.find(), replaced.out());
      replacedAfter = Long.parseLong(step.group(1));

      // An add through the API.
      ApiSession.Answer added = first.post(path, OP, "{\"reason\":\"second trend\",\"action\":\"add\",\"name\":\"trending-b\",\"genome\":" + genome + "}");
      assertEquals(200, added.status(), added.text());
      assertEquals("applied", added.body().get("status").asText());
      assertEquals("alice", added.body().get("by").asText());
      addedAfter = added.body().get("after_step").asLong();
      assertTrue(strings(added.body().get("specialists")).contains("trending-b (shadow)"), added.text());

      // The desk refuses what it cannot take: answered 409, nothing changed (journaled as asked).
      CliRun strategy = CliRun.run("specialist", "add", "--desk", "BTC-PERP", "--name", "smac", "--strategy", "sma-cross", "--param", "period=20",
          "--api", first.api, "--token-file", tokenFile.toString(), "--reason", "try a cross");
      assertEquals(2, strategy.exit(), strategy.out());
      assertTrue(strategy.err().contains("refused by the desk, nothing changed: desk BTC-PERP selects by regime: a new specialist needs a genome"),
          strategy.err());

      // Warm on the desk's recent bars, with no shadow calls asked for, both take over at the next boundary.
      first.awaitStep((int) addedAfter + 10);
      JsonNode specialists = first.get("/specialists", ApiSession.VIEWER_SECRET).body();
      JsonNode weights = specialists.get("weights").get("BTC-PERP");
      assertTrue(weights.has("trending-b") && weights.has("trending-default"), weights.toString());
      assertEquals(List.of("crisis-default", "ranging-default", "trending-default", "volatile-default", "trending-b"),
          strings(specialists.get("lineups").get("BTC-PERP")), "both sit, the replacement in the replaced one's place");
      first.process.destroyForcibly(); // SIGKILL, before the checkpoint at step 300
      assertTrue(first.process.waitFor(ApiSession.WAIT_SECONDS, TimeUnit.SECONDS));
    }
    assertTrue(addedAfter < 280, "the kill came before the first checkpoint: " + addedAfter);

    // Resumed from the first step (no checkpoint yet): the journaled swaps are applied again at their boundaries.
    // Paced at 10 ms a 1m bar: killed past step 340, 260 steps before the next checkpoint (600).
    try (ApiSession second = new ApiSession(ApiSession.command(concat(common, "--speed", "6000", "--http", "127.0.0.1:0")), dir)) {
      second.awaitLine(Pattern.compile("paper: replaying the swap \\(replace trending-default on BTC-PERP with genome trending-fast \\(TRENDING\\)\\) by alice after step "
          + replacedAfter + ": faster trend"), "the replacement replayed");
      second.awaitLine(Pattern.compile("paper: replaying the swap \\(add trending-b .*\\) by alice after step " + addedAfter + ": second trend"), "the add replayed");
      second.awaitStep(340); // past the checkpoint at step 300, which holds the swapped desk
      second.process.destroyForcibly();
      assertTrue(second.process.waitFor(ApiSession.WAIT_SECONDS, TimeUnit.SECONDS));
    }

    // Resumed from that checkpoint: the desk comes back with its new specialists, and the replayed steps agree.
    try (ApiSession third = new ApiSession(ApiSession.command(concat(common, "--speed", "max", "--http", "127.0.0.1:0")), dir)) {
      third.awaitLine(Pattern.compile("agents from the checkpoint at step 300"), "the resume from the checkpoint");
      assertEquals(0, third.awaitExit(), third.stderr());
      assertTrue(!third.stderr().contains("replaying the swap"), "the checkpoint holds the swaps: " + third.stderr());
    }

    List<JsonNode> controls = SessionApiTest.controlEvents(state);
    assertEquals(3, controls.size(), "the two swaps and the refused one, each journaled once: " + controls);
    JsonNode first = controls.get(0);
    assertEquals("alice", first.get("by").asText());
    assertEquals("faster trend", first.get("reason").asText());
    assertEquals(replacedAfter, first.get("afterStep").asLong());
    assertEquals("REPLACE", first.get("control").get("swap").get("change").asText());
    assertEquals(20, first.get("control").get("swap").get("definition").get("genome").get("params").get("min_adx").asInt());
    assertEquals(0, TroupeCli.newCommandLine().execute("journal", "verify", "--state", state.toString()));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) out.add(n.asText());
    return out;
  }

  private static List<String> concat(List<String> a, String... more) {
    List<String> all = new ArrayList<>(a);
    all.addAll(List.of(more));
    return all;
  }
}
