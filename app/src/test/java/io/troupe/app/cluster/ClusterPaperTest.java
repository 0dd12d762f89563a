package io.troupe.app.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clustered paper sessions on JVMs of their own on localhost, their journal on PostgreSQL, against the same session
 * in one process (run once, here): two desk members shared by both tests, and
 * <ul>
 *   <li>one account and feed member running the session (three members): its trades, orders and equity equal the
 *       one-process session's byte for byte, the desks spread over both desk members;
 *   <li>two account and feed members, one running the session and one standing by: the first is SIGKILLed mid-session
 *       (at its first progress line at step 200 or later once the standby is ready); the account singleton moves to
 *       the second, which recovers the session from the journal, reconciles and finishes it with the trades and
 *       orders of the unbroken session. The failover's times are printed.
 * </ul>
 * {@code troupe journal verify} passes on each session's journal.
 */
class ClusterPaperTest {

  static final Path HOME = ClusterLockstepTest.HOME;
  /** Four pairs' 5m bars for a week: about 2,000 steps, a few trades. */
  static final List<String> PAIRS = List.of("ADA", "ETH", "LTC", "XMR");
  static final String TO = "2018-01-17T00:00:00Z";
  static final List<String> FILES = List.of("trades.csv", "orders.csv", "equity.csv");
  /** Every member decides on a lost member after 2 s of stable membership (20 s by default): a failover in seconds. */
  static final List<String> QUICK_DOWNING = List.of("--set", "pekko.cluster.split-brain-resolver.stable-after=2s");

  @TempDir static Path shared;
  static String seed;
  static int secondPort;
  static MemberProcess desk1;
  static MemberProcess desk2;
  static Path reference;
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void deskMembersAndTheOneProcessSession() throws Exception {
    System.setProperty("troupe.home", HOME.toString());
    io.troupe.app.paper.PaperKillRecoveryTest.requirePostgres();
    seed = "127.0.0.1:" + MemberProcess.freePort();
    secondPort = MemberProcess.freePort();
    List<String> first = new ArrayList<>(List.of("node", "--role", "desk", "--bind", seed, "--seed", seed));
    first.addAll(QUICK_DOWNING);
    desk1 = MemberProcess.start("desk-1", HOME, shared, first);
    List<String> second = new ArrayList<>(List.of("node", "--role", "desk", "--bind", "127.0.0.1:" + secondPort, "--seed", seed));
    second.addAll(QUICK_DOWNING);
    desk2 = MemberProcess.start("desk-2", HOME, shared, second);
    // The one-process session runs here while the desk members' JVMs start.
    reference = shared.resolve("one");
    CliRun one = CliRun.run(paper(reference, "one-paper-" + RUN, "max").toArray(String[]::new));
    assertEquals(0, one.exit(), one.err());
    for (String file : FILES) assertTrue(Files.readAllLines(reference.resolve(file)).size() > 1, file + " of the one-process session has rows");
    desk1.awaitLine(l -> l.startsWith("node: up at " + seed), "'node: up'", ClusterLockstepTest.START_BOUND_S);
    desk2.awaitLine(l -> l.startsWith("node: up at 127.0.0.1:" + secondPort), "'node: up'", ClusterLockstepTest.START_BOUND_S);
  }

  @AfterAll
  static void stopDeskMembers() throws Exception {
    if (desk2 != null) desk2.close();
    if (desk1 != null) desk1.close();
  }

  /** The session's files in {@code out}; its manifest (local state) beside it, in {@code out}-state. */
  private static List<String> paper(Path out, String session, String speed) {
    List<String> args = new ArrayList<>(List.of("paper", "--strategy", "ema-cross", "--speed", speed, "--to", TO, "--http", "off",
        "--session", session, "--out", out.toString(), "--set", "troupe.persistence.backend=postgres", "--set", "troupe.paper.read-side=off",
        "--set", "troupe.state-dir=" + out.resolveSibling(out.getFileName() + "-state"), "--data"));
    for (String p : PAIRS) args.add(HOME.resolve("data/" + p + "_BTC-5m.json").toString());
    return args;
  }

  private static List<String> clustered(Path out, String session, String speed, int port) {
    List<String> args = new ArrayList<>(paper(out, session, speed));
    args.addAll(List.of("--progress-every", "100", "--cluster", "--bind", "127.0.0.1:" + port, "--seed", seed, "--desk-members", "2"));
    args.addAll(QUICK_DOWNING);
    return args;
  }

  private static void assertSameAsOneProcess(Path out) throws Exception {
    for (String file : FILES) {
      assertArrayEquals(Files.readAllBytes(reference.resolve(file)), Files.readAllBytes(out.resolve(file)), file + " differs between the cluster and one process");
    }
  }

