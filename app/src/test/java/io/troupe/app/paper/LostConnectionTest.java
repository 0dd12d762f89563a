package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.cli.TroupeCli;
import io.troupe.persistence.JdbcSettings;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalEvent;
import io.troupe.persistence.JournalInspector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paper session on PostgreSQL loses its connection mid-session (a TCP proxy in front of the server, cut and
 * restored): back within {@code troupe.paper.journal-reconnect.max-time}, the session waits, reconnects and finishes
 * with the files of an unbroken run, every step and fill journaled once; never back, it ends within the bound with one
 * line naming the lost connection, exit 1, and keeps every step it reported. Each in its own JVM. While the session
 * reconnects, its API's /status and /metrics say so, and its trading state is left as it was.
 */
class LostConnectionTest {

  static final int STEPS = PaperKillRecoveryTest.STEPS;
  static final Pattern PROGRESS = PaperKillRecoveryTest.PROGRESS;
  static final String LOST = "lost the connection to the journal";
  static final String BACK = "the journal is back";

  @TempDir static Path shared;
  static Path reference;

  /** The unbroken run, in this JVM, on H2 (the backend changes nothing in the files). */
  @BeforeAll
  static void unbroken() {
    reference = referenceRun(shared);
  }

  static Path referenceRun(Path dir) {
    System.setProperty("troupe.home", PaperSessionTest.HOME.toString());
    Path out = dir.resolve("reference");
    StringWriter err = new StringWriter();
    var cli = TroupeCli.newCommandLine();
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("paper", "--data", PaperSessionTest.BTC, "--to", PaperKillRecoveryTest.TO, "--speed", "max", "--state",
        dir.resolve("reference-state").toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, exit, err.toString());
    return out;
  }

