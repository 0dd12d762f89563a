package io.troupe.app.cli;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code troupe} with no command is bad usage: the usage on standard error, and exit 2. */
class NoCommandTest {

  @Test
  void noCommandPrintsUsageAndExitsTwo() {
    CliRun none = run();
    assertEquals(2, none.exit(), none.err());
    assertTrue(none.err().contains("Usage: troupe") && none.err().contains("backtest"), none.err());
    assertTrue(none.err().contains("error: give a command"), none.err());
    assertEquals("", none.out());
  }
}
