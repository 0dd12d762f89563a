package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.model.Instrument;
import io.troupe.persistence.JdbcSettings;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session's journal under its writer, on a real H2 journal: a write that fails is answered at once with the fault
 * and the sequence numbers it was to take (instead of no answer from a stopped actor), the next write is refused while
 * no incarnation runs, and a fresh one recovers to the last durable event and takes writes again.
 */
class SessionWriterTest {

  static final String ID = "writer";
  static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path state;
  Config journal;
  ActorTestKit kit;

  /** Before the first ConfigFactory.load() of this JVM, which caches the system properties, as the other tests do. */
  @org.junit.jupiter.api.BeforeAll
  static void home() {
    System.setProperty("troupe.home", PaperSessionTest.HOME.toString());
  }

  @BeforeEach
  void start() throws Exception {
    journal = JournalConfig.h2(state);
    JournalSchema.createIfMissing(journal);
    kit = ActorTestKit.create(journal.withFallback(ConfigFactory.load()));
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void aFailedWriteIsAnsweredAtOnceAndAFreshIncarnationGoesOnFromTheLastDurableEvent() throws Exception {
    ActorRef<SessionWriter.Command> writer = kit.spawn(SessionWriter.create(ID, 0));
    TestProbe<SessionWriter.Recovery> recovered = kit.createTestProbe();
    TestProbe<SessionWriter.WriteResult> written = kit.createTestProbe();

    writer.tell(new SessionWriter.Recover(true, recovered.ref()));
    SessionWriter.Recovered fresh = recovered.expectMessageClass(SessionWriter.Recovered.class, WAIT);
    assertEquals(0, fresh.sequenceNr());
    assertTrue(fresh.journal().isEmpty());
    writer.tell(new SessionWriter.Write(List.of(started(), new PaperEvent.StepRecorded(1, 60_000, "d1")), null, written.ref()));
    written.expectMessageClass(SessionWriter.Written.class, WAIT);

    // Another writer takes event 4 behind the session's back: the next write (events 3 and 4) fails on it.
    copyEvent(2, 4);
    writer.tell(new SessionWriter.Write(List.of(completed(1), new PaperEvent.StepRecorded(2, 120_000, "d2")), null, written.ref()));
    SessionWriter.WriteFailed failed = written.expectMessageClass(SessionWriter.WriteFailed.class, WAIT);
    assertEquals(JournalFault.Kind.DUPLICATE_KEY, failed.fault().kind(), failed.fault().toString());
    assertEquals(new PaperSession.Writing(3, 4), failed.attempted());

    // No incarnation runs now: a write is refused at once, naming why the last one stopped, and never reaches the journal.
    writer.tell(new SessionWriter.Write(List.of(completed(1)), null, written.ref()));
    SessionWriter.WriteFailed refused = written.expectMessageClass(SessionWriter.WriteFailed.class, WAIT);
    assertEquals(failed.fault(), refused.fault());
    assertEquals(null, refused.attempted());

    // With the intruder's event gone, a fresh incarnation recovers the two durable events and takes the write.
    deleteEvent(4);
    writer.tell(new SessionWriter.Recover(true, recovered.ref()));
    SessionWriter.Recovered again = recovered.expectMessageClass(SessionWriter.Recovered.class, WAIT);
    assertEquals(2, again.sequenceNr());
    assertEquals(1, again.journal().lastStep());
    assertEquals(0, again.journal().completed());
    writer.tell(new SessionWriter.Write(List.of(completed(1), new PaperEvent.StepRecorded(2, 120_000, "d2")), null, written.ref()));
    written.expectMessageClass(SessionWriter.Written.class, WAIT);
    writer.tell(new SessionWriter.Recover(true, recovered.ref()));
    SessionWriter.Recovered last = recovered.expectMessageClass(SessionWriter.Recovered.class, WAIT);
    assertEquals(4, last.sequenceNr());
    assertEquals(1, last.journal().completed());
    assertEquals(2, last.journal().lastStep());
  }

  @Test
  void aRecoveryThatFailsIsAnsweredWithItsFault() throws Exception {
    ActorRef<SessionWriter.Command> writer = kit.spawn(SessionWriter.create(ID, 0));
    TestProbe<SessionWriter.Recovery> recovered = kit.createTestProbe();
    TestProbe<SessionWriter.WriteResult> written = kit.createTestProbe();
    writer.tell(new SessionWriter.Recover(true, recovered.ref()));
    recovered.expectMessageClass(SessionWriter.Recovered.class, WAIT);
    writer.tell(new SessionWriter.Write(List.of(started(), new PaperEvent.StepRecorded(1, 60_000, "d1")), null, written.ref()));
    written.expectMessageClass(SessionWriter.Written.class, WAIT);
    try (Connection c = JdbcSettings.fromConfig(journal).open();
        PreparedStatement p = c.prepareStatement("UPDATE \"event_journal\" SET \"event_payload\" = X'ff00ff' WHERE \"sequence_number\" = 2")) {
      assertEquals(1, p.executeUpdate());
    }
    writer.tell(new SessionWriter.Recover(true, recovered.ref()));
    SessionWriter.RecoveryFailed failed = assertInstanceOf(SessionWriter.RecoveryFailed.class, recovered.receiveMessage(WAIT));
    assertEquals(JournalFault.Kind.OTHER, failed.fault().kind(), failed.fault().toString());
  }

  private static PaperEvent.SessionStarted started() {
    return new PaperEvent.SessionStarted(1000, Map.of("BTC", Instrument.spot("BTC")), Map.of());
  }

  private static PaperEvent.StepCompleted completed(long step) {
    return new PaperEvent.StepCompleted(step, step * 60_000, List.of(), new StepAccount(1000, 1000, 0, 0), List.of());
  }

  /** A copy of event {@code from} of the session under the sequence number {@code to}, as a second writer would insert it. */
  private void copyEvent(long from, long to) throws Exception {
    String sql = "INSERT INTO \"event_journal\" (\"deleted\", \"persistence_id\", \"sequence_number\", \"writer\", \"write_timestamp\","
        + " \"adapter_manifest\", \"event_ser_id\", \"event_ser_manifest\", \"event_payload\") SELECT \"deleted\", \"persistence_id\", ?, 'intruder',"
        + " \"write_timestamp\", \"adapter_manifest\", \"event_ser_id\", \"event_ser_manifest\", \"event_payload\" FROM \"event_journal\""
        + " WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?";
    try (Connection c = JdbcSettings.fromConfig(journal).open(); PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, to);
      p.setString(2, ID);
      p.setLong(3, from);
      assertEquals(1, p.executeUpdate());
    }
  }

  private void deleteEvent(long sequenceNr) throws Exception {
    try (Connection c = JdbcSettings.fromConfig(journal).open();
        PreparedStatement p = c.prepareStatement("DELETE FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?")) {
      p.setString(1, ID);
      p.setLong(2, sequenceNr);
      assertEquals(1, p.executeUpdate());
    }
  }
}
