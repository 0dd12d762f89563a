package io.troupe.app.research;

import io.troupe.app.cli.TroupeCli;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The search's speed (test scope, not a test; it asserts nothing): {@code troupe optimize} draws N candidates at random
 * from examples/search/ema-cross.conf and evaluates them over the bundled BTC month (45,031 one-minute bars) with the
 * plain loop, on 1 worker and on every core, alternating over rounds, and prints wall-clock seconds, the process's CPU
 * seconds, candidates per second (of wall clock and of CPU) of each, and the machine's load average before and after it
 * (on a shared machine the wall clock is what the others leave over; the CPU seconds are the search's own cost).
 *
 * <pre>java -cp app/target/test-classes:app/target/troupe.jar io.troupe.app.research.SearchSpeedBenchmark [candidates] [rounds]</pre>
 */
public final class SearchSpeedBenchmark {

  public static void main(String[] args) throws Exception {
    int candidates = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int cores = Runtime.getRuntime().availableProcessors();
    Path out = Files.createTempDirectory("search-speed");
    System.out.printf("%d candidates (random, ema-cross: fast, slow, stop-pct) over the BTC month, plain loop; %d cores%n", candidates, cores);
    System.out.printf("%-8s %-6s %10s %10s %14s %16s %12s%n", "workers", "round", "wall s", "cpu s", "candidates/s", "candidates/cpu s", "load 1m");
    List<Integer> sizes = cores > 1 ? List.of(1, cores) : List.of(1);
    for (int round = 1; round <= rounds; round++) {
      // Alternate the order over rounds, so a change in the machine's load falls on both.
      List<Integer> order = new ArrayList<>(sizes);
      if (round % 2 == 0) java.util.Collections.reverse(order);
      for (int workers : order) {
        double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        int exit = TroupeCli.execute("optimize", "--strategy", "ema-cross", "--space", "examples/search/ema-cross.conf", "--method", "random",
            "--samples", String.valueOf(candidates), "--seed", "1", "--workers", String.valueOf(workers), "--quiet",
            "--out", out.resolve("w" + workers + "-r" + round).toString());
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (cpu() - cpu0) / 1e9;
        if (exit != 0) throw new IllegalStateException("optimize exited " + exit);
        double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("%-8d %-6d %10.1f %10.1f %14.1f %16.1f %5.1f->%-5.1f%n", workers, round, wall, cpuSeconds, candidates / wall,
            candidates / cpuSeconds, load0, load1);
      }
    }
  }

  private static long cpu() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
  }
}
