package io.troupe.app.adviser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Materializer;

/**
 * A local server that speaks the OpenAI-compatible chat-completion format, on a free port of 127.0.0.1, for tests:
 * each endpoint is a path, {@code /MODE/v1/chat/completions}, whose MODE says how it answers: {@code approve} and
 * {@code veto} (a well-formed verdict), {@code malformed} (prose, not the JSON asked for), {@code fail} (HTTP 500),
 * {@code slow} (a verdict, but only after {@link #SLOW}); a number after the mode is another endpoint answering alike. With a key set, a request without it as its bearer token is
 * refused (401). It counts the requests each mode took and keeps the bodies.
 */
final class ChatCompletionStub implements AutoCloseable {

  static final Duration SLOW = Duration.ofSeconds(20);

  private final ServerBinding binding;
  private final String key;
  final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final AtomicLong refused = new AtomicLong();

  ChatCompletionStub(ActorSystem<?> system, String key) throws Exception {
    this.key = key;
    Materializer mat = Materializer.matFromSystem(system);
    this.binding = Http.get(system).newServerAt("127.0.0.1", 0).bind((org.apache.pekko.japi.function.Function<HttpRequest, CompletionStage<HttpResponse>>) request -> handle(request, mat)).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The base URL of the endpoint answering as {@code mode} (what troupe.adviser.endpoints[].url takes). */
  String url(String mode) {
    return "http://127.0.0.1:" + binding.localAddress().getPort() + "/" + mode + "/v1";
  }

  long requestsTo(String mode) {
    AtomicLong n = requests.get(mode);
    return n == null ? 0 : n.get();
  }

  private CompletionStage<HttpResponse> handle(HttpRequest request, Materializer mat) {
    String path = request.getUri().path();
    String[] parts = path.split("/");
    if (parts.length != 5 || !path.endsWith("/v1/chat/completions") || !request.method().value().equals("POST")) {
      return CompletableFuture.completedFuture(HttpResponse.create().withStatus(404));
    }
    String mode = parts[1];
    String auth = request.getHeader("Authorization").map(h -> h.value()).orElse("");
    if (key != null && !auth.equals("Bearer " + key)) {
      refused.incrementAndGet();
      return CompletableFuture.completedFuture(HttpResponse.create().withStatus(401));
    }
    requests.computeIfAbsent(mode, m -> new AtomicLong()).incrementAndGet();
    return request.entity().toStrict(5000, mat).thenCompose(strict -> {
      bodies.add(strict.getData().utf8String());
      // veto2, veto3...: more endpoints answering as veto does.
      return switch (mode.replaceAll("\\d+$", "")) {
        case "approve" -> ok(answer("{\"verdict\": \"approve\", \"confidence\": 0.9, \"reason\": \"trend and volume agree\"}"));
        case "veto" -> ok(answer("{\"verdict\": \"veto\", \"confidence\": 0.8, \"reason\": \"volatility too high, stop too close\"}"));
        case "malformed" -> ok(answer("Sure! I would approve this trade, it looks fine."));
        case "fail" -> CompletableFuture.completedFuture(HttpResponse.create().withStatus(500).withEntity("upstream model crashed"));
        case "slow" -> CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(SLOW.toMillis(), TimeUnit.MILLISECONDS))
            .thenCompose(x -> ok(answer("{\"verdict\": \"veto\", \"confidence\": 1, \"reason\": \"too late\"}")));
        default -> CompletableFuture.completedFuture(HttpResponse.create().withStatus(404));
      };
    });
  }

  private static CompletionStage<HttpResponse> ok(String body) {
    return CompletableFuture.completedFuture(HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON, body));
  }

  /** The format's answer, with {@code content} as the assistant's message. */
  static String answer(String content) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"stub\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"content\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(content) + "},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,\"total_tokens\":120}}";
  }

  @Override
  public void close() throws Exception {
    binding.terminate(Duration.ofSeconds(1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
