package io.troupe.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.cli.CliRun;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The cluster commands' bad input: each refused in one line naming what was given, exit 2. */
class ClusterCliTest {

  private static void refused(CliRun run, String... words) {
    assertEquals(2, run.exit(), run.err());
    for (String w : words) assertTrue(run.err().contains(w), "'" + w + "' in: " + run.err());
  }

  @Test
  void anUnknownRoleIsRefusedNamingIt() {
    refused(CliRun.run("node", "--role", "desk,desks", "--bind", "127.0.0.1:25520", "--seed", "127.0.0.1:25520"), "--role", "'desks'", "account, desk, feed");
  }

  @Test
  void aBadAddressIsRefusedNamingTheOption() {
    refused(CliRun.run("node", "--role", "desk", "--bind", "127.0.0.1", "--seed", "127.0.0.1:25520"), "--bind", "'127.0.0.1' is not HOST:PORT");
    refused(CliRun.run("node", "--role", "desk", "--bind", "127.0.0.1:25520", "--seed", "127.0.0.1:99999"), "--seed", "[1, 65535]");
    refused(CliRun.run("cluster", "status", "--seed", "127.0.0.1:x"), "--seed", "not a number");
    refused(CliRun.run("backtest", "--cluster", "--bind", "127.0.0.1:25520"), "--cluster", "--seed");
    refused(CliRun.run("backtest", "--seed", "127.0.0.1:25520"), "--seed", "--cluster");
  }

  @Test
  void anAccountMemberOnTheH2JournalIsRefused() {
    refused(CliRun.run("node", "--role", "account", "--bind", "127.0.0.1:25520", "--seed", "127.0.0.1:25520", "--set", "troupe.persistence.backend=h2"),
        "--role account", "H2", "one process only", "PostgreSQL");
  }

  @Test
  void aClusteredPaperSessionOnTheH2JournalIsRefusedWithNothingWritten(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path state = dir.resolve("state");
    String data = ClusterLockstepTest.HOME.resolve("data/ETH_BTC-5m.json").toString();
    refused(CliRun.run("paper", "--cluster", "--bind", "127.0.0.1:25520", "--seed", "127.0.0.1:25520", "--state", state.toString(), "--http", "off",
        "--strategy", "ema-cross", "--data", data, "--set", "troupe.persistence.backend=h2"), "--cluster", "H2", "one process only", "PostgreSQL");
    assertTrue(!java.nio.file.Files.exists(state), "nothing written under --state");
    refused(CliRun.run("paper", "--bind", "127.0.0.1:25520", "--state", state.toString()), "--bind", "--cluster");
  }

  @Test
  void aPortInUseIsRefusedNamingBind() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String at = "127.0.0.1:" + taken.getLocalPort();
      refused(CliRun.run("node", "--role", "desk", "--bind", at, "--seed", at), "--bind " + at, "in use");
    }
  }

  @Test
  void noSeedReachableWithinTheBoundIsRefused() throws Exception {
    int nobody;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      nobody = free.getLocalPort();
    }
    int own;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      own = free.getLocalPort();
    }
    refused(CliRun.run("node", "--role", "desk", "--bind", "127.0.0.1:" + own, "--seed", "127.0.0.1:" + nobody, "--join-timeout", "3"),
        "--seed 127.0.0.1:" + nobody, "within 3 s");
  }
}
