package io.troupe.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split-brain resolver (keep-majority) on three members in JVMs of their own: one made unreachable by SIGSTOP is
 * downed by the two others, which stay up; resumed, it finds itself on the minority side and stops, so never both
 * sides go on; with the packaged settings (config/cluster.conf), which the failover's times are measured with.
 */
class SplitBrainTest {

  static final Path HOME = ClusterLockstepTest.HOME;
  static final long BOUND_S = 180;

  @TempDir Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  private MemberProcess member(String name, int port, String seed) throws Exception {
    return MemberProcess.start(name, HOME, dir, List.of("node", "--role", "desk", "--bind", "127.0.0.1:" + port, "--seed", seed));
  }

  private static void signal(MemberProcess m, String signal) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(m.process.pid())).start().waitFor(), "kill -" + signal);
  }

  @Test
  void anUnreachableMemberIsDownedByTheMajorityAndStopsWhenItComesBack() throws Exception {
    int p1 = MemberProcess.freePort();
    int p2 = MemberProcess.freePort();
    int p3 = MemberProcess.freePort();
    String seed = "127.0.0.1:" + p1;
    String lost = "pekko://troupe@127.0.0.1:" + p3;
    try (MemberProcess m1 = member("m1", p1, seed); MemberProcess m2 = member("m2", p2, seed); MemberProcess m3 = member("m3", p3, seed)) {
      for (MemberProcess m : List.of(m1, m2, m3)) m.awaitLine(l -> l.startsWith("node: up at"), "'node: up'", BOUND_S);
      for (MemberProcess m : List.of(m1, m2)) m.awaitLine(l -> l.equals("node: member " + lost + " up, roles desk"), "m3 seen up", BOUND_S);

      signal(m3, "STOP");
      for (MemberProcess m : List.of(m1, m2)) {
        m.awaitLine(l -> l.equals("node: member " + lost + " unreachable"), "m3 unreachable", BOUND_S);
        m.awaitLine(l -> l.equals("node: member " + lost + " removed (downed)"), "m3 downed and removed", BOUND_S);
      }
      assertTrue(m1.process.isAlive() && m2.process.isAlive(), "the majority stays up");

      signal(m3, "CONT");
      int exit = m3.awaitExit(BOUND_S);
      assertTrue(m3.out.stream().anyMatch(l -> l.startsWith("node: downed by the cluster")), "m3 says it was downed: " + m3.out);
      assertEquals(1, exit, "a downed member's exit");

      CliRun status = CliRun.run("cluster", "status", "--seed", seed);
      assertEquals(0, status.exit(), status.err());
      assertTrue(status.out().contains("members: 2"), status.out());
      assertFalse(status.out().contains(lost), status.out());
      List<String> up = new ArrayList<>();
      for (int p : List.of(p1, p2)) {
        up.add(status.out().lines().filter(l -> l.startsWith("pekko://troupe@127.0.0.1:" + p + " ")).findFirst().orElseThrow(() -> new AssertionError(status.out())));
      }
      for (String row : up) assertTrue(row.contains(" Up "), row);
    }
  }
}
