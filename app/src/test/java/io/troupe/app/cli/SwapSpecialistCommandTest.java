package io.troupe.app.cli;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code troupe specialist} refuses what it can check itself, before it asks the session, in one line, exit 2. */
class SwapSpecialistCommandTest {

  static final Path GENOME = Path.of("..", "examples", "genomes", "trending-fast.json").toAbsolutePath().normalize();

  /** A localhost port nothing listens on: taken from the system, then let go. */
  private static String closedApi() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + s.getLocalPort() + "/api/v1";
    }
  }

  private static Path token(Path dir) throws Exception {
    Path f = dir.resolve("token");
    Files.writeString(f, "op-secret-7f3a9c1e5b2d4f60\n");
    return f;
  }

  @Test
  void aBadGenomeFileIsRefusedWithTheMessageEveryCommandGivesIt(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, Files.readString(GENOME).replace("\"stop_atr\": 1.5", "\"stop_atr\": 9"));
    CliRun r = run("specialist", "replace", "--desk", "BTC-PERP", "--name", "trending-default", "--genome", bad.toString(), "--reason", "r",
        "--api", closedApi(), "--token-file", token(dir).toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("error: " + bad + ": genome 'trending-fast': field 'params.stop_atr' = 9.0 is out of range [1, 3]", r.err().strip());
  }

  @Test
  void aSessionThatIsNotThereAWrongMixOfOptionsOrNoTokenExitTwoInOneLine(@TempDir Path dir) throws Exception {
    String api = closedApi();
    String token = token(dir).toString();
    CliRun unreachable = run("specialist", "add", "--desk", "BTC-PERP", "--name", "t2", "--genome", GENOME.toString(), "--reason", "r", "--api", api,
        "--token-file", token);
    assertEquals(2, unreachable.exit(), unreachable.err());
    assertEquals("error: --api: cannot connect to " + api + " (is a paper session serving its API there?)", unreachable.err().strip());
    CliRun both = run("specialist", "add", "--desk", "BTC-PERP", "--name", "t2", "--genome", GENOME.toString(), "--strategy", "sma-cross", "--reason", "r",
        "--api", api, "--token-file", token);
    assertEquals(2, both.exit());
    assertEquals("error: add needs --genome FILE or --strategy NAME (one of them)", both.err().strip());
    CliRun remove = run("specialist", "remove", "--desk", "BTC-PERP", "--name", "t2", "--genome", GENOME.toString(), "--reason", "r", "--api", api,
        "--token-file", token);
    assertEquals(2, remove.exit());
    assertEquals("error: remove takes no --genome, --strategy or --param", remove.err().strip());
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "\n");
    CliRun noToken = run("specialist", "remove", "--desk", "BTC-PERP", "--name", "t2", "--reason", "r", "--api", api, "--token-file", empty.toString());
    assertEquals(2, noToken.exit());
    assertTrue(noToken.err().contains("--token-file " + empty + ": holds no token"), noToken.err());
    CliRun action = run("specialist", "swap", "--desk", "BTC-PERP", "--name", "t2", "--reason", "r");
    assertEquals(2, action.exit());
    assertEquals("error: troupe specialist: 'swap' is not one of add, replace, remove", action.err().strip());
  }
}
