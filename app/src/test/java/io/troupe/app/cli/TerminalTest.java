package io.troupe.app.cli;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a new user sees on the terminal: the summary's frame, runs/ folders, the progress bar, `troupe list`, the help. */
class TerminalTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String BTC = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  @Test
  void theSummarySaysWhatRanAndEndsWithTheTradingStateTheReportAndWhatToTryNext(@TempDir Path dir) {
    CliRun r = run("backtest", "--data", BTC, "--to", "2022-01-03", "--strategy", "ema-cross", "--taker-fee", "0.05", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    String out = r.out();
    assertTrue(out.startsWith("ran                    ema-cross {fast=12.0, slow=26.0}"), out);
    assertTrue(out.contains("symbols                BTC-PERP (1m bars, "), out);
    assertTrue(Pattern.compile("span +2021-12-31T23:01:00Z to 2022-01-02T23:59:00Z, 2,939 bars in 2,939 steps").matcher(out).find(), out);
    assertTrue(out.contains("fills                  market orders at the next bar's open, slippage 5 bps, fees maker 0.1% / taker 0.05%"), out);
    assertTrue(Pattern.compile("trading state at end +ACTIVE").matcher(out).find(), out);
    assertTrue(out.contains("report                 " + dir.toAbsolutePath().normalize().resolve("report.html")), out);
    assertTrue(out.contains("next                   troupe edge --run " + dir.toAbsolutePath().normalize()), out);
    assertFalse(r.err().contains("WARN"), "no log lines about trading states on stderr: " + r.err());
  }

  @Test
  void eachRunWithoutOutGetsItsOwnFolderAndLatestPointsAtTheNewest(@TempDir Path runs) throws Exception {
    Instant t = Instant.parse("2026-12-01T11:55:00Z");
    Path first = OutputPaths.newRun(runs, "specialists", t);
    assertEquals("20261201-115500-specialists", first.getFileName().toString());
    Files.createDirectories(first);
    OutputPaths.pointLatest(first);
    Path second = OutputPaths.newRun(runs, "paper-my session", t);
    assertEquals("20261201-115500-paper-my_session", second.getFileName().toString());
    Files.createDirectories(second);
    Path third = OutputPaths.newRun(runs, "paper-my session", t);
    assertEquals("20261201-115500-paper-my_session-2", third.getFileName().toString(), "two runs in one second get two folders");
    OutputPaths.pointLatest(second);
    assertTrue(Files.isSymbolicLink(runs.resolve("latest")));
    assertEquals(second.toRealPath(), runs.resolve("latest").toRealPath());
  }

  @Test
  void theProgressBarCountsBarsAndEstimatesTheTimeLeft() {
    assertEquals("[###############...............]  50.0%  22,500/45,000 bars, about 4 s left   ", Progress.line(22_500, 45_000, 4_000_000_000L));
    assertEquals("[..............................]   0.0%  0/45,000 bars   ", Progress.line(0, 45_000, 0));
    assertEquals("[##############################] 100.0%  45,000/45,000 bars   ", Progress.line(45_000, 45_000, 9_000_000_000L));
  }

  @Test
  void listNamesWhatTheOptionsTake() {
    CliRun strategies = run("list", "strategies");
    assertEquals(0, strategies.exit());
    assertTrue(strategies.out().contains("ema-cross(fast=12, slow=26)"), strategies.out());
    assertTrue(strategies.out().startsWith("specialists"), strategies.out());
    CliRun indicators = run("list", "indicators");
    assertTrue(indicators.out().contains("bbands(n,k)") && indicators.out().contains("macd(fast,slow,signal)"), indicators.out());
    CliRun specialists = run("list", "specialists");
    assertEquals(0, specialists.exit(), specialists.err());
    for (String kind : List.of("crisis", "ranging", "trending", "volatile")) {
      assertTrue(specialists.out().contains(kind + "-default   specialist of the " + kind + " regime"), specialists.out());
    }
    assertTrue(specialists.out().contains("stop_pct"), specialists.out());
    assertTrue(run("list", "timeframes").out().contains("1m 5m 15m 30m 1h 4h 1d 1w"));
    CliRun bad = run("list", "strategy");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("expected one of [strategies, indicators, specialists, timeframes]"), bad.err());
  }

  @Test
  void everyCommandsHelpHasAnExampleAndNoRawPlaceholder() {
    CommandLine cli = TroupeCli.newCommandLine();
    for (var e : cli.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) continue;
      String help = e.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
      assertTrue(help.contains("Examples:"), e.getKey() + " has no example:\n" + help);
      assertFalse(Pattern.compile("<[a-zA-Z]+>").matcher(help).find(), e.getKey() + " shows a raw placeholder:\n" + help);
    }
  }
}
