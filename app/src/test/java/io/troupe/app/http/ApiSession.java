package io.troupe.app.http;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.ChildJava;
import io.troupe.app.cli.TroupeCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code troupe paper} in a child JVM serving its API on a free localhost port: its standard error read line by line,
 * the API's address taken from the line it prints at start, and a small JSON client for it.
 */
final class ApiSession implements AutoCloseable {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String BTC = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();
  static final String OPERATOR_SECRET = "op-secret-7f3a9c1e5b2d4f60";
  static final String VIEWER_SECRET = "view-secret-2b8e6d0a4c1f9e37";
  static final Pattern ADDRESS = Pattern.compile("http: the API is at (http://\\S+/api/v1)");
  static final Pattern PROGRESS = Pattern.compile("paper: step (\\d+)/");
  static final long WAIT_SECONDS = 120;
  static final String END = "\u0000end";
  static final ObjectMapper JSON = new ObjectMapper();

  final Process process;
  final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
  final Path dir;
  String api;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** A tokens file with an operator ({@code alice}) and a viewer ({@code bob}), readable by its owner alone. */
  static Path tokens(Path dir) throws IOException {
    Path file = dir.resolve("tokens");
    Files.writeString(file, "# name role secret\nalice operator " + OPERATOR_SECRET + "\nbob viewer " + VIEWER_SECRET + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** The paper command over the BTC data, with {@code args} after it. */
  static List<String> command(List<String> args) {
    List<String> c = new ArrayList<>(List.of(ChildJava.BINARY, ChildJava.QUICK_START, "-cp",
        System.getProperty("java.class.path"), "-Dtroupe.home=" + HOME, TroupeCli.class.getName(), "paper", "--data", BTC));
    c.addAll(args);
    return c;
  }

  ApiSession(List<String> command, Path dir) throws IOException {
    this.dir = dir;
    process = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lines.add(line);
          unread.add(line);
        }
      } catch (IOException ignored) {
        // killed: the pipe closed
      }
      unread.add(END);
    }, "paper-stderr");
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits for the API's address line, then until the session says it is live. */
  ApiSession awaitLive(String token) throws Exception {
    api = awaitLine(ADDRESS, "the API's address").group(1);
    // Asked every 20 ms, not in a spin: the session under test needs the cores more than this loop.
    boolean live;
    try {
      live = io.troupe.app.metrics.Poll.until(Duration.ofSeconds(WAIT_SECONDS), Duration.ofMillis(20), "live phase", () -> {
        if (!process.isAlive()) return Optional.of(false);
        return get("/status", token).body().path("phase").asText().equals("live") ? Optional.of(true) : Optional.empty();
      });
    } catch (AssertionError e) {
      throw new AssertionError("the session did not go live (" + e.getMessage() + "); its standard error:\n" + String.join("\n", lines), e);
    }
    if (!live) fail("the session ended before it went live; its standard error:\n" + String.join("\n", lines));
    return this;
  }

  /** The next line of standard error that matches, within the bound. */
  Matcher awaitLine(Pattern pattern, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (true) {
      String line = unread.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(END)) {
        if (line != null) unread.add(END);
        fail("no line for " + what + (line == null ? " (timeout)" : " before the process ended") + "; its standard error:\n" + String.join("\n", lines));
      }
      Matcher m = pattern.matcher(line);
      if (m.find()) return m;
    }
  }

  /** Waits until the session reports live step {@code step} or later. */
  int awaitStep(int step) throws InterruptedException {
    while (true) {
      int s = Integer.parseInt(awaitLine(PROGRESS, "live step " + step).group(1));
      if (s >= step) return s;
    }
  }

  /** Waits for the process to end; answers its exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(WAIT_SECONDS * 2, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("the session did not end; its standard error:\n" + String.join("\n", lines));
    }
    return process.exitValue();
  }

  record Answer(int status, JsonNode body, String text) {}

  Answer get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) b.header("Authorization", "Bearer " + token);
    return send(b.build());
  }

  /** A path from the server's root (beside the API), e.g. /metrics. */
  Answer getFromRoot(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.substring(0, api.length() - "/api/v1".length()) + path)).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) b.header("Authorization", "Bearer " + token);
    return send(b.build());
  }

  Answer post(String path, String token, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return send(b.build());
  }

  private Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      body = JSON.createObjectNode();
    }
    return new Answer(r.statusCode(), body, r.body());
  }

  HttpClient client() {
    return client;
  }

  String stderr() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) process.destroyForcibly();
  }
}
