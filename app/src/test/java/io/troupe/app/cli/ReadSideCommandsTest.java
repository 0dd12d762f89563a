package io.troupe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.app.paper.PaperEvent;
import io.troupe.app.paper.PaperSession;
import io.troupe.app.readside.TestSessions;
import io.troupe.app.report.CsvTable;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalSchema;
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code troupe journal project / trades / equity} on a real H2 state folder that a paper session journaled into. */
class ReadSideCommandsTest {

  @Test
  void projectsOnceAndPrintsTradesAndEquity(@TempDir Path state) throws Exception {
    journal(state, PaperSession.DEFAULT_ID, TestSessions.steps(1, 12));
    String dir = state.toString();

    CliRun project = CliRun.run("journal", "project", "--state", dir);
    assertEquals(0, project.exit(), project.err());
    assertTrue(project.out().matches("(?s).*paper-session\\s+8\\s+12.*"), project.out());

    // Again, with nothing new: still each fill and each step once.
    CliRun again = CliRun.run("journal", "project", "--state", dir, "--session", PaperSession.DEFAULT_ID);
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().matches("(?s).*paper-session\\s+8\\s+12.*"), again.out());

    CliRun trades = CliRun.run("journal", "trades", "--state", dir);
    assertEquals(0, trades.exit(), trades.err());
    List<String> fills = trades.out().lines().toList();
    assertEquals(1 + 8, fills.size(), trades.out());
    assertTrue(fills.get(1).matches("\\s+3 1970-01-01T00:03:00Z\\s+BTC\\s+BUY\\s+0\\.010000\\s+40003\\.000000.*entry.*f3a"), fills.get(1));

    CliRun equity = CliRun.run("journal", "equity", "--state", dir);
    assertEquals(0, equity.exit(), equity.err());
    List<String> steps = equity.out().lines().toList();
    assertEquals(1 + 12, steps.size(), equity.out());
    assertTrue(steps.get(12).matches("\\s+12 1970-01-01T00:12:00Z\\s+9988\\.00\\s+10012\\.00\\s+0\\.00\\s+2"), steps.get(12));

    // The same rows as CSV, to a file and on standard output, read back by a standard parser.
    Path fillsCsv = state.resolve("fills.csv");
    CliRun tradesCsv = CliRun.run("journal", "trades", "--state", dir, "--out", fillsCsv.toString());
    assertEquals(0, tradesCsv.exit(), tradesCsv.err());
    CsvTable fillTable = CsvTable.read(fillsCsv);
    assertEquals(List.of("step", "time", "symbol", "side", "quantity", "price", "fee", "liquidity", "reason", "specialist", "fill_id"),
        fillTable.header());
    assertEquals(8, fillTable.rows().size());
    var first = fillTable.rows().get(0);
    assertEquals(List.of("3", "1970-01-01T00:03:00Z", "BTC", "BUY", "0.01", "40003"),
        List.of(first.get("step"), first.get("time"), first.get("symbol"), first.get("side"), first.get("quantity"), first.get("price")));
    assertEquals("f3a", first.get("fill_id"));
    assertTrue(tradesCsv.err().contains("8 fills written to " + fillsCsv), tradesCsv.err());

    CliRun equityCsv = CliRun.run("journal", "equity", "--state", dir, "--csv");
    assertEquals(0, equityCsv.exit(), equityCsv.err());
    CsvTable equityTable = CsvTable.parse(equityCsv.out());
    assertEquals(List.of("step", "time", "cash", "equity", "exposure", "fills"), equityTable.header());
    assertEquals(12, equityTable.rows().size());
    assertEquals(java.util.Map.of("step", "12", "time", "1970-01-01T00:12:00Z", "cash", "9988", "equity", "10012", "exposure", "0",
        "fills", "2"), equityTable.rows().get(11));
  }

  @Test
  void withoutAJournalTablesOrSessionItSaysSoAndExitsTwo(@TempDir Path state) throws Exception {
    CliRun none = CliRun.run("journal", "project", "--state", state.resolve("nowhere").toString());
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("no journal here"), none.err());
    assertFalse(none.err().contains("\tat "), "no stack trace: " + none.err());

    JournalSchema.createIfMissing(JournalConfig.h2(state));
    CliRun early = CliRun.run("journal", "trades", "--state", state.toString(), "--session", "s1");
    assertEquals(2, early.exit());
    assertTrue(early.err().contains("no read side tables yet (run: troupe journal project)"), early.err());

    // A journal without any paper session: caught up at once, nothing to count.
    JournalSchema.createIfMissing(JournalConfig.h2(state));
    CliRun empty = CliRun.run("journal", "project", "--state", state.toString());
    assertEquals(0, empty.exit(), empty.err());
    assertTrue(empty.out().contains("projected up to journal offset 0"), empty.out());

    journal(state, "s1", TestSessions.steps(1, 3));

    CliRun unknown = CliRun.run("journal", "project", "--state", state.toString(), "--session", "nobody");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("no paper session 'nobody'"), unknown.err());
    CliRun noEquity = CliRun.run("journal", "equity", "--state", state.toString(), "--session", "nobody");
    assertEquals(2, noEquity.exit());
    assertTrue(noEquity.err().contains("no paper session 'nobody'"), noEquity.err());
    assertFalse(noEquity.err().contains("\tat "), "no stack trace: " + noEquity.err());
  }

  private static void journal(Path state, String session, List<PaperEvent> events) throws Exception {
    Config journal = JournalConfig.h2(state);
    JournalSchema.createIfMissing(journal);
    ActorTestKit kit = ActorTestKit.create(journal.withFallback(ConfigFactory.load()));
    try {
      TestProbe<Done> probe = kit.createTestProbe();
      ActorRef<PaperSession.Command> writer = kit.spawn(PaperSession.create(session));
      writer.tell(new PaperSession.Record(events, probe.ref()));
      probe.receiveMessage();
    } finally {
      kit.shutdownTestKit();
    }
  }
}
