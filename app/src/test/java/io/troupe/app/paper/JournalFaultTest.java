package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.app.paper.JournalFault.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a journal failure is, read from its cause chain as the drivers and the pool report it; and the reconnect's pauses. */
class JournalFaultTest {

  /** As the persistence plugin wraps a driver's exception. */
  private static RuntimeException wrapped(Throwable cause) {
    return new RuntimeException("Failed to persist event type [Tagged] with sequence number [404] for persistenceId [s]", cause);
  }

  @Test
  void aBrokenOrRefusedConnectionIsALostConnection() {
    JournalFault io = JournalFault.of(wrapped(new SQLException("An I/O error occurred while sending to the backend.\nmore", "08006", new java.io.EOFException())));
    assertEquals(new JournalFault(Kind.CONNECTION_LOST, "An I/O error occurred while sending to the backend."), io);
    assertEquals(Kind.CONNECTION_LOST, JournalFault.of(wrapped(new SQLException("The connection attempt failed.", "08001"))).kind());
    // The pool's own message for a connection it closed under the write, with no SQL state.
    assertEquals(Kind.CONNECTION_LOST, JournalFault.of(wrapped(new SQLException("Connection is closed"))).kind());
    assertEquals(Kind.CONNECTION_LOST, JournalFault.of(wrapped(new SQLException("terminating connection due to administrator command", "57P01"))).kind());
    assertEquals(Kind.CONNECTION_LOST,
        JournalFault.of(wrapped(new SQLTransientConnectionException("db - Connection is not available, request timed out after 1000ms."))).kind());
    assertEquals(Kind.CONNECTION_LOST,
        JournalFault.of(new org.apache.pekko.pattern.CircuitBreakerOpenException(scala.concurrent.duration.Duration.create(1, "s"), "open")).kind());
  }

  @Test
  void aDuplicateKeyIsAnotherWriter() {
    JournalFault f = JournalFault.of(wrapped(new SQLException("ERROR: duplicate key value violates unique constraint \"event_journal_pkey\"", "23505")));
    assertEquals(Kind.DUPLICATE_KEY, f.kind());
  }

  @Test
  void noRoomAnywhereInTheChainIsNoRoomWhateverTheWrapperSays() {
    SQLException closed = new SQLException("General error: \"MVStoreException: Writing to FileChannelImpl failed\"", "90098",
        new IOException("File too large"));
    assertEquals(new JournalFault(Kind.DISK_FULL, "File too large"), JournalFault.of(wrapped(closed)));
    assertEquals(Kind.DISK_FULL, JournalFault.of(new SQLException("could not extend file: No space left on device", "53100")).kind());
  }

  @Test
  void aClosedH2DatabaseIsDiagnosedFromItsTraceFile(@TempDir Path dir) throws Exception {
    JournalFault closed = JournalFault.of(wrapped(new SQLException("The database has been closed [90098-224]", "90098")));
    assertEquals(Kind.STORE_CLOSED, closed.kind());
    Path trace = dir.resolve("journal.trace.db");
    assertEquals(closed, closed.diagnosed(trace), "no trace file: as it is");
    Files.writeString(trace, "2026-12-01 11:21:48.601 database: flush\norg.h2.message.DbException: General error\nCaused by: java.io.IOException: File too large\n\tat x\n");
    assertEquals(new JournalFault(Kind.DISK_FULL, "java.io.IOException: File too large"), closed.diagnosed(trace));
  }

  @Test
  void anythingElseSaysItsDeepestCause() {
    JournalFault f = JournalFault.of(wrapped(new IllegalStateException("journal: step 7 recorded after step 5")));
    assertEquals(new JournalFault(Kind.OTHER, "journal: step 7 recorded after step 5"), f);
  }

  @Test
  void theReconnectsPausesDoubleUpToTheirCap() {
    ReconnectPolicy p = new ReconnectPolicy(Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(5));
    assertEquals(Duration.ofMillis(500), p.backoff(0));
    assertEquals(Duration.ofSeconds(1), p.backoff(1));
    assertEquals(Duration.ofSeconds(4), p.backoff(3));
    assertEquals(Duration.ofSeconds(5), p.backoff(4));
    assertEquals(Duration.ofSeconds(5), p.backoff(1000));
  }
}
