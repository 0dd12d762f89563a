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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * runnable jar in its own JVM, without the API, with it, and with it while a client (this JVM) asks for something: as
 * issue 11 states it, polls /status 10 times a second and reads /events; and each of /status, /events and /metrics
 * (once a second, as a Prometheus server scrapes) alone, to tell which costs what. The cases are interleaved round by
 * round, each round starting with the next, so a machine's drift hits each alike. Each run prints its live bars/s, the
 * CPU seconds of the session's process (every thread, start to exit: a figure other work on the machine moves far
 * less than the wall time) and of this JVM meanwhile (the client's), and the session's CPU by thread (named as the
 * OS names them, numbers dropped: the HTTP server's, the journal's, the collector's...); the end gives each case's
 * medians, and the bar-to-order latency (p50, p99) from the step-latency histogram of a scrape of /metrics taken
 * after the live steps (a client reading /events scrapes once when its stream ends, with the session; a /metrics
 * client keeps its last), interpolated within its bucket as Prometheus's {@code histogram_quantile} does. Not a test.
 * From the project folder, after {@code mvn -B -DskipTests package}:
 * <pre>
 * java -cp app/target/test-classes:app/target/troupe.jar io.troupe.app.http.ApiSpeedBenchmark [rounds, default 3] [cases]
 * </pre>
 * {@code cases}: a comma-separated list of {@link Case#key}s, default {@code off,api,issue,status,events,metrics};
 * {@code all} (the client that also scrapes /metrics) is left out unless asked for. The session's JVM takes
 * the options in the system property {@code troupe.bench.jvm} (space-separated), e.g. to profile it.
 */
public final class ApiSpeedBenchmark {

  static final Pattern LIVE = Pattern.compile("(\\d+) live in ([0-9.]+) s \\((\\d+) bars/s\\)");
  static final Pattern ADDRESS = Pattern.compile("http: the API is at (http://\\S+/api/v1)");

  /** What a run serves and what its client asks for. */
  record Case(String key, String name, boolean api, boolean status, boolean events, boolean metrics) {
    boolean client() {
      return status || events || metrics;
    }
  }

  static final List<Case> CASES = List.of(
      new Case("off", "without the API", false, false, false, false),
      new Case("api", "with the API", true, false, false, false),
      new Case("issue", "API, /status 10/s + /events", true, true, true, false),
      new Case("status", "API, /status 10/s", true, true, false, false),
      new Case("events", "API, /events", true, false, true, false),
      new Case("metrics", "API, /metrics 1/s", true, false, false, true),
      new Case("all", "API, /status + /events + /metrics", true, true, true, true));

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    List<Case> cases = new ArrayList<>();
    for (String key : (args.length > 1 ? args[1] : "off,api,issue,status,events,metrics").split(",")) {
      cases.add(CASES.stream().filter(c -> c.key().equals(key.strip())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no case '" + key + "'; the cases: " + CASES.stream().map(Case::key).toList())));
    }
    Path home = Path.of("").toAbsolutePath();
    Path jar = home.resolve("app/target/troupe.jar");
    if (!Files.exists(jar)) throw new IllegalStateException("build the jar first: " + jar);
    Map<Case, List<Run>> runs = new LinkedHashMap<>();
    for (Case c : cases) runs.put(c, new ArrayList<>());
    System.out.println("load at the start: " + loadAverage());
    for (int round = 1; round <= rounds; round++) {
      // Each round starts with another case: a machine's drift within a round hits each case at each place.
      List<Case> order = new ArrayList<>(cases.subList((round - 1) % cases.size(), cases.size()));
      order.addAll(cases.subList(0, (round - 1) % cases.size()));
      for (Case c : order) {
        Path dir = Files.createTempDirectory("troupe-api-bench");
        Run r = run(home, jar, dir, c);
        runs.get(c).add(r);
        System.out.printf("round %d  %-34s %6.0f bars/s  session cpu %5.1f s  client cpu %4.1f s  load %s%n    threads: %s%s%n", round, c.name(),
            r.rate(), r.sessionCpu(), r.clientCpu(), loadAverage(), top(r.threads(), 7), r.client());
      }
    }
    Case first = cases.get(0);
    double base = median(runs.get(first).stream().map(Run::rate).toList());
    double baseCpu = median(runs.get(first).stream().map(Run::sessionCpu).toList());
    System.out.printf("%nload at the end: %s%n%-34s %8s %9s %12s %9s %11s%n", loadAverage(), "median of " + rounds + " rounds", "bars/s", "vs " + first.key(),
        "session cpu", "vs " + first.key(), "client cpu");
    for (var e : runs.entrySet()) {
      double m = median(e.getValue().stream().map(Run::rate).toList());
      double cpu = median(e.getValue().stream().map(Run::sessionCpu).toList());
      System.out.printf("%-34s %8.0f %+8.1f%% %10.1f s %+8.1f%% %9.1f s%n", e.getKey().name(), m, (m / base - 1) * 100, cpu, (cpu / baseCpu - 1) * 100,
          median(e.getValue().stream().map(Run::clientCpu).toList()));
    }
    // The session's CPU by thread, each case's median: where a case's extra seconds go.
    Map<String, Double> total = new HashMap<>();
    for (List<Run> rs : runs.values()) for (Run r : rs) r.threads().forEach((k, v) -> total.merge(k, v, Double::sum));
    List<String> groups = total.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).map(Map.Entry::getKey).limit(12).toList();
    System.out.printf("%nsession cpu s by thread (median)%s%n", cases.stream().map(c -> String.format(" %9s", c.key())).reduce("", String::concat));
    for (String g : groups) {
      StringBuilder line = new StringBuilder(String.format("%-32s", g));
      for (Case c : cases) line.append(String.format(" %9.2f", median(runs.get(c).stream().map(r -> r.threads().getOrDefault(g, 0.0)).toList())));
      System.out.println(line);
    }
    System.out.printf("%nbar-to-order latency (troupe_step_latency_seconds, every live step, from a scrape after them), medians%n");
    for (var e : runs.entrySet()) {
      List<Run> scraped = e.getValue().stream().filter(r -> !Double.isNaN(r.p50())).toList();
      if (scraped.isEmpty()) continue;
      System.out.printf("%-34s p50 %6.1f us  p99 %5.2f ms  (%d runs)%n", e.getKey().name(), median(scraped.stream().map(Run::p50).toList()) * 1e6,
          median(scraped.stream().map(Run::p99).toList()) * 1e3, scraped.size());
    }
  }

  /**
   * One session's live bars/s, the CPU seconds its process used, the CPU seconds this JVM used meanwhile (the
   * client's share), the session's CPU seconds by thread name, what its client did (empty without one), and the
   * step latency's p50 and p99 in seconds (NaN without a scrape after the live steps).
   */
  record Run(double rate, double sessionCpu, double clientCpu, Map<String, Double> threads, String client, double p50, double p99) {}

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

  private static Run run(Path home, Path jar, Path dir, Case kind) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dtroupe.home=" + home));
    String jvm = System.getProperty("troupe.bench.jvm", "").strip();
    if (!jvm.isEmpty()) command.addAll(List.of(jvm.split("\\s+")));
    command.addAll(List.of("-jar", jar.toString(), "paper", "--speed", "max", "--state", dir.resolve("state").toString(), "--out",
        dir.resolve("out").toString(), "--progress-every", "0", "--http", kind.api() ? "127.0.0.1:0" : "off"));
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    Duration ownCpuBefore = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    // The OS forgets a process's CPU time once it is reaped: read it every 50 ms while it runs, keep the last; and
    // each thread's, every 250 ms (a thread that ends keeps its last reading).
    AtomicReference<Duration> sessionCpu = new AtomicReference<>(Duration.ZERO);
    ThreadCpu threads = new ThreadCpu(p.pid());
    ScheduledExecutorService cpuReader = Executors.newSingleThreadScheduledExecutor();
    cpuReader.scheduleAtFixedRate(() -> p.toHandle().info().totalCpuDuration().ifPresent(sessionCpu::set), 0, 50, TimeUnit.MILLISECONDS);
    cpuReader.scheduleAtFixedRate(threads::read, 0, 250, TimeUnit.MILLISECONDS);
    ScheduledExecutorService client = Executors.newScheduledThreadPool(3);
    Counts counts = new Counts();
    Thread err = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          Matcher m = ADDRESS.matcher(line);
          if (m.find() && kind.client()) startClient(client, m.group(1), kind, counts);
        }
      } catch (IOException ignored) {
        // the session ended
      }
    });
    err.setDaemon(true);
    err.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException(kind.name() + ": exit " + p.exitValue() + "\n" + out);
    cpuReader.shutdownNow();
    client.shutdownNow();
    double ownCpu = (ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toMillis() - ownCpuBefore.toMillis()) / 1000.0;
    String did = "";
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    if (kind.client()) {
      did = String.format("%n    client: %d polls of /status, %d events read, %d scrapes of /metrics", counts.polls.get(), counts.events.get(),
          counts.scrapes.get());
      String scraped = counts.scraped.get();
      if (scraped != null) {
        Histogram steps = Histogram.of(scraped, "troupe_step_latency_seconds");
        did += String.format("; the last scrape: %.0f steps, p50 %.1f us, p99 %.2f ms", steps.total(), steps.quantile(0.5) * 1e6, steps.quantile(0.99) * 1e3);
        if (steps.total() > 0) {
          p50 = steps.quantile(0.5);
          p99 = steps.quantile(0.99);
        }
      }
    }
    Matcher m = LIVE.matcher(out);
    if (!m.find()) throw new IllegalStateException(kind.name() + ": no speed line in\n" + out);
    return new Run(Double.parseDouble(m.group(3)), sessionCpu.get().toMillis() / 1000.0, ownCpu, threads.byName(), did, p50, p99);
  }

  /** What a client did: its polls, events read and scrapes, and the last scrape. */
  static final class Counts {
    final AtomicLong polls = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    final AtomicLong scrapes = new AtomicLong();
    final AtomicReference<String> scraped = new AtomicReference<>();
  }

  /**
   * What the case's client asks for: /status every 100 ms; /events read to its end, then one scrape of /metrics
   * (the stream ends with the session's live steps, while the server still serves); /metrics every second.
   */
  private static void startClient(ScheduledExecutorService client, String api, Case kind, Counts counts) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI metrics = URI.create(api.substring(0, api.length() - "/api/v1".length()) + "/metrics");
    Runnable scrape = () -> {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          counts.scraped.set(r.body());
          counts.scrapes.incrementAndGet();
        }
      } catch (IOException | InterruptedException ignored) {
        // the session ended
      }
    };
    if (kind.metrics()) client.scheduleAtFixedRate(scrape, 0, 1000, TimeUnit.MILLISECONDS);
    if (kind.status()) {
      client.scheduleAtFixedRate(() -> {
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/status")).GET().build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) counts.polls.incrementAndGet();
        } catch (IOException | InterruptedException ignored) {
          // the session ended
        }
      }, 0, 100, TimeUnit.MILLISECONDS);
    }
    if (kind.events()) {
      client.execute(() -> {
        try {
          HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(URI.create(api + "/events")).GET().build(), HttpResponse.BodyHandlers.ofLines());
          r.body().forEach(line -> {
            if (line.startsWith("data:")) counts.events.incrementAndGet();
          });
        } catch (IOException | InterruptedException ignored) {
          // the session ended
        }
        if (!kind.metrics()) scrape.run();
      });
    }
  }

  /**
   * A process's CPU seconds by thread, from /proc (Linux): each thread's last reading, summed by its name with the
   * numbers dropped ({@code GC Thread#0} and {@code GC Thread#1} as {@code GC Thread#}). The OS keeps 15 characters
   * of a name.
   */
  static final class ThreadCpu {
    private final Path tasks;
    private final Map<String, Double> byThread = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private static final double TICK = 100.0; // USER_HZ on Linux

    ThreadCpu(long pid) {
      this.tasks = Path.of("/proc", Long.toString(pid), "task");
    }

    void read() {
      try (Stream<Path> all = Files.list(tasks)) {
        for (Path t : (Iterable<Path>) all::iterator) {
          try {
            String stat = Files.readString(t.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the name: state is field 3, utime 14 and stime 15
            byThread.put(t.getFileName().toString(), (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICK);
            names.computeIfAbsent(t.getFileName().toString(), k -> name(stat));
          } catch (IOException | RuntimeException ended) {
            // the thread ended between the listing and the reading
          }
        }
      } catch (IOException | RuntimeException ended) {
        // the process ended
      }
    }

    private static String name(String stat) {
      return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "").replaceAll("-+$", "");
    }

    Map<String, Double> byName() {
      Map<String, Double> out = new HashMap<>();
      byThread.forEach((tid, cpu) -> out.merge(names.getOrDefault(tid, "?"), cpu, Double::sum));
      return out;
    }
  }

  private static String top(Map<String, Double> threads, int n) {
    return String.join(", ", threads.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
        .map(e -> String.format("%s %.1f", e.getKey(), e.getValue())).toList());
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
