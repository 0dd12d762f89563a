package io.troupe.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A paper session at {@code --speed max} on the eight 5m pairs (ema-cross), journaled on PostgreSQL, in one process
 * against a cluster of three JVMs (two desk members, the account and feed member running the session), interleaved; in
 * bars per second and with each JVM's peak resident memory. A benchmark to run, not a test:
 *
 * <pre>
 * mvn -B -o -q -DskipTests package -pl app -am &amp;&amp; mvn -B -o -q test-compile -pl app
 * java -cp app/target/test-classes:app/target/troupe.jar io.troupe.app.cluster.ClusterPaperSpeedBenchmark [rounds, default 3]
 * </pre>
 *
 * Bars per second: the bars over the session's wall time as its summary.json gives it, less (on the cluster) the time to
 * join, wait for the desk members and place the desks, which the session prints. Memory: the kernel's high-water mark of
 * each JVM's resident set ({@code VmHWM} in {@code /proc/PID/status}), read while it runs.
 */
public final class ClusterPaperSpeedBenchmark {

  static final List<String> PAIRS = ClusterLockstepTest.PAIRS;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path home = Path.of(System.getProperty("troupe.home", ".")).toAbsolutePath().normalize();
    System.setProperty("troupe.home", home.toString());
    Path dir = Files.createTempDirectory("cluster-paper-bench");
    String seed = "127.0.0.1:" + MemberProcess.freePort();
    int secondPort = MemberProcess.freePort();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "memory-sampler");
      t.setDaemon(true);
      return t;
    });
    try (MemberProcess desk1 = MemberProcess.start("desk-1", home, dir, List.of("node", "--role", "desk", "--bind", seed, "--seed", seed));
        MemberProcess desk2 = MemberProcess.start("desk-2", home, dir, List.of("node", "--role", "desk", "--bind", "127.0.0.1:" + secondPort, "--seed", seed))) {
      desk1.awaitLine(l -> l.startsWith("node: up"), "'node: up'", 180);
      desk2.awaitLine(l -> l.startsWith("node: up"), "'node: up'", 180);
      List<double[]> one = new ArrayList<>();
      List<double[]> three = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        one.add(session(home, dir, "one-" + r, List.of(), sampler));
        List<String> cluster = List.of("--cluster", "--bind", "127.0.0.1:" + MemberProcess.freePort(), "--seed", seed, "--desk-members", "2");
        three.add(session(home, dir, "three-" + r, cluster, sampler));
        System.out.printf(Locale.ROOT, "round %d: 1 node %,.0f bars/s (peak RSS %,.0f MB); 3 nodes %,.0f bars/s (account member's peak RSS %,.0f MB)%n",
            r + 1, one.get(r)[0], one.get(r)[1], three.get(r)[0], three.get(r)[1]);
      }
      System.out.printf(Locale.ROOT, "paper, 8 pairs, ema-cross, --speed max, PostgreSQL journal, median of %d: 1 node %,.0f bars/s; 3 nodes %,.0f bars/s%n",
          rounds, median(one, 0), median(three, 0));
      System.out.printf(Locale.ROOT, "peak resident memory: one process %,.0f MB; cluster: account member %,.0f MB, desk-1 %,.0f MB, desk-2 %,.0f MB%n",
          median(one, 1), median(three, 1), peakMegabytes(desk1.process.pid()), peakMegabytes(desk2.process.pid()));
    } finally {
      sampler.shutdownNow();
    }
  }

  /** One session in a JVM of its own: {bars per second, its peak resident memory in MB}. */
  private static double[] session(Path home, Path dir, String name, List<String> extra, ScheduledExecutorService sampler) throws Exception {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("paper", "--strategy", "ema-cross", "--speed", "max", "--http", "off", "--session",
        "bench-" + name + "-" + UUID.randomUUID().toString().substring(0, 8), "--out", out.toString(), "--set", "troupe.persistence.backend=postgres",
        "--set", "troupe.paper.read-side=off", "--set", "troupe.state-dir=" + dir.resolve(name + "-state"), "--data"));
    for (String p : PAIRS) args.add(home.resolve("data/" + p + "_BTC-5m.json").toString());
    args.addAll(extra);
    try (MemberProcess run = MemberProcess.start(name, home, dir, args)) {
      AtomicLong peakKb = new AtomicLong();
      long pid = run.process.pid();
      var sampling = sampler.scheduleAtFixedRate(() -> peakKb.accumulateAndGet(peakKb(pid), Math::max), 0, 100, TimeUnit.MILLISECONDS);
      int exit = run.awaitExit(900);
      sampling.cancel(false);
      if (exit != 0) throw new IllegalStateException(name + " exited " + exit + ": " + Files.readString(run.stderr));
      double setup = 0;
      for (String line : run.out) {
        if (line.startsWith("cluster: ready in ")) setup = Double.parseDouble(line.substring("cluster: ready in ".length(), line.indexOf(" s")));
      }
      JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
      double wall = summary.findValue("wall_clock_seconds").asDouble();
      // summary.json's "steps" are not bars (a step holds one bar of each symbol): the files' bars are counted.
      return new double[] {ClusterSpeedBenchmark.bars(home) / (wall - setup), peakKb.get() / 1024.0};
    }
  }

  private static double peakMegabytes(long pid) {
    return peakKb(pid) / 1024.0;
  }

  /** VmHWM of a live process, in kB; 0 once it has gone. */
  private static long peakKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    } catch (IOException | RuntimeException gone) {
      // the process ended between two samples
    }
    return 0;
  }

  private static double median(List<double[]> xs, int at) {
    List<Double> s = new ArrayList<>();
    for (double[] x : xs) s.add(x[at]);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  private ClusterPaperSpeedBenchmark() {}
}
