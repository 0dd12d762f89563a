package io.troupe.adviser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.troupe.adviser.AdviceVerdict.Opinion;
import io.troupe.adviser.AdviceVerdict.Outcome;
import io.troupe.model.OrderIntent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The adviser actor on endpoints the test answers by hand, under manual time: answers that come, fail, are not the
 * format, or never come before the deadline; a cache that answers instead of the endpoints; a late answer counted.
 */
class AdviserActorTest {

  private static final ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(com.typesafe.config.ConfigFactory.load("application-test")));
  private static final ManualTime time = ManualTime.get(testKit.system());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Endpoints whose every request is a future the test completes; the requests by endpoint name, in order. */
  static final class HandAnswered implements AdviceEndpoint.Factory {
    final Map<String, java.util.Queue<CompletableFuture<String>>> pending = new ConcurrentHashMap<>();
    final Map<String, java.util.Queue<String>> bodies = new ConcurrentHashMap<>();

    @Override
    public AdviceEndpoint open(org.apache.pekko.actor.typed.ActorSystem<?> system, AdviserSettings.Endpoint spec) {
      pending.put(spec.name(), new java.util.concurrent.ConcurrentLinkedQueue<>());
      bodies.put(spec.name(), new java.util.concurrent.ConcurrentLinkedQueue<>());
      return body -> {
        CompletableFuture<String> f = new CompletableFuture<>();
        bodies.get(spec.name()).add(body);
        pending.get(spec.name()).add(f);
        return f;
      };
    }

    CompletableFuture<String> next(String endpoint) {
      CompletableFuture<String> f = pending.get(endpoint).poll();
      if (f == null) throw new AssertionError("no request to " + endpoint);
      return f;
    }
  }

  private static final OrderIntent ENTRY = OrderIntent.entry("BTC", 60_000, 1.0, 100, "trending", "signal_long");
  private static final AdviserCommand.Entry ASKED = new AdviserCommand.Entry(ENTRY, null, 0);

  private static AdviserSettings settings(boolean cacheOnly) {
    return new AdviserSettings(AdviserQuorumTest.THREE, 2, AdviserSettings.Action.VETO, 0.5, 0, Duration.ofSeconds(2), cacheOnly, true);
  }

  static String verdict(String v, double c) {
    return VerdictParserTest.answer("{\"verdict\":\"" + v + "\",\"confidence\":" + c + ",\"reason\":\"r-" + v + "\"}");
  }

  @Test
  void twoVetoesComeInAndTheEntryIsVetoedWithoutWaitingForTheThird() {
    HandAnswered endpoints = new HandAnswered();
    ActorRef<AdviserCommand> adviser = testKit.spawn(AdviserActor.create(settings(false), endpoints, AdviceCache.empty()));
    TestProbe<AdviserCommand.Advised> probe = testKit.createTestProbe();
    adviser.tell(new AdviserCommand.Advise(60_000, List.of(ASKED), probe.ref()));
    awaitRequests(endpoints);
    endpoints.next("a").complete(verdict("veto", 0.9));
    probe.expectNoMessage(Duration.ofMillis(50));
    endpoints.next("b").completeExceptionally(new IllegalStateException("endpoint b answered HTTP 500"));
    endpoints.next("c").complete(verdict("veto", 0.7));
    AdviserCommand.Advised a = probe.receiveMessage();
    assertNull(a.intents().get(0));
    AdviceRuling r = a.rulings().get(0);
    assertEquals(AdviceRuling.Action.VETO, r.action());
    assertEquals(List.of(Outcome.ANSWERED, Outcome.ERROR, Outcome.ANSWERED), r.verdicts().stream().map(AdviceVerdict::outcome).toList());
    assertEquals("error: endpoint b answered HTTP 500", r.verdicts().get(1).reason());
  }

  @Test
  void aSlowEndpointIsNoOpinionAtTheDeadlineAndItsLateAnswerIsCountedNotUsed() {
    HandAnswered endpoints = new HandAnswered();
    ActorRef<AdviserCommand> adviser = testKit.spawn(AdviserActor.create(settings(false), endpoints, AdviceCache.empty()));
    TestProbe<AdviserCommand.Advised> probe = testKit.createTestProbe();
    adviser.tell(new AdviserCommand.Advise(60_000, List.of(ASKED), probe.ref()));
    awaitRequests(endpoints);
    endpoints.next("a").complete(verdict("veto", 0.9));
    endpoints.next("b").complete("{\"choices\":[{\"message\":{\"content\":\"I think you should buy\"}}]}");
    CompletableFuture<String> slow = endpoints.next("c");
    probe.expectNoMessage(Duration.ofMillis(50));
    time.timePasses(Duration.ofMillis(1999));
    probe.expectNoMessage(Duration.ofMillis(50));
    time.timePasses(Duration.ofMillis(1));
    AdviserCommand.Advised a = probe.receiveMessage();
    assertEquals(ENTRY, a.intents().get(0), "one veto of a quorum of two: passed");
    assertEquals(List.of(Outcome.ANSWERED, Outcome.MALFORMED, Outcome.TIMEOUT), a.rulings().get(0).verdicts().stream().map(AdviceVerdict::outcome).toList());
    assertEquals("no answer within 2000 ms", a.rulings().get(0).verdicts().get(2).reason());
    slow.complete(verdict("veto", 1.0));
    TestProbe<AdviserCommand.Report> reports = testKit.createTestProbe();
    reports.awaitAssert(() -> {
      adviser.tell(new AdviserCommand.GetReport(reports.ref()));
      AdviserCommand.Report report = reports.receiveMessage();
      assertEquals(1, report.late());
      assertEquals(Map.of("answered", 1L, "malformed", 1L, "timeout", 1L), report.outcomes());
      // A backtest records every outcome: its rerun from the cache is the same.
      assertEquals(3, report.added().size());
      return null;
    });
  }

  @Test
  void aCachedPromptIsAnsweredFromTheCacheAndNothingIsAsked() {
    HandAnswered endpoints = new HandAnswered();
    AdvicePrompt prompt = AdvicePrompt.of(ENTRY, null, 0);
    AdviceCache cache = new AdviceCache(List.of(
        new AdviceCache.Entry(prompt.hash(AdviserQuorumTest.THREE.get(0)), new AdviceVerdict("a", Opinion.VETO, 0.9, "r", Outcome.ANSWERED)),
        new AdviceCache.Entry(prompt.hash(AdviserQuorumTest.THREE.get(1)), new AdviceVerdict("b", Opinion.VETO, 0.8, "r", Outcome.ANSWERED))));
    ActorRef<AdviserCommand> adviser = testKit.spawn(AdviserActor.create(settings(true), endpoints, cache));
    TestProbe<AdviserCommand.Advised> probe = testKit.createTestProbe();
    adviser.tell(new AdviserCommand.Advise(60_000, List.of(ASKED), probe.ref()));
    AdviserCommand.Advised a = probe.receiveMessage();
    assertNull(a.intents().get(0));
    assertEquals(List.of(Outcome.CACHED, Outcome.CACHED, Outcome.NOT_CACHED), a.rulings().get(0).verdicts().stream().map(AdviceVerdict::outcome).toList());
    assertEquals(Map.of(), endpoints.pending, "cache only: no endpoint opened, none asked");
  }

  private static void awaitRequests(HandAnswered endpoints) {
    TestProbe<Object> waiter = testKit.createTestProbe();
    waiter.awaitAssert(() -> {
      for (String e : List.of("a", "b", "c")) {
        if (endpoints.pending.get(e) == null || endpoints.pending.get(e).isEmpty()) throw new AssertionError("no request to " + e + " yet");
      }
      return null;
    });
  }
}
