package io.troupe.app.http;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the API costs a session: {@code troupe paper --speed max} on the bundled BTC month (45,031 steps), run from the
 * runnable jar in its own JVM, without the API, with it, and with it while a client (this JVM) polls /status 10 times
 * a second and reads /events. The three are interleaved round by round, each round starting with the next, so a
 * machine's drift hits each alike; the
 * median live bars/s of each is printed. Not a test. From the project folder, after {@code mvn -B -DskipTests package}
 * and {@code mvn -B test-compile -pl app -am}:
 * <pre>
 * java -cp app/target/test-classes:app/target/troupe.jar io.troupe.app.http.ApiSpeedBenchmark [rounds, default 3]
 * </pre>
 */
public final class ApiSpeedBenchmark {

  static final Pattern LIVE = Pattern.compile("(\\d+) live in ([0-9.]+) s \\((\\d+) bars/s\\)");
  static final Pattern ADDRESS = Pattern.compile("http: the API is at (http://\\S+/api/v1)");

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path home = Path.of("").toAbsolutePath();
    Path jar = home.resolve("app/target/troupe.jar");
    if (!Files.exists(jar)) throw new IllegalStateException("build the jar first: " + jar);
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    for (String c : List.of("without the API", "with the API", "with the API and a client")) rates.put(c, new ArrayList<>());
    List<String> cases = new ArrayList<>(rates.keySet());
    for (int round = 1; round <= rounds; round++) {
      // Each round starts with another case: a machine's drift within a round hits each case at each place.
      List<String> order = new ArrayList<>(cases.subList((round - 1) % cases.size(), cases.size()));
      order.addAll(cases.subList(0, (round - 1) % cases.size()));
      for (String c : order) {
        Path dir = Files.createTempDirectory("troupe-api-bench");
        Run r = run(home, jar, dir, c);
        rates.get(c).add(r.rate());
        System.out.printf("round %d  %-28s %8.0f bars/s%s%n", round, c, r.rate(), r.client());
      }
    }
    double base = median(rates.get("without the API"));
    System.out.printf("%n%-28s %10s %10s%n", "median of " + rounds + " rounds", "bars/s", "vs without");
    for (var e : rates.entrySet()) {
      double m = median(e.getValue());
      System.out.printf("%-28s %10.0f %+9.1f%%%n", e.getKey(), m, (m / base - 1) * 100);
    }
  }

  /** One session's live bars/s, and what its client did (empty without one). */
  record Run(double rate, String client) {}

  private static Run run(Path home, Path jar, Path dir, String kind) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dtroupe.home=" + home, "-jar",
        jar.toString(), "paper", "--speed", "max", "--state", dir.resolve("state").toString(), "--out", dir.resolve("out").toString(),
        "--progress-every", "0", "--http", kind.equals("without the API") ? "off" : "127.0.0.1:0"));
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    ScheduledExecutorService client = Executors.newScheduledThreadPool(2);
    AtomicLong polls = new AtomicLong();
    AtomicLong events = new AtomicLong();
    Thread err = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          Matcher m = ADDRESS.matcher(line);
          if (m.find() && kind.endsWith("client")) startClient(client, m.group(1), polls, events);
        }
      } catch (IOException ignored) {
        // the session ended
      }
    });
    err.setDaemon(true);
    err.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException(kind + ": exit " + p.exitValue() + "\n" + out);
    client.shutdownNow();
    String counts = kind.endsWith("client") ? String.format("  (client: %d polls of /status, %d events read)", polls.get(), events.get()) : "";
    Matcher m = LIVE.matcher(out);
    if (!m.find()) throw new IllegalStateException(kind + ": no speed line in\n" + out);
    return new Run(Double.parseDouble(m.group(3)), counts);
  }

  /** Polls /status every 100 ms and reads /events to its end, counting both. */
  private static void startClient(ScheduledExecutorService client, String api, AtomicLong polls, AtomicLong events) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    client.scheduleAtFixedRate(() -> {
      try {
        http.send(HttpRequest.newBuilder(URI.create(api + "/status")).GET().build(), HttpResponse.BodyHandlers.ofString());
        polls.incrementAndGet();
      } catch (IOException | InterruptedException ignored) {
        // the session ended
      }
    }, 0, 100, TimeUnit.MILLISECONDS);
    client.execute(() -> {
      try {
        HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(URI.create(api + "/events")).GET().build(), HttpResponse.BodyHandlers.ofLines());
        r.body().forEach(line -> {
          if (line.startsWith("data:")) events.incrementAndGet();
        });
      } catch (IOException | InterruptedException ignored) {
        // the session ended
      }
    });
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