  @Test
  void aConnectionLostMidSessionAndBackInTimeFinishesAsIfUnbroken(@TempDir Path dir) throws Exception {
    PaperKillRecoveryTest.requirePostgres();
    String session = "reconnect-" + UUID.randomUUID();
    PaperProcess p;
    try (TcpProxy proxy = proxy()) {
      List<String> args = new ArrayList<>(args(dir, session, "60s"));
      args.addAll(List.of("--http", "127.0.0.1:0"));
      // Tries 100 ms apart, doubling to at most 1 s (500 ms to 5 s packaged): the three refused tries, and the one
      // after the restore, come within seconds rather than after 3.5 s and up to 5 s more.
      args.addAll(List.of("--set", "troupe.paper.journal-reconnect.min-backoff=100ms", "--set", "troupe.paper.journal-reconnect.max-backoff=1s"));
      p = PaperProcess.start(args, env(proxy), 0, dir.resolve("stdout.txt"));
      Matcher at = API.matcher(p.awaitLine(line -> API.matcher(line).find(), "the API's address", 90));
      assertTrue(at.find());
      String root = at.group(1);
      p.awaitLine(line -> progress(line) >= 200, "live step 200", 90);
      assertEquals("ok", status(root).path("journal").asText());
      proxy.cut();
      p.awaitLine(line -> line.contains(LOST), "the warning of the lost connection", 30);
      // The database stays away for a few of the session's tries: it waits and tries again, it does not go on.
      awaitCondition(() -> proxy.refused() >= 3, 30, "three refused tries to reconnect");
      // The operator sees it: /status and the metrics say the journal is reconnecting; the trading state is as it was.
      JsonNode down = status(root);
      assertEquals("reconnecting", down.path("journal").asText(), down.toString());
      assertTrue(Instant.parse(down.path("journal_down_since").asText()).isBefore(Instant.now()), down.toString());
      assertEquals("ACTIVE", down.path("trading_state").asText(), down.toString());
      assertEquals(down.path("step").asLong(), status(root).path("step").asLong(), "no step runs while the journal is away");
      String metrics = get(root + "/metrics");
      assertTrue(metrics.contains("troupe_journal_reconnecting{session=\"" + session + "\"} 1.0"), metrics);
      assertTrue(metrics.contains("troupe_trading_state{session=\"" + session + "\",state=\"ACTIVE\"} 1.0"), metrics);
      proxy.restore();
      p.awaitLine(line -> line.contains(BACK), "the warning that the journal is back", 60);
      JsonNode up = status(root);
      assertEquals("ok", up.path("journal").asText(), up.toString());
      assertTrue(up.path("journal_down_since").isNull(), up.toString());
      metrics = get(root + "/metrics");
      assertTrue(metrics.contains("troupe_journal_reconnecting{session=\"" + session + "\"} 0.0"), metrics);
      assertTrue(metrics.contains("troupe_journal_connection_losses_total{session=\"" + session + "\"} 1.0"), metrics);
      assertEquals(0, p.awaitExit(120), p.tail());
    }
    for (String f : PaperSessionTest.SAME_FILES) {
      assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(dir.resolve("out").resolve(f)), f);
    }
    assertEquals(1, count(p.stderr, LOST), p.tail());
    assertEquals(1, count(p.stderr, BACK), p.tail());
    // The operator is alerted once (the outbox and webhooks are AlertDeliveryTest's; here none is configured).
    assertEquals(1, count(p.stderr, "alert journal_failure: the journal's connection is down; no step runs until it is back"), p.tail());
    // No step ran while the journal was away.
    int lost = indexOf(p.stderr, LOST);
    int back = indexOf(p.stderr, BACK);
    for (String line : p.stderr.subList(lost, back)) assertTrue(progress(line) < 0, "a step ran while the journal was away: " + line);
    assertNoStackTrace(p.stderr);
    try (JournalInspector j = JournalInspector.open(JournalConfig.postgresFromEnvironment())) {
      PaperKillRecoveryTest.assertEveryStepOnce(j.events(session), STEPS);
    }
    assertEquals(0, TroupeCli.newCommandLine().execute("journal", "verify", "--postgres", "--session", session));
  }

  @Test
  void aConnectionNeverBackEndsTheSessionWithinTheBoundInOneLine(@TempDir Path dir) throws Exception {
    PaperKillRecoveryTest.requirePostgres();
    String session = "reconnect-" + UUID.randomUUID();
    PaperProcess p;
    int reported;
    long exitedAfter;
    int exit;
    try (TcpProxy proxy = proxy()) {
      p = PaperProcess.start(args(dir, session, "5s"), env(proxy), 0, dir.resolve("stdout.txt"));
      p.awaitLine(line -> progress(line) >= 200, "live step 200", 90);
      proxy.cut();
      long cutAt = System.nanoTime();
      p.awaitLine(line -> line.contains(LOST), "the warning of the lost connection", 30);
      exit = p.awaitExit(60);
      exitedAfter = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - cutAt);
      reported = p.stderr.stream().mapToInt(LostConnectionTest::progress).max().orElse(0);
    }
    assertEquals(TroupeCli.EXIT_INTERNAL, exit, p.tail());
    assertTrue(exitedAfter < 30, "ended " + exitedAfter + " s after the cut, for a bound of 5 s");
    List<String> errors = p.stderr.stream().filter(l -> l.startsWith("error:")).toList();
    assertEquals(1, errors.size(), p.tail());
    String error = errors.get(0);
    assertTrue(error.startsWith("error: paper: session '" + session + "': lost the connection to the journal (the PostgreSQL journal at jdbc:postgresql://"),
        error);
    assertTrue(error.contains("could not reconnect within 5 s"), error);
    assertNoStackTrace(p.stderr);
    assertEquals(0, count(p.stderr, BACK), p.tail());
    // Every step it reported had its start journaled before it ran; the session resumes from there, to the same end.
    try (JournalInspector j = JournalInspector.open(JournalConfig.postgresFromEnvironment())) {
      long started = j.events(session).stream().filter(e -> e.manifest().endsWith("$StepRecorded")).count();
      assertTrue(started >= reported, "reported step " + reported + ", the journal has " + started + " steps");
    }
    // In a JVM of its own like the session (its settings, troupe.home among them, are the journaled ones), straight to the database.
    PaperProcess resumed = PaperProcess.start(List.of("--data", PaperSessionTest.BTC, "--to", PaperKillRecoveryTest.TO, "--speed", "max", "--out",
        dir.resolve("resumed").toString(), "--set", "troupe.persistence.backend=postgres", "--session", session, "--quiet"), Map.of(), 0,
        dir.resolve("stdout-resumed.txt"));
    assertEquals(0, resumed.awaitExit(120), resumed.tail());
    for (String f : PaperSessionTest.SAME_FILES) {
      assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(dir.resolve("resumed").resolve(f)), f);
    }
  }

  static final Pattern API = Pattern.compile("http: the API is at (http://\\S+)/api/v1");
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** A GET of the session's API (no tokens: read-only, on this machine), expecting 200. */
  static String get(String url) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), url + ": " + r.body());
    return r.body();
  }

  static JsonNode status(String root) throws Exception {
    return new ObjectMapper().readTree(get(root + "/api/v1/status"));
  }

  private static List<String> args(Path dir, String session, String maxTime) {
    // Paced at 2.5 ms a 1m bar: live well past step 200, where the connection is cut (no step runs until it is back).
    return List.of("--data", PaperSessionTest.BTC, "--to", PaperKillRecoveryTest.TO, "--speed", "24000", "--progress-every", "10", "--out",
        dir.resolve("out").toString(), "--set", "troupe.persistence.backend=postgres", "--session", session, "--set",
        "troupe.paper.journal-reconnect.max-time=" + maxTime);
  }

  /** A proxy in front of the test database (TROUPE_PG_URL, default 127.0.0.1:5432). */
  static TcpProxy proxy() throws Exception {
    URI server = URI.create(JdbcSettings.fromConfig(JournalConfig.postgresFromEnvironment()).url().substring("jdbc:".length()));
    return TcpProxy.to(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
  }

  /** The child's journal through the proxy; user and password as the test's. */
  static Map<String, String> env(TcpProxy proxy) {
    URI server = URI.create(JdbcSettings.fromConfig(JournalConfig.postgresFromEnvironment()).url().substring("jdbc:".length()));
    String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getRawPath() + (server.getRawQuery() == null ? "" : "?" + server.getRawQuery());
    return Map.of(JournalConfig.PG_URL_ENV, url);
  }

  static int progress(String line) {
    Matcher m = PROGRESS.matcher(line);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  static long count(List<String> lines, String text) {
    return lines.stream().filter(l -> l.contains(text)).count();
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i;
    return -1;
  }

  /** No line of a Java stack trace, and no exception printed as one. */
  static void assertNoStackTrace(List<String> stderr) {
    for (String line : stderr) {
      if (line.startsWith("\tat ") || line.startsWith("Caused by:") || line.matches("^\\s+at [\\w.$]+\\(.*\\)$")) {
        fail("a stack trace on standard error:\n" + String.join("\n", stderr));
      }
    }
  }

  /** Waits, at most {@code seconds}, for a condition. */
  static void awaitCondition(BooleanSupplier condition, long seconds, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Object monitor = new Object();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) fail("no " + what + " within " + seconds + " s");
      synchronized (monitor) {
        monitor.wait(20);
      }
    }
  }
}
