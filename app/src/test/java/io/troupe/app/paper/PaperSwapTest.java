package io.troupe.app.paper;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.app.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swaps in event time ({@code --swap}) in a paper session: the files are the backtest's with the same swaps, in one run,
 * in a resume from a checkpoint taken after the swaps (the desk restored as swapped; a replacement sent again would
 * shadow anew and change the files), and
 * in a resume that replays every step (the swaps applied again at their boundaries).
 */
class PaperSwapTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String BTC = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();
  static final String GENOME = HOME.resolve("examples/genomes/trending-fast.json").toString();
  static final List<String> SAME_FILES = List.of("trades.csv", "orders.csv", "equity.csv");

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  private static String[] args(String command, Path out, String... more) {
    List<String> a = new ArrayList<>(List.of(command, "--data", BTC, "--to", "2022-01-02", "--out", out.toString(),
        "--swap", "2022-01-01T06:00:00Z:BTC-PERP:trending-default:" + GENOME,
        "--swap", "2022-01-01T06:00:00Z:BTC-PERP:trending-b:" + GENOME,
        "--swap", "2022-01-01T15:00:00Z:BTC-PERP:ranging-default:-"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void aPaperSessionWithSwapsWritesTheBacktestsFilesAndResumesWithThemFromACheckpointOrFromTheStart(@TempDir Path dir) throws Exception {
    CliRun backtest = run(args("backtest", dir.resolve("backtest")));
    assertEquals(0, backtest.exit(), backtest.err());
    CliRun plain = run("backtest", "--data", BTC, "--to", "2022-01-02", "--quiet", "--out", dir.resolve("plain").toString());
    assertEquals(0, plain.exit(), plain.err());
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("backtest/trades.csv")), Files.readAllBytes(dir.resolve("plain/trades.csv"))),
        "the swaps change the slice's trades");
    assertTrue(Files.readString(dir.resolve("backtest/trades.csv")).contains(",trending-b\n"), "the added specialist traded");

    Path state = dir.resolve("state");
    String[] session = {"--speed", "max", "--state", state.toString(), "--set", "troupe.paper.checkpoint-every=1000"};
    CliRun paper = run(args("paper", dir.resolve("paper"), session));
    assertEquals(0, paper.exit(), paper.err());
    CliRun again = run(args("paper", dir.resolve("again"), session));
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.err().contains("agents from the checkpoint at step 1000, replaying 499 steps"), again.err());
    CliRun full = run(args("paper", dir.resolve("full"), concat(session, "--set", "troupe.paper.use-checkpoints=off")));
    assertEquals(0, full.exit(), full.err());
    assertTrue(full.err().contains("no checkpoint, replaying 1499 steps"), full.err());
    for (String f : SAME_FILES) {
      byte[] expected = Files.readAllBytes(dir.resolve("backtest").resolve(f));
      assertArrayEquals(expected, Files.readAllBytes(dir.resolve("paper").resolve(f)), f);
      assertArrayEquals(expected, Files.readAllBytes(dir.resolve("again").resolve(f)), f);
      assertArrayEquals(expected, Files.readAllBytes(dir.resolve("full").resolve(f)), f);
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
