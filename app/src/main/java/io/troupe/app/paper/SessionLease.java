package io.troupe.app.paper;

import io.troupe.model.InvalidInputException;
import io.troupe.persistence.JdbcSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The right to write one session's journal, taken before its first write and held for its whole life, so two
 * processes never write the same session: the second is refused at once (exit 2), naming the holder when it can.
 *
 * <ul>
 *   <li>PostgreSQL: a session-level advisory lock on the session id, held by a connection of its own (the database
 *       frees it when that connection ends, a killed process included). The holder is named by the connection's
 *       {@code application_name}.
 *   <li>H2: the database file's own lock. An embedded H2 file opens in one process only; this connection keeps it open
 *       for the session's life, so a second process fails to open it, at once. The holder is named in a
 *       {@code session.lock} note beside the file.
 * </ul>
 */
public final class SessionLease implements AutoCloseable {

  /** H2's "database may be already in use" (another process has the file open). */
  private static final int H2_IN_USE = 90020;

  private final Connection connection;
  private final Path note;

  private SessionLease(Connection connection, Path note) {
    this.connection = connection;
    this.note = note;
  }

  /** Who this process is, as the refusal names it: pid@host. */
  static String holder() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown host";
    }
    return "troupe paper pid " + ProcessHandle.current().pid() + "@" + host;
  }

  /** Takes the lease on {@code session} in the journal database {@code db}; refuses (exit 2) when another process holds it. */
  public static SessionLease acquire(JdbcSettings db, String session, Path h2Folder) {
    return db.url().startsWith("jdbc:postgresql:") ? postgres(db, session) : h2(db, session, h2Folder);
  }

  private static SessionLease postgres(JdbcSettings db, String session) {
    try {
      Connection c = db.open();
      try (Statement s = c.createStatement()) {
        s.execute("SET application_name = '" + holder().replace("'", "") + "'");
      }
      long key = key(session);
      try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        p.setLong(1, key);
        try (ResultSet r = p.executeQuery()) {
          r.next();
          if (r.getBoolean(1)) return new SessionLease(c, null);
        }
      }
      String who = postgresHolder(c, key);
      c.close();
      throw refused(session, who);
    } catch (SQLException e) {
      throw new InvalidInputException("paper: cannot take the lease on session '" + session + "': " + e.getMessage(), e);
    }
  }

  /** The application name of the backend that holds the advisory lock {@code key}, or null. */
  private static String postgresHolder(Connection c, long key) throws SQLException {
    String sql = "SELECT a.application_name, a.client_addr FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
        + " WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, key >>> 32);
      p.setLong(2, key & 0xffffffffL);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) return null;
        String name = r.getString(1);
        String addr = r.getString(2);
        return (name == null || name.isBlank() ? "another client" : name) + (addr == null ? "" : " from " + addr);
      }
    }
  }

  private static SessionLease h2(JdbcSettings db, String session, Path folder) {
    Path note = folder == null ? null : folder.resolve("session.lock");
    try {
      Connection c = db.open();
      if (note != null) {
        try {
          Files.writeString(note, holder() + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException ignored) {
          // only names the holder for a refused second process; the file lock is what guards
        }
      }
      return new SessionLease(c, note);
    } catch (SQLException e) {
      if (e.getErrorCode() == H2_IN_USE || String.valueOf(e.getMessage()).contains("already in use")) {
        String who = null;
        try {
          if (note != null && Files.exists(note)) who = Files.readString(note, StandardCharsets.UTF_8).trim();
        } catch (IOException ignored) {
          // the refusal stands without a name
        }
        throw refused(session, who);
      }
      throw new InvalidInputException("paper: cannot open the journal " + JdbcSettings.maskUrl(db.url()) + ": " + e.getMessage(), e);
    }
  }

  private static InvalidInputException refused(String session, String who) {
    return new InvalidInputException("session '" + session + "' is being written by another process" + (who == null ? "" : " (" + who + ")")
        + "; stop it first, or give this one another --session");
  }

  /** A stable 64-bit key for the session id (PostgreSQL advisory locks take a bigint). */
  static long key(String session) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(("troupe-session:" + session).getBytes(StandardCharsets.UTF_8));
      long k = 0;
      for (int i = 0; i < 8; i++) k = (k << 8) | (h[i] & 0xff);
      return k;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Gives the lease up (the session has ended). */
  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // the database is closing (H2's compaction shuts it): the lease ends with it
    }
    if (note != null) {
      try {
        Files.deleteIfExists(note);
      } catch (IOException ignored) {
        // a stale note names a holder that no longer holds; the file lock decides
      }
    }
  }
}
