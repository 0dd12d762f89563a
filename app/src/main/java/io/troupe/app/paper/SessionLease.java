package io.troupe.app.paper;

import io.troupe.model.InvalidInputException;
import io.troupe.persistence.JdbcSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
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
 *   <li>H2: an exclusive lock on {@code session.lock} beside the journal file (the OS frees it when the process
 *       ends, a kill included), which also names the holder. The journal's own file is left to H2: a connection of
 *       ours held open across a kill and a compaction is one more way to damage it.
 * </ul>
 */
public final class SessionLease implements AutoCloseable {

  /** PostgreSQL: the connection that holds the advisory lock (replaced when a lost one is taken again). */
  private volatile Connection connection;
  /** H2: the lock on {@code session.lock} beside the journal file. */
  private final FileChannel channel;
  /** PostgreSQL: where to take the lock again, and on what. */
  private final JdbcSettings db;
  private final String session;

  private SessionLease(Connection connection, FileChannel channel, JdbcSettings db, String session) {
    this.connection = connection;
    this.channel = channel;
    this.db = db;
    this.session = session;
  }

  /**
   * After the connection to the database was lost: the advisory lock went with the connection that held it, so it is
   * taken again on a new one before the session writes again; refused (exit 2) if another process took it meanwhile.
   * The H2 lease is a file lock, which nothing but the process's end loses.
   *
   * @throws SQLException the database is still out of reach
   */
  public void ensureHeld() throws SQLException {
    if (connection == null) return;
    if (connection.isValid(2)) return;
    try {
      connection.close();
    } catch (SQLException ignored) {
      // it is gone already
    }
    Connection c = db.open();
    try {
      if (!tryLock(c, key(session))) {
        String who = postgresHolder(c, key(session));
        c.close();
        throw refused(session, who);
      }
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    connection = c;
  }

  private static boolean tryLock(Connection c, long key) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET application_name = '" + holder().replace("'", "") + "'");
    }
    try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      p.setLong(1, key);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
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
    // H2 serves one process per file, whatever the session: the folder's lock covers every session in it.
    return db.url().startsWith("jdbc:postgresql:") ? postgres(db, session) : h2(db, session, h2Folder);
  }

  private static SessionLease postgres(JdbcSettings db, String session) {
    try {
      Connection c = db.open();
      long key = key(session);
      if (tryLock(c, key)) return new SessionLease(c, null, db, session);
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
    if (folder == null) throw new InvalidInputException("paper: an H2 journal needs its --state folder");
    Path note = folder.resolve("session.lock");
    try {
      Files.createDirectories(folder);
      FileChannel ch = FileChannel.open(note, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null; // this very process holds it (a second session in one JVM)
      }
      if (lock == null) {
        String who = Files.readString(note, StandardCharsets.UTF_8).trim();
        ch.close();
        throw refused(session, who.isEmpty() ? null : who);
      }
      ch.truncate(0);
      ch.write(java.nio.ByteBuffer.wrap((holder() + System.lineSeparator()).getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(true);
      return new SessionLease(null, ch, db, session);
    } catch (IOException e) {
      throw new InvalidInputException("paper: cannot take the lease on session '" + session + "' in " + folder + ": " + e.getMessage(), e);
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

  /** Gives the lease up (the session has ended). A killed process gives it up too: the database or the OS frees it. */
  @Override
  public void close() {
    try {
      if (connection != null) connection.close();
      if (channel != null) channel.close(); // releases the file lock
    } catch (SQLException | IOException ignored) {
      // the lease ends with the process anyway
    }
  }

}
