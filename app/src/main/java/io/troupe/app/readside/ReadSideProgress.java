package io.troupe.app.readside;

import io.troupe.persistence.JdbcSettings;
import java.sql.SQLException;

/**
 * How far the read side has projected one session: the last step its equity table holds (0 before any), read over
 * one connection kept open from one reading to the next. Opening a connection and asking the catalogue for the table
 * at every reading (a Prometheus scrape a second) cost a running H2 session about 6 ms of CPU a reading; the query
 * itself takes microseconds. A failed reading closes the connection, and the next opens another. Not thread-safe:
 * one thread reads it; close it.
 */
public final class ReadSideProgress implements AutoCloseable {

  private final JdbcSettings database;
  private final String session;
  private ReadSideQueries queries;
  /** The query tables exist (once they do, they stay). */
  private boolean tables;
  private int opened;

  public ReadSideProgress(JdbcSettings database, String session) {
    this.database = database;
    this.session = session;
  }

  /** The session's last projected step, 0 while the read side has none (or has never run on this database). */
  public long lastProjectedStep() throws SQLException {
    try {
      if (queries == null) {
        queries = ReadSideQueries.open(database);
        opened++;
      }
      if (!tables) tables = queries.hasTables();
      return tables ? queries.lastStep(session) : 0;
    } catch (SQLException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** How many connections the readings have opened so far. */
  int connectionsOpened() {
    return opened;
  }

  @Override
  public void close() {
    ReadSideQueries q = queries;
    queries = null;
    if (q == null) return;
    try {
      q.close();
    } catch (SQLException ignored) {
      // a connection that fails to close is gone anyway
    }
  }
}
