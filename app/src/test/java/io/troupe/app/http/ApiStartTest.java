package io.troupe.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.cli.CliRun;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `troupe paper` refuses about its API before it writes anything: each is one line and exit 2. */
class ApiStartTest {

  static {
    System.setProperty("troupe.home", ApiSession.HOME.toString());
  }

  private static CliRun paper(Path dir, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("paper", "--data", ApiSession.BTC, "--to", "2022-01-01", "--speed", "max",
        "--state", dir.resolve("state").toString(), "--out", dir.resolve("out").toString()));
    args.addAll(List.of(more));
    return CliRun.run(args.toArray(new String[0]));
  }

  private static void refusedBeforeAnythingIsWritten(CliRun r, Path dir, String message) {
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    assertTrue(r.err().contains(message), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(dir.resolve("state")), "nothing written");
  }

  @Test
  void aPortInUseIsRefused(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String address = "127.0.0.1:" + taken.getLocalPort();
      refusedBeforeAnythingIsWritten(paper(dir, "--http", address), dir, "error: --http " + address + ": cannot listen there");
    }
  }

  @Test
  void withoutTokensTheApiStaysOnThisMachine(@TempDir Path dir) {
    refusedBeforeAnythingIsWritten(paper(dir, "--http", "0.0.0.0:0"), dir,
        "error: --http 0.0.0.0:0: without tokens the API serves this machine alone (127.0.0.1); give --tokens FILE");
  }

  @Test
  void badAddressesAndTokenFilesAreRefused(@TempDir Path dir) throws Exception {
    refusedBeforeAnythingIsWritten(paper(dir, "--http", "localhost"), dir, "error: --http: 'localhost' is not HOST:PORT or off");
    refusedBeforeAnythingIsWritten(paper(dir, "--set", "troupe.http.address=nowhere"), dir,
        "troupe.http.address: 'nowhere' is not HOST:PORT or off (from --set troupe.http.address=nowhere)");
    Path tokens = dir.resolve("tokens");
    Files.writeString(tokens, "alice operator a-long-enough-secret-1\nbob reader another-long-secret-2\n");
    refusedBeforeAnythingIsWritten(paper(dir, "--http", "127.0.0.1:0", "--tokens", tokens.toString()), dir,
        "error: " + tokens + " line 2: the role 'reader' is not viewer or operator");
  }
}
