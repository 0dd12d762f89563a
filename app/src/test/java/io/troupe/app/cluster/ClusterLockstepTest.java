package io.troupe.app.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lockstep across JVMs: the eight 5m pairs under ema-cross on a cluster of three JVMs on localhost (two desk members,
 * and the account and feed member running the backtest) give byte for byte the trades, orders and equity of the same
 * backtest in one process, with the desks spread over both desk members; a swap scheduled in event time
 * ({@code --swap}) reaches its sharded desk and takes over there as in one process. The same backtest on the same
 * cluster with a desk member killed as it starts runs again on the member left and gives the same files.
 */
class ClusterLockstepTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final List<String> PAIRS = List.of("ADA", "DASH", "ETC", "ETH", "LTC", "XLM", "XMR", "ZEC");
  /** Bounds, not sleeps: child JVMs start slowly on a loaded machine. */
  static final long START_BOUND_S = 180;
  static final long RUN_BOUND_S = 300;

  @TempDir Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  /** A swap in event time: ADA_BTC's ema-cross replaced by a trend genome mid-run (on the cluster, in a sharded desk). */
  static final String SWAP = "2018-01-14T00:00:00Z:ADA_BTC:ema-cross:" + HOME.resolve("examples/genomes/trending-fast.json");

  private static List<String> backtest(Path out) {
    List<String> args = new ArrayList<>(List.of("backtest", "--strategy", "ema-cross", "--quiet", "--out", out.toString(), "--swap", SWAP, "--data"));
    for (String p : PAIRS) args.add(HOME.resolve("data/" + p + "_BTC-5m.json").toString());
    return args;
  }

  @Test
  void threeJvmsGiveTheOneProcessRunByteForByte() throws Exception {
    int seedPort = MemberProcess.freePort();
    int secondPort = MemberProcess.freePort();
    int accountPort = MemberProcess.freePort();
    String seed = "127.0.0.1:" + seedPort;
    Path clustered = dir.resolve("cluster");
    Path afterLoss = dir.resolve("cluster-loss");
    Map<String, String> deskAt = new TreeMap<>();
    try (MemberProcess desk1 = MemberProcess.start("desk-1", HOME, dir, List.of("node", "--role", "desk", "--bind", seed, "--seed", seed));
        MemberProcess desk2 = MemberProcess.start("desk-2", HOME, dir, List.of("node", "--role", "desk", "--bind", "127.0.0.1:" + secondPort, "--seed", seed))) {
      desk1.awaitLine(l -> l.startsWith("node: up at " + seed), "'node: up'", START_BOUND_S);
      desk2.awaitLine(l -> l.startsWith("node: up at 127.0.0.1:" + secondPort), "'node: up'", START_BOUND_S);

      List<String> args = new ArrayList<>(backtest(clustered));
      args.addAll(List.of("--cluster", "--bind", "127.0.0.1:" + accountPort, "--seed", seed, "--desk-members", "2"));
      try (MemberProcess account = MemberProcess.start("account", HOME, dir, args)) {
        assertEquals(0, account.awaitExit(RUN_BOUND_S), "the clustered backtest's exit; standard error in " + account.stderr + ":\n" + Files.readString(account.stderr));
        Pattern placed = Pattern.compile("cluster: desk (\\S+) on (\\S+)");
        for (String line : account.out) {
          Matcher m = placed.matcher(line);
          if (m.matches()) deskAt.put(m.group(1), m.group(2));
        }
        assertEquals(PAIRS.stream().map(p -> p + "_BTC").toList(), List.copyOf(deskAt.keySet()), "every pair's desk placed: " + account.out);
        assertTrue(deskAt.containsValue("pekko://troupe@" + seed) && deskAt.containsValue("pekko://troupe@127.0.0.1:" + secondPort),
            "desks on both desk members: " + deskAt);
      }

      // The status client sees both desk members and the desks each hosts, as the run placed them.
      CliRun status = CliRun.run("cluster", "status", "--seed", seed);
      assertEquals(0, status.exit(), status.err());
      assertTrue(status.out().contains("members: 2"), status.out());
      for (String member : List.of(seed, "127.0.0.1:" + secondPort)) {
        String row = status.out().lines().filter(l -> l.startsWith("pekko://troupe@" + member + " ")).findFirst().orElseThrow(() -> new AssertionError(status.out()));
        assertTrue(row.contains(" Up ") && row.contains(" desk "), row);
        String hosted = String.join(" ", deskAt.entrySet().stream().filter(e -> e.getValue().equals("pekko://troupe@" + member)).map(Map.Entry::getKey).toList());
        assertTrue(row.endsWith(" " + hosted), "the desks of " + member + " are " + hosted + ": " + row);
      }

      // The same backtest again, the second desk member killed as the run starts (its desks' answers never come): the
      // run starts again from the first bar with every desk fresh on the member left, and gives the same files.
      args = new ArrayList<>(backtest(afterLoss));
      args.addAll(List.of("--cluster", "--bind", "127.0.0.1:" + MemberProcess.freePort(), "--seed", seed, "--desk-members", "2"));
      try (MemberProcess account = MemberProcess.start("account-2", HOME, dir, args)) {
        account.awaitLine(l -> l.startsWith("cluster: ready in "), "'cluster: ready'", START_BOUND_S);
        assertTrue(account.out.stream().anyMatch(l -> l.startsWith("cluster: desk ") && l.endsWith(" on pekko://troupe@127.0.0.1:" + secondPort)),
            "the killed member hosts desks: " + account.out);
        desk2.kill();
        assertEquals(0, account.awaitExit(RUN_BOUND_S), "the backtest that lost a desk member; standard error in " + account.stderr + ":\n" + Files.readString(account.stderr));
        String again = account.out.stream().filter(l -> l.contains("the backtest starts again from its first bar")).findFirst()
            .orElseThrow(() -> new AssertionError("the run did not start again after the loss: " + account.out));
        assertTrue(again.contains("127.0.0.1:" + secondPort) && again.endsWith("(run 2)"), again);
        List<String> placedAgain = account.out.subList(account.out.indexOf(again), account.out.size()).stream().filter(l -> l.matches("cluster: desk \\S+ on \\S+")).toList();
        assertEquals(PAIRS.size(), placedAgain.size(), "every desk placed again: " + account.out);
        assertTrue(placedAgain.stream().allMatch(l -> l.endsWith(" on pekko://troupe@" + seed)), "the desks placed again on the member left: " + placedAgain);
      }
    }

    Path oneProcess = dir.resolve("one");
    CliRun one = CliRun.run(backtest(oneProcess).toArray(String[]::new));
    assertEquals(0, one.exit(), one.err());
    for (String file : List.of("trades.csv", "orders.csv", "equity.csv")) {
      byte[] expected = Files.readAllBytes(oneProcess.resolve(file));
      assertTrue(expected.length > 1000, file + " of the one-process run is not empty");
      assertArrayEquals(expected, Files.readAllBytes(clustered.resolve(file)), file + " differs between the cluster and one process");
      assertArrayEquals(expected, Files.readAllBytes(afterLoss.resolve(file)), file + " differs between the cluster that lost a desk member and one process");
    }
    // The replacement took over on its sharded desk: trades after the swap are the genome's (named as the replaced one).
    List<String> trades = Files.readAllLines(clustered.resolve("trades.csv"));
    assertTrue(trades.stream().anyMatch(l -> l.startsWith("ADA_BTC,") && l.endsWith(",ema-cross")), "the swapped-in genome traded on ADA_BTC");
    assertTrue(trades.stream().anyMatch(l -> l.startsWith("ADA_BTC,") && l.endsWith(",\"ema-cross(12,26)\"")), "ema-cross traded before the swap");
  }
}
