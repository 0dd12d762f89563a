package io.troupe.app.paper;

import static io.troupe.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.persistence.JournalEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journal verify} reads every event, finds gaps in the sequence and in the steps, and holds the journal to its manifest. */
class JournalVerificationTest {

  static List<JournalEvent> journal;

  @BeforeAll
  static void aSession(@TempDir Path dir) throws Exception {
    System.setProperty("troupe.home", PaperSessionTest.HOME.toString());
    Path data = dir.resolve("btc-perp_1m.csv");
    Files.write(data, Files.readAllLines(Path.of(PaperSessionTest.BTC)).subList(0, 201));
    assertEquals(0, run("paper", "--data", data.toString(), "--speed", "max", "--state", dir.resolve("state").toString(), "--out",
        dir.resolve("out").toString(), "--quiet").exit());
    journal = PaperSessionTest.events(dir.resolve("state"));
  }

  @Test
  void theBundledPerpetualIsJournaledAsAPerpetualQuotedInUsd() {
    JournalEvent started = journal.stream().filter(e -> e.manifest().contains("SessionStarted")).findFirst().orElseThrow();
    var perp = started.payload().path("instruments").path("BTC-PERP");
    assertEquals("PERPETUAL", perp.path("kind").asText(), started.payload().toString());
    assertEquals("USD", perp.path("quoteCurrency").asText());
    assertEquals("CASH", perp.path("settlement").asText());
  }

  @Test
  void anIntactJournalVerifiesAgainstItsManifest() {
    JournalVerification.Result r = JournalVerification.verify(journal, new SessionManifest(PaperSession.DEFAULT_ID, 200));
    assertTrue(r.ok(), r.violations().toString());
    assertTrue(r.lines().get(0).contains("sequence 1 to " + journal.size() + " without a gap"), r.lines().toString());
  }

  @Test
  void missingEventsAreNamedBySequenceNumber() {
    List<JournalEvent> cut = new ArrayList<>(journal);
    cut.subList(100, 110).clear();
    JournalVerification.Result r = JournalVerification.verify(cut, null);
    assertFalse(r.ok());
    assertTrue(r.violations().contains("events 101 to 110 are missing (the next is 111)"), r.violations().toString());
    assertTrue(r.violations().stream().anyMatch(v -> v.contains("is recorded after step")), "the steps have a gap too: " + r.violations());
  }

  @Test
  void anEventThatDoesNotReadIsNamed() {
    List<JournalEvent> damaged = new ArrayList<>(journal);
    JournalEvent e = damaged.get(50);
    ObjectNode garbage = JsonNodeFactory.instance.objectNode().put("step", "not a number");
    damaged.set(50, new JournalEvent(e.persistenceId(), e.sequenceNr(), e.writeTimestamp(), e.manifest(), e.serializerId(), garbage));
    JournalVerification.Result r = JournalVerification.verify(damaged, null);
    assertTrue(r.violations().stream().anyMatch(v -> v.startsWith("event " + e.sequenceNr() + " (" + e.manifest() + ") does not read")), r.violations().toString());
  }

  @Test
  void aJournalBehindItsManifestIsBroken() {
    JournalVerification.Result r = JournalVerification.verify(journal, new SessionManifest(PaperSession.DEFAULT_ID, 240));
    assertTrue(r.violations().stream().anyMatch(v -> v.contains("the journal holds 200 completed steps, but the session's manifest records 240: steps 201 to 240")),
        r.violations().toString());
  }
}
