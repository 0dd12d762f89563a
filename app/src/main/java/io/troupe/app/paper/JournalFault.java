package io.troupe.app.paper;

import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * What went wrong with a journal write or a recovery, read from the failure's cause chain: the kind decides what the
 * session does (a lost connection is retried, the others end it), the line says it in the words of the cause.
 *
 * @param kind what kind of fault
 * @param cause the innermost message worth showing, on one line
 */
public record JournalFault(Kind kind, String cause) {

  public enum Kind {
    /** The database cannot be reached: retried with backoff for {@code troupe.paper.journal-reconnect.max-time}. */
    CONNECTION_LOST,
    /** The journal already holds a sequence number this session wrote: another writer. */
    DUPLICATE_KEY,
    /** The disk (or the file size limit) under the journal is full. */
    DISK_FULL,
    /**
     * The embedded database (H2) closed itself after a fatal error, often a write its file refused: not a connection
     * to get back. H2 writes why into its trace file beside the journal ({@link #diagnosed}).
     */
    STORE_CLOSED,
    /** Anything else: the journal refused the write, or its events do not read back. */
    OTHER
  }

  /**
   * Classifies {@code failure} by its cause chain: no room anywhere in it first (a wrapper's "closed" or "failed" is
   * its consequence), then a duplicate key, a closed embedded database, a lost connection.
   */
  public static JournalFault of(Throwable failure) {
    String text = message(failure);
    for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (noRoom(String.valueOf(c.getMessage()))) return new JournalFault(Kind.DISK_FULL, message(c));
      // 53100: disk_full (PostgreSQL)
      if (c instanceof SQLException sql && "53100".equals(sql.getSQLState())) return new JournalFault(Kind.DISK_FULL, message(c));
    }
    for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
      if (c instanceof SQLException sql) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        // 23505: unique_violation (PostgreSQL and H2); 90098 and 90121: H2's database closed (after a fatal error, or
        // while shutting down); 08xxx: connection exceptions; 57P01-57P03: the server shut down or is starting.
        if (state.equals("23505") || c instanceof SQLIntegrityConstraintViolationException && state.startsWith("23")) {
          return new JournalFault(Kind.DUPLICATE_KEY, message(c));
        }
        if (state.equals("90098") || state.equals("90121")) return new JournalFault(Kind.STORE_CLOSED, message(c));
        // The pool's own "Connection is closed" (a connection it evicted under the write) carries no state of its own.
        if (state.startsWith("08") || state.startsWith("57P") || c instanceof SQLTransientConnectionException
            || c instanceof SQLNonTransientConnectionException || m.contains("connection is closed") || m.contains("connection has been closed")) {
          return new JournalFault(Kind.CONNECTION_LOST, message(c));
        }
      }
      if (c instanceof SocketException || c instanceof java.io.EOFException) return new JournalFault(Kind.CONNECTION_LOST, message(c));
      // The persistence plugin's circuit breaker: open after repeated failures, or a call that never answered.
      String name = c.getClass().getName();
      if (name.endsWith("CircuitBreakerOpenException") || c instanceof TimeoutException || name.endsWith(".AskTimeoutException")) {
        return new JournalFault(Kind.CONNECTION_LOST, message(c));
      }
      if (c instanceof IOException && m.contains("connection")) return new JournalFault(Kind.CONNECTION_LOST, message(c));
    }
    return new JournalFault(Kind.OTHER, innermost(failure, text));
  }

  /** The words of a write the disk, a quota or a file size limit refused (ENOSPC, EDQUOT, EFBIG). */
  static boolean noRoom(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("no space left on device") || m.contains("file too large") || m.contains("disk quota exceeded");
  }

  /**
   * A closed embedded database, with the reason it gave in its own trace file (H2 writes the error that closed it
   * there): no room when the trace says so. Any other fault as it is.
   */
  public JournalFault diagnosed(java.nio.file.Path trace) {
    if (kind != Kind.STORE_CLOSED || trace == null || !java.nio.file.Files.isRegularFile(trace)) return this;
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(trace.toFile(), "r")) {
      long from = Math.max(0, f.length() - 65536);
      byte[] tail = new byte[(int) (f.length() - from)];
      f.seek(from);
      f.readFully(tail);
      String said = null;
      for (String line : new String(tail, java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
        if (noRoom(line)) said = line.strip().replaceFirst("^Caused by: ", "");
      }
      return said == null ? this : new JournalFault(Kind.DISK_FULL, said);
    } catch (IOException e) {
      return this;
    }
  }

  /** The deepest cause's message: wrappers (the plugin's, Pekko's) add a sentence each but say less. */
  private static String innermost(Throwable failure, String fallback) {
    Throwable last = failure;
    for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) last = c;
    String m = message(last);
    return m.isBlank() ? fallback : m;
  }

  /** The message on one line (drivers put the SQL and hints on further lines). */
  static String message(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) return t.getClass().getSimpleName();
    String first = m.strip().lines().findFirst().orElse("").strip();
    return first.length() > 300 ? first.substring(0, 300) + "..." : first;
  }
}
