package io.troupe.app.cli;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user who mistypes a key, a value or an option sees: exit 2 and one line naming what they wrote, where, and
 * what would be right; never a silent no-op or a stack trace. Every case is refused before any bar is read.
 */
class ConfigValidationTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  /** A refused backtest: exit 2, one line on stderr (no stack trace), nothing written. */
  private static String refused(Path dir, String... args) throws Exception {
    Path out = dir.resolve("out");
    String[] all = Stream.concat(Stream.of("backtest", "--out", out.toString()), Stream.of(args)).toArray(String[]::new);
    CliRun r = run(all);
    assertEquals(2, r.exit(), r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(Files.exists(out.resolve("summary.json")));
    return r.err().strip();
  }

  // ---- typos

  @Test
  void aMisspeltKeyInASetIsRefusedWithTheNearestKnownKey(@TempDir Path dir) throws Exception {
    String err = refused(dir, "--set", "troupe.risk.max-postion-pct=5");
    assertEquals("error: --set troupe.risk.max-postion-pct=5: unknown key troupe.risk.max-postion-pct;"
        + " did you mean troupe.risk.max-position-pct?", err);
  }

  @Test
  void aKeyNoOneReadsIsRefused(@TempDir Path dir) throws Exception {
    String err = refused(dir, "--set", "foo=bar");
    assertTrue(err.contains("--set foo=bar: unknown key foo;") && err.contains("under troupe"), err);
    // a Troupe key written without its troupe. prefix
    String bare = refused(dir, "--set", "risk.max-position-pct=5");
    assertTrue(bare.contains("unknown key risk.max-position-pct; did you mean troupe.risk.max-position-pct?"), bare);
  }

  @Test
  void anUnknownKeyInAConfigFileIsRefusedNamingTheFileAndLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.conf");
    Files.writeString(file, "# my settings\ntroupe.risk {\n  max-position-pct = 8\n  concentraton-pct = 20\n}\n");
    String err = refused(dir, "--config", file.toString());
    assertTrue(err.contains(file + " line 4: unknown key troupe.risk.concentraton-pct; did you mean troupe.risk.concentration-pct?"), err);
  }

  @Test
  void aMisspeltFieldOfAnExitStepIsRefused(@TempDir Path dir) throws Exception {
    String err = refused(dir, "--set", "troupe.exits.partials=[{at-profit-pct = 2, fraktion-pct = 50}]");
    assertTrue(err.contains("unknown key troupe.exits.partials[0].fraktion-pct; did you mean fraction-pct?"), err);
  }

  @Test
  void aSectionGivenAValueIsRefusedListingItsKeys(@TempDir Path dir) throws Exception {
    String err = refused(dir, "--set", "troupe.risk.trades-per-strategy=5");
    assertTrue(err.contains("--set troupe.risk.trades-per-strategy=5: troupe.risk.trades-per-strategy is a section, not a value;"
        + " set one of its keys: per-day, per-hour, per-minute"), err);
    String risk = refused(dir, "--set", "troupe.risk=5");
    assertTrue(risk.contains("set one of its keys: allocation.*, breakers.*, cash-buffer-pct,"), risk);
    String leaf = refused(dir, "--set", "troupe.risk.max-position-pct={a = 1}");
    assertTrue(leaf.contains("troupe.risk.max-position-pct takes a value, not a section"), leaf);
  }

  // ---- messages in the user's words

  @Test
  void aValueOfTheWrongTypeSaysWhatWasExpected(@TempDir Path dir) throws Exception {
    String err = refused(dir, "--set", "troupe.risk.max-position-pct=abc");
    assertEquals("error: troupe.risk.max-position-pct expects a number, got 'abc' (from --set troupe.risk.max-position-pct=abc)", err);
    assertTrue(refused(dir, "--set", "troupe.exits.max-age=soon").contains("troupe.exits.max-age expects a duration such as 30s"));
    assertTrue(refused(dir, "--set", "troupe.exits.enabled=maybe").contains("troupe.exits.enabled expects true or false"));
    assertTrue(refused(dir, "--set", "troupe.backtest.threads=1.5").contains("troupe.backtest.threads expects a whole number, got 1.5"));
  }

  @Test
  void aPercentIsShownAsTypedNotAsAFraction(@TempDir Path dir) throws Exception {
    String err = refused(dir, "--set", "troupe.risk.max-position-pct=-5");
    assertTrue(err.contains("troupe.risk.max-position-pct must be in (0, 300]") && err.endsWith("got -5 (from --set troupe.risk.max-position-pct=-5)"), err);
    assertFalse(err.contains("0.05"), err);
  }

  @Test
  void aBadOptionIsNamedAsTheOptionTyped(@TempDir Path dir) throws Exception {
    assertEquals("error: --cash must be > 0, got 0", refused(dir, "--cash", "0"));
    assertEquals("error: --size-pct must be in [0, 100] (percent of equity), got 250", refused(dir, "--strategy", "sma-cross", "--size-pct", "250"));
    assertEquals("error: --fill must be one of next-open, close, got 'open'", refused(dir, "--fill", "open"));
  }

  @Test
  void aBadValueInAConfigFileNamesTheFileAndLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("limits.conf");
    Files.writeString(file, "troupe.risk.breakers {\n  daily-loss-pct = 150\n}\n");
    String err = refused(dir, "--config", file.toString());
    assertEquals("error: troupe.risk.breakers.daily-loss-pct must be in [0, 100] (percent of equity), got 150 (from " + file + " line 2)", err);
  }

  // ---- bounds and names

  @Test
  void percentsHaveUpperBounds(@TempDir Path dir) throws Exception {
    String position = refused(dir, "--set", "troupe.risk.max-position-pct=5000");
    assertTrue(position.contains("troupe.risk.max-position-pct must be in (0, 300] (percent of equity, 100 x troupe.risk.max-leverage 3), got 5000"),
        position);
    // without leverage a position is at most all of equity
    String spot = refused(dir, "--set", "troupe.risk.max-leverage=1", "--set", "troupe.risk.max-position-pct=150");
    assertTrue(spot.contains("troupe.risk.max-position-pct must be in (0, 100] (percent of equity), got 150"), spot);
    String fraction = refused(dir, "--set", "troupe.exits.partials=[{at-profit-pct = 2, fraction-pct = 300}]");
    assertTrue(fraction.contains("troupe.exits.partials[0].fraction-pct must be in (0, 100] (percent of the initial size), got 300"), fraction);
    String weights = refused(dir, "--set", "troupe.risk.allocation.weights-pct={a = 60, b = 50}");
    assertTrue(weights.contains("troupe.risk.allocation.weights-pct must add up to at most 100"), weights);
  }

  @Test
  void aStopStormReasonIsCheckedAgainstTheExitReasons(@TempDir Path dir) throws Exception {
    String err = refused(dir, "--set", "troupe.risk.breakers.stop-storm.reasons=[stop_los]");
    assertTrue(err.contains("troupe.risk.breakers.stop-storm.reasons 'stop_los' is not an exit reason (did you mean stop_loss?);"
        + " the reasons are stop_loss, atr_stop, max_loss, take_profit"), err);
  }

  @Test
  void countsHaveLowerBounds(@TempDir Path dir) throws Exception {
    assertTrue(refused(dir, "--set", "troupe.backtest.threads=0").contains("troupe.backtest.threads must be a whole number >= 1, got 0"));
    assertTrue(refused(dir, "--set", "troupe.risk.max-open-positions=-1").contains("troupe.risk.max-open-positions must be a whole number >= 0"));
  }

  // ---- bad usage

  @Test
  void aConfigFileThatIsNotHoconIsOneLineNamingTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.conf");
    Files.writeString(file, "troupe.risk {\n  max-position-pct = 5\n");
    String err = refused(dir, "--config", file.toString());
    assertTrue(err.startsWith("error: --config " + file + " line "), err);
    Path folder = Files.createDirectories(dir.resolve("a-folder.conf"));
    assertTrue(refused(dir, "--config", folder.toString()).contains("is a folder, not a file"));
  }

  @Test
  void outputPathsOfTheWrongKindAreRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    CliRun r = run("backtest", "--out", file.toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("error: --out " + file + ": is a file, not a folder", r.err().strip());
    CliRun state = run("paper", "--state", file.toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, state.exit(), state.err());
    assertEquals("error: --state " + file + ": is a file, not a folder", state.err().strip());
    // the commands that write one file: a folder there, or no folder to write into
    String btc = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();
    CliRun indicators = run("indicators", "--data", btc, "--indicators", "sma(3)", "--out", dir.toString());
    assertEquals(2, indicators.exit(), indicators.err());
    assertEquals("error: --out " + dir + ": is a folder, not a file", indicators.err().strip());
    CliRun regimes = run("regimes", "--data", btc, "--out", dir.resolve("no/such/r.csv").toString());
    assertEquals(2, regimes.exit(), regimes.err());
    assertTrue(regimes.err().contains(": no such folder "), regimes.err());
  }

  @Test
  void aParamWithoutAStrategyIsRefused(@TempDir Path dir) throws Exception {
    String err = refused(dir, "--param", "period=30");
    assertTrue(err.contains("--param period: give --strategy NAME too"), err);
  }

  @Test
  void paperRefusesABadOptionBeforeItCreatesTheJournal(@TempDir Path dir) throws Exception {
    Path state = Files.createDirectories(dir.resolve("state"));
    CliRun r = run("paper", "--speed", "0", "--state", state.toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--speed: '0' is not a positive number or max"), r.err());
    try (Stream<Path> files = Files.list(state)) {
      assertEquals(0, files.count(), "the state folder stays empty");
    }
    CliRun typo = run("paper", "--speed", "max", "--state", state.toString(), "--set", "troupe.paper.checkpoint-evry=10");
    assertEquals(2, typo.exit(), typo.err());
    assertTrue(typo.err().contains("did you mean troupe.paper.checkpoint-every?"), typo.err());
    try (Stream<Path> files = Files.list(state)) {
      assertEquals(0, files.count(), "the state folder stays empty");
    }
  }

  @Test
  void aMistypedOptionIsOneLinePointingAtTheHelp(@TempDir Path dir) {
    CliRun r = run("backtest", "--cash", "abc", "--out", dir.toString());
    assertEquals(2, r.exit());
    assertEquals("error: Invalid value for option '--cash': 'abc' is not a double\nsee: troupe backtest --help", r.err().strip().replace("\r", ""));
    CliRun unknown = run("backtest", "--strateg", "sma-cross", "--out", dir.toString());
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("--strategy"), unknown.err());
  }

  @Test
  void theHelpListsTheExitCodes() {
    CliRun top = run("--help");
    assertTrue(java.util.regex.Pattern.compile("(?m)^\\s*3 +findings").matcher(top.out()).find(), top.out());
    assertTrue(java.util.regex.Pattern.compile("(?m)^\\s*130 +stopped by SIGINT").matcher(top.out()).find(), top.out());
    CliRun verify = run("journal", "verify", "--help");
    assertTrue(verify.out().contains("3   findings: an invariant is broken"), verify.out());
  }
}
