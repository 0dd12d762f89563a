package io.troupe.app.adviser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.adviser.AdviserSettings;
import io.troupe.app.cli.CliRun;
import io.troupe.app.paper.PaperRunner;
import io.troupe.app.paper.PaperRuns;
import io.troupe.app.paper.SessionObserver;
import io.troupe.gateway.adviser.ChatCompletionClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adviser in a paper session: every verdict journaled with its reason (and never the key); a resume replays its
 * steps from the journaled verdicts, not by asking again, so it decides as they did.
 */
class AdviserPaperTest {

  private static final String KEY = "sk-paper-test-0a1b2c3d4e5f6789";
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static ChatCompletionStub stub;

  @BeforeAll
  static void start() throws Exception {
    stub = new ChatCompletionStub(testKit.system(), KEY);
  }

  @AfterAll
  static void stop() throws Exception {
    stub.close();
    testKit.shutdownTestKit();
  }

  private static AdviserSetup adviser(String... urls) {
    List<AdviserSettings.Endpoint> endpoints = new java.util.ArrayList<>();
    for (int i = 0; i < urls.length; i++) endpoints.add(new AdviserSettings.Endpoint("e" + i, urls[i], "qwen2.5-7b", "TEST_KEY", 200));
    // The stub answers at once; the bound only covers the first request's connection on a loaded machine.
    AdviserSettings settings = new AdviserSettings(endpoints, 2, AdviserSettings.Action.VETO, 0.5, 0, Duration.ofSeconds(10), false, false);
    return AdviserSetup.of(settings, null, ChatCompletionClient.factory(Map.of("TEST_KEY", KEY), AdviserSetup.clientBound(settings.timeout())));
  }

  private static PaperRunner.Outcome run(Path data, Path state, AdviserSetup adviser) throws Exception {
    // The slice of SessionMetricsTest: the seed genomes trade in it.
    return PaperRuns.runner(data, state, Double.POSITIVE_INFINITY, Map.of("troupe.specialists.dir", PaperRuns.HOME.resolve("examples/genomes/seed").toString()),
        new PrintWriter(new StringWriter()), SessionObserver.NONE).withAdviser(adviser).run();
  }

  @Test
  void verdictsAreJournaledWithTheirReasonsAndAResumeReplaysThemWithoutAsking(@TempDir Path dir) throws Exception {
    List<String> rows = Files.readAllLines(PaperRuns.BTC);
    Path state = dir.resolve("state");
    Path data = PaperRuns.btcLines(dir, rows.subList(420, 660));
    PaperRunner.Outcome first = run(data, state, adviser(stub.url("veto"), stub.url("veto2")));
    assertTrue(stub.requestsTo("veto") > 0, "entries were reviewed");
    assertEquals(0, stub.refused.get(), "the key went as the bearer token");
    assertEquals(List.of(), first.result().positions().trades(), "a quorum of vetoes: no entry went through");

    Path events = dir.resolve("events.jsonl");
    CliRun export = CliRun.run("journal", "export", "--state", state.toString(), "--out", events.toString());
    assertEquals(0, export.exit(), export.err());
    String journal = Files.readString(events);
    List<String> advice = journal.lines().filter(l -> l.contains("AdviceRecorded")).toList();
    assertFalse(advice.isEmpty(), "no AdviceRecorded in the journal");
    assertTrue(advice.get(0).contains("volatility too high, stop too close"), advice.get(0));
    assertTrue(advice.get(0).contains("\"VETO\""), advice.get(0));
    assertFalse(journal.contains(KEY), "the key in the journal");
    CliRun verify = CliRun.run("journal", "verify", "--state", state.toString());
    assertEquals(0, verify.exit(), verify.out() + verify.err());

    // More data: the 240 journaled steps are replayed, then the rest runs live. The endpoints now lead nowhere: had the
    // replay asked, every entry would have passed, its fills differed from the journal's and the resume been refused.
    long asked = stub.requestsTo("veto") + stub.requestsTo("veto2");
    Path more = PaperRuns.btcLines(dir, rows.subList(420, 700));
    PaperRunner.Outcome resumed = run(more, state, adviser("http://127.0.0.1:9/a/v1", "http://127.0.0.1:9/b/v1"));
    assertEquals(240, resumed.replayedSteps());
    assertEquals(40, resumed.liveSteps());
    assertEquals(asked, stub.requestsTo("veto") + stub.requestsTo("veto2"));
  }
}
