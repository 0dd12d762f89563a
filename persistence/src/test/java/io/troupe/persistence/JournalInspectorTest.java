package io.troupe.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalInspectorTest {

  @TempDir
  Path stateDir;

  private Config config;
  private Instant before;

  @BeforeEach
  void writeTwoCounters() throws Exception {
    config = TestJournals.h2(stateDir);
    JournalSchema.createIfMissing(config);
    before = Instant.now().minusMillis(1);
    ActorTestKit kit = ActorTestKit.create("writer", config);
    try {
      TestProbe<Long> totals = kit.createTestProbe();
      ActorRef<Counter.Command> a = kit.spawn(Counter.withoutSnapshots("counter-a"));
      a.tell(new Counter.AddAll(List.of(1L, 2L, 3L), totals.ref()));
      totals.expectMessage(6L);
      ActorRef<Counter.Command> b = kit.spawn(Counter.withoutSnapshots("counter-b"));
      b.tell(new Counter.Add(40L, totals.ref()));
      totals.expectMessage(40L);
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void listsEveryPersistenceIdWithItsEventCountAndLastSequenceNr() throws Exception {
    try (JournalInspector journal = JournalInspector.open(config)) {
      assertEquals(List.of(new PersistenceIdSummary("counter-a", 3, 3), new PersistenceIdSummary("counter-b", 1, 1)),
          journal.persistenceIds());
    }
  }

  @Test
  void showsAnEntitysEventsInOrderDecodedToJson() throws Exception {
    try (JournalInspector journal = JournalInspector.open(config)) {
      List<JournalEvent> events = journal.events("counter-a");
      assertEquals(List.of(1L, 2L, 3L), events.stream().map(JournalEvent::sequenceNr).toList());
      assertEquals(List.of(1L, 2L, 3L), events.stream().map(e -> e.payload().get("amount").asLong()).toList());
      for (JournalEvent event : events) {
        assertEquals(Counter.Added.class.getName(), event.manifest());
        assertEquals(33, event.serializerId());
        assertTrue(!event.writeTimestamp().isBefore(before) && !event.writeTimestamp().isAfter(Instant.now()),
            event.writeTimestamp().toString());
      }
      assertEquals(List.of(), journal.events("no-such-id"));
    }
  }

  @Test
  void exportsEveryEventAsOneJsonLineInWriteOrder() throws Exception {
    StringWriter out = new StringWriter();
    try (JournalInspector journal = JournalInspector.open(config)) {
      assertEquals(4, journal.exportJsonLines(out));
    }
    String[] lines = out.toString().split("\n");
    assertEquals(4, lines.length);
    ObjectMapper json = new ObjectMapper();
    JsonNode last = json.readTree(lines[3]);
    assertEquals("counter-b", last.get("persistenceId").asText());
    assertEquals(1, last.get("sequenceNr").asLong());
    assertEquals(Counter.Added.class.getName(), last.get("manifest").asText());
    assertEquals(40, last.get("payload").get("amount").asLong());
    Instant.parse(last.get("writeTimestamp").asText());
    assertEquals(List.of("counter-a", "counter-a", "counter-a", "counter-b"),
        List.of(lines).stream().map(line -> read(json, line).get("persistenceId").asText()).toList());
  }

  private static JsonNode read(ObjectMapper json, String line) {
    try {
      return json.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
