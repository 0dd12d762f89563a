package io.troupe.app.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Two Linux network namespaces joined by one veth pair, {@code a} at {@link #A_HOST} and {@code b} at {@link #B_HOST}:
 * members started in them reach each other over the pair only, so taking the pair's link down partitions them while
 * both sides keep running. Needs root and iproute2 ({@code ip netns}); without them {@link #create} fails the test,
 * naming what is missing, rather than skipping it. The names carry a random suffix, so runs side by side do not meet;
 * {@link #close} deletes both namespaces (and with them the pair).
 */
final class NamespacePair implements AutoCloseable {

  /** Addresses of the benchmarking range (RFC 2544), private to the two namespaces: nothing outside them sees them. */
  static final String A_HOST = "198.18.0.1";
  static final String B_HOST = "198.18.0.2";

  final String a;
  final String b;
  private final String linkA;
  private final boolean[] created = new boolean[2];

  private NamespacePair(String suffix) {
    this.a = "troupe-" + suffix + "-a";
    this.b = "troupe-" + suffix + "-b";
    // An interface name holds 15 characters at most.
    this.linkA = "tr" + suffix + "a";
  }

  /** Both namespaces, their loopback and the pair up; on any failure what was made is deleted and the test fails. */
  static NamespacePair create() throws Exception {
    NamespacePair pair = new NamespacePair(UUID.randomUUID().toString().substring(0, 8));
    try {
      pair.ip("netns", "add", pair.a);
      pair.created[0] = true;
      pair.ip("netns", "add", pair.b);
      pair.created[1] = true;
      String linkB = pair.linkA.substring(0, pair.linkA.length() - 1) + "b";
      pair.ip("link", "add", pair.linkA, "netns", pair.a, "type", "veth", "peer", "name", linkB, "netns", pair.b);
      pair.ip("-n", pair.a, "addr", "add", A_HOST + "/24", "dev", pair.linkA);
      pair.ip("-n", pair.b, "addr", "add", B_HOST + "/24", "dev", linkB);
      for (String[] ns : new String[][] {{pair.a, pair.linkA}, {pair.b, linkB}}) {
        pair.ip("-n", ns[0], "link", "set", "lo", "up");
        pair.ip("-n", ns[0], "link", "set", ns[1], "up");
      }
    } catch (Throwable e) {
      pair.close();
      throw e;
    }
    return pair;
  }

  /** The command prefix that runs a program in namespace {@code ns} ({@code ip netns exec} execs it in place). */
  static List<String> in(String ns) {
    return List.of("ip", "netns", "exec", ns);
  }

  /** Takes the pair's link down: neither side reaches the other, both go on running. */
  void partition() throws Exception {
    ip("-n", a, "link", "set", linkA, "down");
  }

  /** Deletes both namespaces (the pair goes with them); the members started in them must have ended first. */
  @Override
  public void close() throws Exception {
    try {
      if (created[1]) ip("netns", "del", b);
    } finally {
      if (created[0]) ip("netns", "del", a);
    }
  }

  private void ip(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      fail("network namespaces are unavailable: cannot run '" + String.join(" ", command) + "' (" + e.getMessage()
          + "); the partition test needs iproute2 and root, as CI has");
      return;
    }
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail("network namespaces are unavailable: '" + String.join(" ", command) + "' failed: " + said
          + " (the partition test needs iproute2 and root, as CI has)");
    }
  }
}
