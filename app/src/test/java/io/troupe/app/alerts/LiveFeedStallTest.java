package io.troupe.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.cli.TroupeCli;
import io.troupe.app.paper.LiveFeed;
import io.troupe.app.paper.PaperRuns;
import io.troupe.gateway.binance.FakeBinance;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session on the fake Binance's kline stream that goes quiet: with no bar for the stall threshold (here 0.05 bar
 * intervals of a 1m feed, raised to the 5 s floor) the data-stall alert is posted once and {@code /status} says
 * {@code "data": "stalled"}; when bars come again it says {@code "ok"}.
 */
class LiveFeedStallTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern ADDRESS = Pattern.compile("http: the API is at (http://\\S+/api/v1)");
  static final int HISTORY = 60;
  static final int BARS = 80;

  @Test
  void aFeedThatStopsSendingRaisesTheDataStallAndShowsInStatus(@TempDir Path dir) throws Exception {
    System.setProperty("troupe.home", PaperRuns.HOME.toString());
    HttpClient http = HttpClient.newHttpClient();
    try (LiveFeed feed = new LiveFeed(BARS + 1, HISTORY); WebhookReceiver receiver = new WebhookReceiver()) {
      List<String> args = new ArrayList<>(List.of("paper", "--state", dir.resolve("state").toString(), "--out", dir.resolve("paper").toString(), "--http",
          "127.0.0.1:0", "--to", feed.time(BARS), "--set", "troupe.alerts.data-stall-timeframes=0.05", "--set",
          "troupe.alerts.webhooks=[{url=\"" + receiver.url("/hook") + "\"}]"));
      args.addAll(feed.options());
      StringWriter err = new StringWriter();
      CompletableFuture<Integer> exit = LiveFeed.start(args, err);
      FakeBinance.await(() -> err.toString().contains("connected to the live stream") || exit.isDone(), Duration.ofSeconds(60), "the kline stream");
      Matcher m = ADDRESS.matcher(err.toString());
      assertTrue(m.find(), err.toString());
      String api = m.group(1);

      // The history's steps ran; the stream sends nothing.
      String alert = "paper-session/data_stall/step-" + HISTORY;
      FakeBinance.await(() -> receiver.all.stream().anyMatch(r -> alert.equals(r.alertId())) || exit.isDone(), Duration.ofSeconds(60), "the stall alert");
      JsonNode stalled = status(http, api);
      assertEquals("stalled", stalled.path("data").asText(), stalled.toString());
      assertTrue(stalled.path("data_stalled_seconds").asDouble() > 5, stalled.toString());
      assertEquals(HISTORY, stalled.path("step").asLong(), stalled.toString());
      JsonNode body = JSON.readTree(receiver.all.stream().filter(r -> alert.equals(r.alertId())).findFirst().orElseThrow().body());
      assertEquals("data_stall", body.get("kind").asText());
      assertEquals(HISTORY, body.get("step").asLong());

      // Bars again: the data flows.
      feed.serveUpTo(HISTORY + 10);
      FakeBinance.await(() -> {
        JsonNode s = status(http, api);
        return s.path("step").asLong() == HISTORY + 10 && "ok".equals(s.path("data").asText());
      }, Duration.ofSeconds(60), "step " + (HISTORY + 10) + " and the data ok again");
      feed.serveUpTo(BARS + 1);
      assertEquals(0, exit.get(120, TimeUnit.SECONDS), err.toString());
      assertEquals(1, receiver.all.stream().filter(r -> r.alertId().contains("/data_stall/")).count(), "one stall, one alert: " + receiver.all);
    }
  }

  /**
   * A session resumed onto a feed that sends nothing: it replays its recording, connects, and no bar ever comes. The
   * stall is told from the moment it is live (the feed's timeframe gives the interval), named by the resumed step.
   */
  @Test
  void aFeedDeadRightAfterAResumeRaisesTheDataStall(@TempDir Path dir) throws Exception {
    System.setProperty("troupe.home", PaperRuns.HOME.toString());
    HttpClient http = HttpClient.newHttpClient();
    try (LiveFeed feed = new LiveFeed(BARS + 1, HISTORY); WebhookReceiver receiver = new WebhookReceiver()) {
      List<String> session = new ArrayList<>(List.of("--state", dir.resolve("state").toString(), "--out", dir.resolve("paper").toString(),
          "--http", "127.0.0.1:0", "--to", feed.time(BARS)));
      session.addAll(feed.options());
      // The first run takes the history, connects, and is stopped by SIGTERM after its step (no stall rule, no webhook).
      List<String> first = new ArrayList<>(session);
      first.addAll(List.of("--set", "troupe.alerts.data-stall-timeframes=1000"));
      io.troupe.app.paper.PaperProcess process = io.troupe.app.paper.PaperProcess.start(first, java.util.Map.of(), 0, dir.resolve("first.txt"));
      process.awaitLine(l -> l.contains("connected to the live stream"), "the kline stream", 120);
      process.process.destroy();
      assertEquals(143, process.awaitExit(120), process.tail());

      List<String> again = new ArrayList<>(List.of("paper"));
      again.addAll(session);
      again.addAll(List.of("--set", "troupe.alerts.data-stall-timeframes=0.05", "--set", "troupe.alerts.webhooks=[{url=\"" + receiver.url("/hook") + "\"}]"));
      StringWriter err = new StringWriter();
      CompletableFuture<Integer> exit = run(again, err);
      String alert = "paper-session/data_stall/step-" + HISTORY;
      FakeBinance.await(() -> receiver.all.stream().anyMatch(r -> alert.equals(r.alertId())) || exit.isDone(), Duration.ofSeconds(60),
          "the stall alert after the resume");
      assertTrue(!exit.isDone(), () -> "the session ended instead (exit " + exit.join() + "): " + err);
      assertTrue(err.toString().contains("resuming"), err.toString());
      Matcher m = ADDRESS.matcher(err.toString());
      assertTrue(m.find(), err.toString());
      JsonNode stalled = status(http, m.group(1));
      assertEquals("stalled", stalled.path("data").asText(), stalled.toString());
      assertEquals(HISTORY, stalled.path("step").asLong(), stalled.toString());
      JsonNode body = JSON.readTree(receiver.all.stream().filter(r -> alert.equals(r.alertId())).findFirst().orElseThrow().body());
      assertEquals(HISTORY, body.get("step").asLong());

      feed.serveUpTo(BARS + 1);
      assertEquals(0, exit.get(120, TimeUnit.SECONDS), err.toString());
      assertEquals(1, receiver.all.stream().filter(r -> r.alertId().contains("/data_stall/")).count(), "one stall, one alert: " + receiver.all);
    }
  }

  private static CompletableFuture<Integer> run(List<String> args, StringWriter err) {
    return CompletableFuture.supplyAsync(() -> {
      var cli = TroupeCli.newCommandLine();
      cli.setOut(new PrintWriter(new StringWriter()));
      cli.setErr(new PrintWriter(err, true));
      return cli.execute(args.toArray(String[]::new));
    });
  }

  private static JsonNode status(HttpClient http, String api) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/status")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new IllegalStateException("GET /status: " + e, e);
    }
  }
}