  private static void assertJournalVerifies(String session) {
    CliRun verify = CliRun.run("journal", "verify", "--postgres", "--session", session);
    assertEquals(0, verify.exit(), verify.out() + verify.err());
  }

  @Test
  void threeMembersGiveTheOneProcessSessionByteForByte(@TempDir Path dir) throws Exception {
    String session = "cluster-paper-" + RUN;
    Path out = dir.resolve("cluster");
    Map<String, String> deskAt = new TreeMap<>();
    try (MemberProcess account = MemberProcess.start("paper", HOME, dir, clustered(out, session, "max", MemberProcess.freePort()), true)) {
      assertEquals(0, account.awaitExit(ClusterLockstepTest.RUN_BOUND_S), "the clustered paper session's exit:\n" + String.join("\n", account.out));
      Pattern placed = Pattern.compile("cluster: desk (\\S+) on (\\S+)");
      for (String line : account.out) {
        Matcher m = placed.matcher(line);
        if (m.matches()) deskAt.put(m.group(1), m.group(2));
      }
      assertTrue(account.out.stream().anyMatch(l -> l.startsWith("cluster: the account singleton runs here")), String.join("\n", account.out));
    }
    assertEquals(PAIRS.stream().map(p -> p + "_BTC").toList(), List.copyOf(deskAt.keySet()), "every pair's desk placed");
    assertTrue(deskAt.containsValue("pekko://troupe@" + seed) && deskAt.containsValue("pekko://troupe@127.0.0.1:" + secondPort), "desks on both members: " + deskAt);
    assertSameAsOneProcess(out);
    assertJournalVerifies(session);
  }

  @Test
  void theSingletonsMemberKilledMidSessionTheStandbyRecoversAndFinishesIt(@TempDir Path dir) throws Exception {
    String session = "cluster-failover-" + RUN;
    // Paced (10 ms a 5m step, about 20 s in all): the session lasts long enough for the standby to join before the kill.
    String speed = "30000";
    String leads = "cluster: the account singleton runs here";
    try (MemberProcess leader = MemberProcess.start("paper-a", HOME, dir, clustered(dir.resolve("out-a"), session, speed, MemberProcess.freePort()), true)) {
      leader.awaitLine(l -> l.startsWith(leads), "the lead", ClusterLockstepTest.START_BOUND_S);
      // The second account member joins later, so it is the younger: it stands by for the singleton.
      try (MemberProcess standby = MemberProcess.start("paper-b", HOME, dir, clustered(dir.resolve("out-b"), session, speed, MemberProcess.freePort()), true)) {
        standby.awaitLine(l -> l.startsWith("cluster: standing by"), "'standing by'", ClusterLockstepTest.START_BOUND_S);
        // Mid-session: the leader's first progress line, after the standby is ready, at step 200 or later (some steps journaled).
        int seen = leader.out.size();
        String before = leader.awaitLine(l -> progress(l) >= 200 && leader.out.indexOf(l) >= seen, "live step 200", ClusterLockstepTest.RUN_BOUND_S);
        long killedAt = System.nanoTime();
        leader.kill();
        assertTrue(leader.out.stream().noneMatch(l -> l.startsWith("output:")), "the session ended before the kill");

        String took = standby.awaitLine(l -> l.startsWith(leads), "the singleton after the kill", 120);
        String rebuilt = standby.awaitLine(l -> l.startsWith("paper: rebuilt to step "), "the rebuild and reconciliation", 120);
        String next = standby.awaitLine(l -> progress(l) > 0, "a live step after the failover", 120);
        assertEquals(0, standby.awaitExit(ClusterLockstepTest.RUN_BOUND_S), "the standby's exit:\n" + String.join("\n", standby.out));
        System.out.printf(Locale.ROOT, "failover: SIGKILL of the singleton's member after '%s'%n"
            + "  kill to the singleton on the standby %.1f s; to the journal recovered, replayed and reconciled (the first live step next) %.1f s;"
            + " to its first progress line (%s) %.1f s%n", before.substring(0, before.indexOf(" equity") < 0 ? before.length() : before.indexOf(" equity")),
            (standby.arrivalOf(took) - killedAt) / 1e9, (standby.arrivalOf(rebuilt) - killedAt) / 1e9,
            next.substring(0, next.indexOf(' ', "paper: step ".length())), (standby.arrivalOf(next) - killedAt) / 1e9);
        assertTrue(standby.out.stream().anyMatch(l -> l.startsWith("paper: resuming session '" + session + "'")), String.join("\n", standby.out));
        assertSameAsOneProcess(dir.resolve("out-b"));
      }
    }
    assertJournalVerifies(session);
  }

  private static final Pattern PROGRESS = Pattern.compile("paper: step (\\d+)/");

  private static long progress(String line) {
    Matcher m = PROGRESS.matcher(line);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
