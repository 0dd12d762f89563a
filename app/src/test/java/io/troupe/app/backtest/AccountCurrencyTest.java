package io.troupe.app.backtest;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One account keeps one currency: mixed quotes refused unless converted; the summary names it; the minimum notional vetoes. */
class AccountCurrencyTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String ETH = HOME.resolve("data/ETH_BTC-5m.json").toString();
  static final String PERP = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  @Test
  void btcQuotedAndUsdQuotedFilesInOneAccountAreRefusedInOneLine(@TempDir Path dir) {
    Path out = dir.resolve("out");
    CliRun r = run("backtest", "--data", ETH, PERP, "--strategy", "breakout", "--out", out.toString(), "--quiet");
    assertEquals(2, r.exit(), r.err());
    String err = r.err().strip();
    assertFalse(err.contains("\n"), err);
    assertTrue(err.contains("ETH_BTC in BTC") && err.contains("BTC-PERP in USD"), err);
    assertFalse(err.contains("Exception"), err);
    assertFalse(Files.exists(out.resolve("summary.json")));
  }

  @Test
  void aFixedRateConvertsAndScalesEveryAmountByIt(@TempDir Path dir) throws Exception {
    Path inBtc = dir.resolve("btc");
    Path inUsd = dir.resolve("usd");
    String[] common = {"backtest", "--data", ETH, "--strategy", "breakout", "--quiet"};
    CliRun a = run(concat(common, "--out", inBtc.toString()));
    assertEquals(0, a.exit(), a.err());
    // The same run in an account kept in USD, at 2 USD a BTC, with the same starting value: every amount doubles.
    CliRun b = run(concat(common, "--out", inUsd.toString(), "--set", "troupe.account.currency=USD", "--set", "troupe.account.conversions.BTC=2",
        "--cash", "20000"));
    assertEquals(0, b.exit(), b.err());
    JsonNode btc = new ObjectMapper().readTree(inBtc.resolve("summary.json").toFile());
    JsonNode usd = new ObjectMapper().readTree(inUsd.resolve("summary.json").toFile());
    assertEquals("BTC", btc.path("account").path("currency").asText());
    assertEquals("USD", usd.path("account").path("currency").asText());
    assertEquals(2.0, usd.path("account").path("instruments").path("ETH_BTC").path("conversion_rate").asDouble());
    assertTrue(findNumber(btc, "trade_count") > 0);
    assertEquals(findNumber(btc, "trade_count"), findNumber(usd, "trade_count"));
    assertEquals(2 * findNumber(btc, "final_value"), findNumber(usd, "final_value"), 1e-6);
    assertEquals(2 * findNumber(btc, "fees"), findNumber(usd, "fees"), 1e-6);
  }

  @Test
  void theSummaryNamesTheAccountCurrencyAndThePerpetual(@TempDir Path dir) throws Exception {
    CliRun r = run("backtest", "--data", PERP, "--to", "2022-01-02", "--strategy", "breakout", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("cash\\s+10000 USD")), r.out());
    JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertEquals("perpetual", s.path("account").path("instruments").path("BTC-PERP").path("kind").asText());
    assertTrue(Files.readString(dir.resolve("report.html")).contains("extra-account"));
  }

  @Test
  void anEntryBelowTheMinimumNotionalIsVetoedByItsName(@TempDir Path dir) throws Exception {
    CliRun r = run("backtest", "--data", ETH, "--strategy", "breakout", "--set", "troupe.instruments.ETH_BTC.min-notional=1000000", "--out", dir.toString(),
        "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertTrue(s.path("vetoes_by_reason").path("min_notional").asInt() > 0, s.path("vetoes_by_reason").toString());
    assertEquals(0, findNumber(s, "trade_count"));
  }

  @Test
  void anUnknownInstrumentFieldExitsTwoNamingIt(@TempDir Path dir) {
    CliRun r = run("backtest", "--data", ETH, "--set", "troupe.instruments.ETH_BTC.tick=0.1", "--out", dir.toString(), "--quiet");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("troupe.instruments.ETH_BTC.tick: unknown field"), r.err());
  }

  /** A headline figure wherever summary.json keeps it (top level or under metrics). */
  private static double findNumber(JsonNode summary, String key) {
    JsonNode n = summary.get(key);
    if (n == null || !n.isNumber()) throw new AssertionError("no number " + key + " in " + summary);
    return n.asDouble();
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
