package io.troupe.app.readside;

import io.troupe.persistence.JdbcSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the query tables back: what reports and the HTTP API stand on. Sees what the projection has committed, so it
 * may trail the journal by the events not projected yet. Not thread-safe; close it.
 */
public final class ReadSideQueries implements AutoCloseable {

  /** How many rows a session has in each table. */
  public record Counts(String session, long fills, long steps) {}

  private final Connection connection;

  private ReadSideQueries(Connection connection) {
    this.connection = connection;
  }

  /** Opens a journal's database; see {@link #hasTables()} for whether the read side ever ran there. */
  public static ReadSideQueries open(JdbcSettings database) throws SQLException {
    Connection connection = database.open();
    connection.setReadOnly(true);
    connection.setAutoCommit(false);
    return new ReadSideQueries(connection);
  }

  /** Whether the query tables exist (the read side has started on this database at least once). */
  public boolean hasTables() throws SQLException {
    try (ResultSet tables = connection.getMetaData().getTables(null, null, ReadSideTables.EQUITY, null)) {
      return tables.next();
    } finally {
      connection.commit();
    }
  }

  /** Every session with rows, sorted, with its counts. */
  public List<Counts> sessions() throws SQLException {
    List<Counts> counts = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT e.session_id, (SELECT COUNT(*) FROM " + ReadSideTables.FILLS + " f WHERE f.session_id = e.session_id), COUNT(*)"
            + " FROM " + ReadSideTables.EQUITY + " e GROUP BY e.session_id ORDER BY e.session_id");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) counts.add(new Counts(rows.getString(1), rows.getLong(2), rows.getLong(3)));
    } finally {
      connection.commit();
    }
    return counts;
  }

  /** A session's fills in the order they were applied. */
  public List<FillRow> fills(String session) throws SQLException {
    List<FillRow> fills = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT session_id, fill_id, step, seq, time_ms, order_id, symbol,"
        + " side, quantity, price, fee, liquidity, reason, specialist FROM " + ReadSideTables.FILLS
        + " WHERE session_id = ? ORDER BY step, seq")) {
      query.setString(1, session);
      try (ResultSet r = query.executeQuery()) {
        while (r.next()) {
          fills.add(new FillRow(r.getString(1), r.getString(2), r.getLong(3), r.getInt(4), r.getLong(5), r.getString(6),
              r.getString(7), r.getString(8), r.getDouble(9), r.getDouble(10), r.getDouble(11), r.getString(12),
              r.getString(13), r.getString(14)));
        }
      }
    } finally {
      connection.commit();
    }
    return fills;
  }

  /** A session's equity, one row per completed step in step order. */
  public List<EquityRow> equity(String session) throws SQLException {
    List<EquityRow> equity = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT session_id, step, time_ms, cash, equity, exposure, fills FROM "
        + ReadSideTables.EQUITY + " WHERE session_id = ? ORDER BY step")) {
      query.setString(1, session);
      try (ResultSet r = query.executeQuery()) {
        while (r.next()) {
          equity.add(new EquityRow(r.getString(1), r.getLong(2), r.getLong(3), nullable(r, 4), nullable(r, 5), nullable(r, 6), r.getInt(7)));
        }
      }
    } finally {
      connection.commit();
    }
    return equity;
  }

  /** The last step of {@code session} the equity table holds (0 when none): how far the projection has come. */
  public long lastStep(String session) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT MAX(step) FROM " + ReadSideTables.EQUITY + " WHERE session_id = ?")) {
      query.setString(1, session);
      try (ResultSet r = query.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    } finally {
      connection.commit();
    }
  }

  private static double nullable(ResultSet row, int column) throws SQLException {
    double value = row.getDouble(column);
    return row.wasNull() ? Double.NaN : value;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
