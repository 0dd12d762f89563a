package io.troupe.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A true partition: four desk members in JVMs of their own, two in each of two network namespaces joined by one veth
 * pair ({@link NamespacePair}); the pair's link goes down, so both sides keep running and neither reaches the other.
 * The two sides are equal, so keep-majority keeps the side with the lowest address (side a) and the other downs
 * itself, without hearing from side a: exactly one side goes on. Side b holds the cluster's oldest member (the first
 * seed: the cluster's leader and the desks' shard coordinator before the partition), so the side that stops is the
 * one that led. With the packaged settings (config/cluster.conf).
 */
class PartitionTest {

  static final Path HOME = ClusterLockstepTest.HOME;
  static final long BOUND_S = 120;

  /** Kept when the test fails: each member's standard error (its warnings, the resolver's decisions) is there. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  private MemberProcess member(String name, String ns, String bind, String seed) throws Exception {
    return MemberProcess.start(name, HOME, dir, NamespacePair.in(ns), List.of("node", "--role", "desk", "--bind", bind, "--seed", seed,
        "--join-timeout", String.valueOf(BOUND_S)), false);
  }

  @Test
  void bothSidesRunApartAndTheResolverDownsExactlyOne() throws Exception {
    List<MemberProcess> members = new ArrayList<>();
    try (NamespacePair net = NamespacePair.create()) {
      try {
        String seed = NamespacePair.B_HOST + ":25520";
        List<String> aSide = List.of(NamespacePair.A_HOST + ":25520", NamespacePair.A_HOST + ":25521");
        List<String> bSide = List.of(seed, NamespacePair.B_HOST + ":25521");
        // All four start at once; only the first seed may start the cluster (the others wait to join it), so it is
        // the oldest member.
        MemberProcess b1 = member("b1", net.b, bSide.get(0), seed);
        members.add(b1);
        MemberProcess b2 = member("b2", net.b, bSide.get(1), seed);
        MemberProcess a1 = member("a1", net.a, aSide.get(0), seed);
        MemberProcess a2 = member("a2", net.a, aSide.get(1), seed);
        members.addAll(List.of(b2, a1, a2));
        List<MemberProcess> a = List.of(a1, a2);
        List<MemberProcess> b = List.of(b1, b2);
        List<String> all = new ArrayList<>(aSide);
        all.addAll(bSide);
        // Every member sees the three others up: one cluster across the pair.
        for (MemberProcess m : members) {
          String self = all.get(List.of(a1, a2, b1, b2).indexOf(m));
          for (String other : all) {
            if (!other.equals(self)) m.awaitLine(l -> l.startsWith("node: member pekko://troupe@" + other + " up"), other + " seen up", BOUND_S);
          }
        }

        net.partition();
        // Both sides run on: each finds the other side's two members unreachable.
        for (MemberProcess m : a) for (String other : bSide) m.awaitLine(l -> l.equals("node: member pekko://troupe@" + other + " unreachable"), other + " unreachable", BOUND_S);
        for (MemberProcess m : b) for (String other : aSide) m.awaitLine(l -> l.equals("node: member pekko://troupe@" + other + " unreachable"), other + " unreachable", BOUND_S);
        // Side b downs itself, the link still down (it hears nothing of side a's decision), and its members end.
        for (MemberProcess m : b) {
          assertEquals(1, m.awaitExit(BOUND_S), m.name + "'s exit, downed:\n" + String.join("\n", m.out));
          assertTrue(m.out.stream().anyMatch(l -> l.startsWith("node: downed by the cluster")), m.name + " says it was downed: " + m.out);
        }
        // Side a removes side b's members as downed and stays up, never downed itself.
        for (MemberProcess m : a) {
          for (String other : bSide) m.awaitLine(l -> l.equals("node: member pekko://troupe@" + other + " removed (downed)"), other + " removed", BOUND_S);
          assertTrue(m.process.isAlive(), m.name + " stays up: " + m.out);
          assertTrue(m.out.stream().noneMatch(l -> l.startsWith("node: downed") || l.contains(" removed (downed)") && aSide.stream().anyMatch(l::contains)),
              m.name + " and its side are not downed: " + m.out);
        }
      } finally {
        for (MemberProcess m : members) m.close();
      }
    }
  }
}
