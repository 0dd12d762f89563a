package io.troupe.gateway.binance;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgradeResponse;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Binance's WebSocket streams on the Pekko HTTP client, as a source of frames that never ends: each connection
 * starts with {@link Frame.Connected} (once the upgrade succeeded) followed by its text messages; a connection that
 * drops or fails is opened again with backoff (the URL asked for afresh: a user-data stream's listen key may have
 * changed). Pings are answered by Pekko HTTP.
 */
public final class BinanceWebSocket {
  private static final long TEXT_TIMEOUT_MS = 10_000;

  private BinanceWebSocket() {}

  public sealed interface Frame {
    /** A connection is up; what came before it may have been missed. {@code connection} counts from 1. */
    record Connected(String url, long connection) implements Frame {}

    record Text(String text) implements Frame {}
  }

  /** One connection's frames; completes when the server closes it. */
  public static Source<Frame, NotUsed> connection(ClassicActorSystemProvider system, String url, long number) {
    Http http = Http.get(system);
    Source<Message, CompletionStage<WebSocketUpgradeResponse>> raw =
        Source.<Message>maybe().viaMat(http.webSocketClientFlow(WebSocketRequest.create(url)), Keep.right());
    return Source.fromMaterializer((mat, attributes) -> {
          Pair<CompletionStage<WebSocketUpgradeResponse>, Source<Message, NotUsed>> running = raw.preMaterialize(mat);
          Source<Frame, NotUsed> connected = Source.completionStage(running.first().thenCompose(upgrade -> {
            if (upgrade.response().status().equals(StatusCodes.SWITCHING_PROTOCOLS)) return CompletableFuture.completedFuture((Frame) new Frame.Connected(url, number));
            return CompletableFuture.failedFuture(new IllegalStateException("WebSocket upgrade refused: HTTP " + upgrade.response().status().intValue()));
          }));
          Source<Frame, NotUsed> texts = running.second()
              .filter(Message::isText)
              .mapAsync(1, m -> {
                TextMessage t = m.asTextMessage();
                return t.isStrict() ? CompletableFuture.completedFuture(t.getStrictText()) : t.toStrict(TEXT_TIMEOUT_MS, mat).thenApply(TextMessage::getStrictText);
              })
              .map(text -> (Frame) new Frame.Text(text));
          return connected.concat(texts);
        })
        .mapMaterializedValue(x -> NotUsed.getInstance());
  }

  /** Connections one after the other, forever, with exponential backoff between them (reset once one has run a while). */
  public static Source<Frame, NotUsed> reconnecting(ClassicActorSystemProvider system, BinanceSettings settings, Supplier<CompletionStage<String>> url) {
    RestartSettings restart = RestartSettings.create(settings.reconnectMinBackoff(), settings.reconnectMaxBackoff(), 0.2);
    long[] count = {0};
    return RestartSource.withBackoff(restart, () -> {
      long n = ++count[0];
      return Source.completionStageSource(url.get().thenApply(u -> connection(system, u, n))).mapMaterializedValue(x -> NotUsed.getInstance());
    });
  }
}
