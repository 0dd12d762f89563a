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
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the API costs a session: {@code troupe paper --speed max} on the bundled BTC month (45,031 steps), run from the
 * runnable jar in its own JVM, without the API, with it, and with it while a client (this JVM) polls /status 10 times
 * a second, reads /events and scrapes /metrics once a second, as a Prometheus server would. The three are interleaved
 * round by round, each round starting with the next, so a machine's drift hits each alike; the median live bars/s of
 * each is printed, and the bar-to-order latency (p50, p99) from the step-latency histogram of each client run's last
 * scrape, interpolated within its bucket as Prometheus's {@code histogram_quantile} does. Not a test. From the project
 * folder, after {@code mvn -B -DskipTests package} and {@code mvn -B test-compile -pl app -am}:
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
    Map<String, List<Double>> cpus = new LinkedHashMap<>();
    for (String c : List.of("without the API", "with the API", "with the API and a client")) {
      rates.put(c, new ArrayList<>());
      cpus.put(c, new ArrayList<>());
    }
    List<String> cases = new ArrayList<>(rates.keySet());
    for (int round = 1; round <= rounds; round++) {
      // Each round starts with another case: a machine's drift within a round hits each case at each place.
      List<String> order = new ArrayList<>(cases.subList((round - 1) % cases.size(), cases.size()));
      order.addAll(cases.subList(0, (round - 1) % cases.size()));
      for (String c : order) {
        Path dir = Files.createTempDirectory("troupe-api-bench");
        Run r = run(home, jar, dir, c);
        rates.get(c).add(r.rate());
        cpus.get(c).add(r.sessionCpu());
        System.out.printf("round %d  %-28s %8.0f bars/s  session cpu %6.1f s  client cpu %5.1f s%s%n", round, c, r.rate(), r.sessionCpu(),
            r.clientCpu(), r.client());
      }
    }
    double base = median(rates.get("without the API"));
    double baseCpu = median(cpus.get("without the API"));
    System.out.printf("%n%-28s %10s %10s %15s %10s%n", "median of " + rounds + " rounds", "bars/s", "vs without", "session cpu-s", "vs without");
    for (var e : rates.entrySet()) {
      double m = median(e.getValue());
      double cpu = median(cpus.get(e.getKey()));
      System.out.printf("%-28s %10.0f %+9.1f%% %15.1f %+9.1f%%%n", e.getKey(), m, (m / base - 1) * 100, cpu, (cpu / baseCpu - 1) * 100);
    }
    if (!p50s.isEmpty()) {
      System.out.printf("%nbar-to-order latency (troupe_step_latency_seconds, live steps, the client runs' last scrapes): p50 %.1f us, p99 %.2f ms"
          + " (medians of %d runs)%n", median(p50s) * 1e6, median(p99s) * 1e3, p50s.size());
    }
  }

  /** The client runs' step-latency quantiles, in seconds. */
  private static final List<Double> p50s = new ArrayList<>();
  private static final List<Double> p99s = new ArrayList<>();

  /**
   * One session's live bars/s, the CPU seconds its process used (all threads, start to exit: a figure that other work
   * on the machine moves far less than the wall time), the CPU seconds this JVM used meanwhile (the client's share),
   * and what its client did (empty without one).
   */
  record Run(double rate, double sessionCpu, double clientCpu, String client) {}

  /** A Prometheus histogram as scraped: its buckets' upper bounds and cumulative counts, in order. */
  record Histogram(List<Double> bounds, List<Double> counts) {

    /** The {@code name}{@code _bucket} series of a scrape in the Prometheus text format. */
    static Histogram of(String scrape, String name) {
      Pattern bucket = Pattern.compile("^" + name + "_bucket\\{.*le=\"([^\"]+)\".*\\} (\\S+)$", Pattern.MULTILINE);
      List<Double> bounds = new ArrayList<>();
      List<Double> counts = new ArrayList<>();
      Matcher m = bucket.matcher(scrape);
      while (m.find()) {
        bounds.add(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)));
        counts.add(Double.parseDouble(m.group(2)));
      }
      return new Histogram(bounds, counts);
    }

    double total() {
      return counts.isEmpty() ? 0 : counts.get(counts.size() - 1);
    }

    /** As histogram_quantile: the bucket holding rank q x total, linear within it (from 0 for the first). */
    double quantile(double q) {
      double rank = q * total();
      for (int i = 0; i < counts.size(); i++) {
        if (counts.get(i) < rank) continue;
        if (Double.isInfinite(bounds.get(i))) return bounds.get(i - 1);
        double lower = i == 0 ? 0 : bounds.get(i - 1);
        double below = i == 0 ? 0 : counts.get(i - 1);
        double in = counts.get(i) - below;
        return in == 0 ? bounds.get(i) : lower + (bounds.get(i) - lower) * (rank - below) / in;
      }
      return Double.NaN;
    }
  }

  private static Run run(Path home, Path jar, Path dir, String kind) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dtroupe.home=" + home, "-jar",
        jar.toString(), "paper", "--speed", "max", "--state", dir.resolve("state").toString(), "--out", dir.resolve("out").toString(),
        "--progress-every", "0", "--http", kind.equals("without the API") ? "off" : "127.0.0.1:0"));
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    Duration ownCpuBefore = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    // The OS forgets a process's CPU time once it is reaped: read it every 50 ms while it runs, keep the last.
    AtomicReference<Duration> sessionCpu = new AtomicReference<>(Duration.ZERO);
    ScheduledExecutorService cpuReader = Executors.newSingleThreadScheduledExecutor();
    cpuReader.scheduleAtFixedRate(() -> p.toHandle().info().totalCpuDuration().ifPresent(sessionCpu::set), 0, 50, TimeUnit.MILLISECONDS);
    ScheduledExecutorService client = Executors.newScheduledThreadPool(3);
    AtomicLong polls = new AtomicLong();
    AtomicLong events = new AtomicLong();
    AtomicReference<String> scraped = new AtomicReference<>();
    Thread err = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          Matcher m = ADDRESS.matcher(line);
          if (m.find() && kind.endsWith("client")) startClient(client, m.group(1), polls, events, scraped);
        }
      } catch (IOException ignored) {
        // the session ended
      }
    });
    err.setDaemon(true);
    err.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException(kind + ": exit " + p.exitValue() + "\n" + out);
    cpuReader.shutdownNow();
    client.shutdownNow();
    double ownCpu = (ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toMillis() - ownCpuBefore.toMillis()) / 1000.0;
    String counts = "";
    if (kind.endsWith("client")) {
      Histogram steps = Histogram.of(scraped.get() == null ? "" : scraped.get(), "troupe_step_latency_seconds");
      counts = String.format("  (client: %d polls of /status, %d events read; last scrape: %.0f steps, p50 %.1f us, p99 %.2f ms)", polls.get(),
          events.get(), steps.total(), steps.quantile(0.5) * 1e6, steps.quantile(0.99) * 1e3);
      if (steps.total() > 0) {
        p50s.add(steps.quantile(0.5));
        p99s.add(steps.quantile(0.99));
      }
    }
    Matcher m = LIVE.matcher(out);
    if (!m.find()) throw new IllegalStateException(kind + ": no speed line in\n" + out);
    return new Run(Double.parseDouble(m.group(3)), sessionCpu.get().toMillis() / 1000.0, ownCpu, counts);
  }

  /** Polls /status every 100 ms and reads /events to its end, counting both, and scrapes /metrics every second, keeping the last. */
  private static void startClient(ScheduledExecutorService client, String api, AtomicLong polls, AtomicLong events, AtomicReference<String> scraped) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI metrics = URI.create(api.substring(0, api.length() - "/api/v1".length()) + "/metrics");
    client.scheduleAtFixedRate(() -> {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) scraped.set(r.body());
      } catch (IOException | InterruptedException ignored) {
        // the session ended
      }
    }, 0, 1000, TimeUnit.MILLISECONDS);
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
