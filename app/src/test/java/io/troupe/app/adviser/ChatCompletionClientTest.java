package io.troupe.app.adviser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.adviser.AdviceEndpoint;
import io.troupe.adviser.AdviceVerdict;
import io.troupe.adviser.AdviserSettings;
import io.troupe.adviser.VerdictParser;
import io.troupe.gateway.adviser.ChatCompletionClient;
import io.troupe.model.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Pekko HTTP client against the local stub: each kind of answer, the key as a bearer token and never in a message. */
class ChatCompletionClientTest {

  private static final String KEY = "sk-test-7f3c9a1b2d4e6f80";
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

  private static AdviceEndpoint open(String mode, Map<String, String> env, Duration timeout) {
    return ChatCompletionClient.factory(env, timeout).open(testKit.system(), new AdviserSettings.Endpoint(mode, stub.url(mode), "qwen2.5", "STUB_KEY", 200));
  }

  private static String post(AdviceEndpoint e) throws Exception {
    return e.complete("{\"model\":\"qwen2.5\",\"messages\":[]}").toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void aVerdictComesBackWithTheKeyAsBearerToken() throws Exception {
    AdviceVerdict v = VerdictParser.fromResponse("veto", post(open("veto", Map.of("STUB_KEY", KEY), Duration.ofSeconds(5))));
    assertEquals(AdviceVerdict.Opinion.VETO, v.opinion());
    assertEquals("volatility too high, stop too close", v.reason());
    assertTrue(stub.bodies.contains("{\"model\":\"qwen2.5\",\"messages\":[]}"));
  }

  @Test
  void failuresNameTheEndpointAndTheStatusNeverTheKey() {
    for (String[] c : List.of(new String[] {"fail", "endpoint fail answered HTTP 500"}, new String[] {"nowhere", "endpoint nowhere answered HTTP 404"})) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> post(open(c[0], Map.of("STUB_KEY", KEY), Duration.ofSeconds(5))));
      assertEquals(c[1], e.getCause().getMessage());
    }
    ExecutionException wrongKey = assertThrows(ExecutionException.class, () -> post(open("approve", Map.of("STUB_KEY", "sk-wrong"), Duration.ofSeconds(5))));
    assertEquals("endpoint approve answered HTTP 401", wrongKey.getCause().getMessage());
  }

  @Test
  void aSlowEndpointTimesOutAtTheClientsBound() {
    ExecutionException e = assertThrows(ExecutionException.class, () -> post(open("slow", Map.of("STUB_KEY", KEY), Duration.ofMillis(300))));
    assertEquals("endpoint slow: timed out", e.getCause().getMessage());
  }

  @Test
  void aConnectionRefusedIsAnErrorNamingTheEndpoint() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    AdviceEndpoint e = ChatCompletionClient.factory(Map.of(), Duration.ofSeconds(5))
        .open(testKit.system(), new AdviserSettings.Endpoint("gone", "http://127.0.0.1:" + closed + "/v1", "m", "", 200));
    ExecutionException x = assertThrows(ExecutionException.class, () -> post(e));
    assertTrue(x.getCause().getMessage().startsWith("endpoint gone: "), x.getCause().getMessage());
  }

  @Test
  void aMissingKeyVariableIsBadInputNamingTheVariableAndTheClientNeverShowsTheKey() {
    AdviserSettings settings = new AdviserSettings(List.of(new AdviserSettings.Endpoint("q", stub.url("approve"), "m", "QWEN_API_KEY", 200)), 1,
        AdviserSettings.Action.VETO, 0.5, 0, Duration.ofSeconds(1), false, false);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ChatCompletionClient.checkKeys(settings, Map.of()));
    assertEquals("troupe.adviser.endpoints: endpoint q reads its key from QWEN_API_KEY, which is not set", e.getMessage());
    assertFalse(open("approve", Map.of("STUB_KEY", KEY), Duration.ofSeconds(1)).toString().contains(KEY));
  }
}
