package io.troupe.app.backtest;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated exchange's fee and latency options as a user gives them to {@code backtest} and {@code paper}. */
class ExchangeModelOptionsTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String BTC = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();
  static final List<String> SAME_FILES = List.of("trades.csv", "orders.csv", "equity.csv");
  // A few days of the bundled file: the specialists' maker entries and market exits both trade in them.
  static final String[] SLICE = {"--data", BTC, "--to", "2022-01-05"};

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  @Test
  void aSeededRandomLatencyGivesByteIdenticalRerunsAndOtherTradesThanNone(@TempDir Path dir) throws Exception {
    String[] latency = {"--latency", "exponential:90s", "--latency-seed", "5"};
    backtest(dir.resolve("a"), latency);
    backtest(dir.resolve("b"), latency);
    backtest(dir.resolve("none"));
    for (String f : SAME_FILES) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
    }
    assertTrue(Files.readAllLines(dir.resolve("a/trades.csv")).size() > 2, "the slice should trade");
    assertFalse(Arrays.equals(Files.readAllBytes(dir.resolve("a/trades.csv")), Files.readAllBytes(dir.resolve("none/trades.csv"))),
        "orders in flight for 90 s on average miss bars");
    JsonNode config = summary(dir.resolve("a")).get("config");
    assertEquals("exponential:90000ms", config.get("latency").asText());
    assertEquals(5, config.get("latency_seed").asLong());
    assertFalse(summary(dir.resolve("none")).get("config").has("latency"), "no latency, no key: the settings read as before");
  }

  @Test
  void makerAndTakerFeesAreSetApartAndCommissionSetsBoth(@TempDir Path dir) throws Exception {
    backtest(dir.resolve("commission"), "--commission", "0.1");
    backtest(dir.resolve("both"), "--maker-fee", "0.1", "--taker-fee", "0.1");
    backtest(dir.resolve("split"), "--maker-fee", "0", "--taker-fee", "0.1");
    for (String f : SAME_FILES) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("commission").resolve(f)), Files.readAllBytes(dir.resolve("both").resolve(f)), f);
    }
    double withCommission = fees(dir.resolve("commission"));
    double split = fees(dir.resolve("split"));
    assertTrue(withCommission > 0);
    assertTrue(split < withCommission, "free maker fills cost less: " + split + " vs " + withCommission);
    assertTrue(split > 0, "taker fills still pay");
    JsonNode config = summary(dir.resolve("split")).get("config");
    assertEquals(0, config.get("maker_fee_pct").asDouble());
    assertEquals(0.1, config.get("taker_fee_pct").asDouble());
    assertFalse(summary(dir.resolve("commission")).get("config").has("maker_fee_pct"));
  }

  @Test
  void aPaperSessionWithLatencyMatchesTheBacktestAndResumesFromItsCheckpoint(@TempDir Path dir) throws Exception {
    String[] slice = {"--data", BTC, "--to", "2022-01-02", "--latency", "uniform:30s,150s", "--latency-seed", "3"};
    CliRun backtest = run(concat(concat(new String[] {"backtest"}, slice), "--out", dir.resolve("backtest").toString(), "--quiet"));
    assertEquals(0, backtest.exit(), backtest.err());
    Path state = dir.resolve("state");
    String[] paper = concat(concat(new String[] {"paper"}, slice), "--speed", "max", "--state", state.toString());
    CliRun first = run(concat(paper, "--out", dir.resolve("paper").toString()));
    assertEquals(0, first.exit(), first.err());
    CliRun again = run(concat(paper, "--out", dir.resolve("again").toString()));
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.err().contains("agents from the checkpoint at step 1000") && again.err().contains("positions and state agree"), again.err());
    for (String f : SAME_FILES) {
      byte[] expected = Files.readAllBytes(dir.resolve("backtest").resolve(f));
      assertArrayEquals(expected, Files.readAllBytes(dir.resolve("paper").resolve(f)), f);
      assertArrayEquals(expected, Files.readAllBytes(dir.resolve("again").resolve(f)), f);
    }
    assertTrue(Files.readAllLines(dir.resolve("paper/trades.csv")).size() > 1, "the slice should trade");
  }

  @Test
  void badValuesExitTwoNamingTheOption(@TempDir Path dir) {
    assertBad(dir, "--latency", List.of("--latency", "-5ms"), ">= 0");
    assertBad(dir, "--latency", List.of("--latency", "soon"), "is not a latency");
    assertBad(dir, "--maker-fee", List.of("--maker-fee", "abc"), "abc");
    assertBad(dir, "--taker-fee", List.of("--taker-fee", "-1"), ">= 0");
    assertBad(dir, "--latency-seed", List.of("--latency-seed", "x"), "x");
    assertBad(dir, "troupe.backtest.latency", List.of("--set", "troupe.backtest.latency=\"uniform:5s,1s\""), "min <= max");
  }

  private static void assertBad(Path dir, String named, List<String> args, String saying) {
    CliRun r = run(concat(concat(new String[] {"backtest", "--out", dir.resolve("bad").toString()}, SLICE), args.toArray(String[]::new)));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains(named) && r.err().contains(saying), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  private static void backtest(Path out, String... options) {
    CliRun r = run(concat(concat(new String[] {"backtest", "--out", out.toString(), "--quiet"}, SLICE), options));
    assertEquals(0, r.exit(), r.err());
  }

  private static JsonNode summary(Path run) throws Exception {
    return new ObjectMapper().readTree(run.resolve("summary.json").toFile());
  }

  /** The fees column of trades.csv, summed. */
  private static double fees(Path run) throws Exception {
    List<String> lines = Files.readAllLines(run.resolve("trades.csv"));
    int column = List.of(lines.get(0).split(",")).indexOf("fees");
    double sum = 0;
    for (String line : lines.subList(1, lines.size())) sum += Double.parseDouble(line.split(",")[column]);
    return sum;
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
