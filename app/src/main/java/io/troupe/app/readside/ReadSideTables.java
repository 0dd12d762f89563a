package io.troupe.app.readside;

import io.troupe.app.paper.PaperEvent;
import io.troupe.app.paper.StepCompletedMigration;
import io.troupe.app.paper.PaperSession;
import io.troupe.persistence.JdbcSettings;
import io.troupe.persistence.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * The query tables the read side keeps, in the journal's own database (H2 or PostgreSQL): one row per fill, one row
 * per completed step. Only the projection writes them, in the transaction that stores its offset.
 */
public final class ReadSideTables {

  public static final String FILLS = "troupe_fills";
  public static final String EQUITY = "troupe_equity";

  // Unquoted lowercase names: the same on PostgreSQL and on H2 with DATABASE_TO_UPPER=false (the journal's URL).
  static final List<String> DDL = List.of(
      "CREATE TABLE IF NOT EXISTS " + FILLS + " ("
          + "session_id VARCHAR(255) NOT NULL, fill_id VARCHAR(255) NOT NULL, step BIGINT NOT NULL, seq INTEGER NOT NULL, "
          + "time_ms BIGINT NOT NULL, order_id VARCHAR(255), symbol VARCHAR(64) NOT NULL, side VARCHAR(8) NOT NULL, "
          + "quantity DOUBLE PRECISION NOT NULL, price DOUBLE PRECISION NOT NULL, fee DOUBLE PRECISION NOT NULL, "
          + "liquidity VARCHAR(16), reason VARCHAR(255), specialist VARCHAR(255), "
          // A fill id applies once per session: a second insert fails the projection instead of counting it twice.
          + "PRIMARY KEY (session_id, fill_id))",
      "CREATE INDEX IF NOT EXISTS troupe_fills_step_idx ON " + FILLS + " (session_id, step, seq)",
      "CREATE TABLE IF NOT EXISTS " + EQUITY + " ("
          + "session_id VARCHAR(255) NOT NULL, step BIGINT NOT NULL, time_ms BIGINT NOT NULL, "
          + "cash DOUBLE PRECISION, equity DOUBLE PRECISION, exposure DOUBLE PRECISION, fills INTEGER NOT NULL, "
          + "PRIMARY KEY (session_id, step))");

  // Arbitrary constant, not JournalSchema's: serializes this DDL between nodes starting together on one PostgreSQL.
  private static final long POSTGRES_LOCK_KEY = 0x7265_6164_7369_6465L;

  private ReadSideTables() {}

  /**
   * Creates the query tables if missing and tags the paper events journaled before sessions tagged them (so the
   * projection sees old journals too). Idempotent; the journal's own tables must exist ({@code JournalSchema}).
   */
  public static void createIfMissing(JdbcSettings database) throws SQLException {
    try (Connection connection = database.open()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        if (database.dialect() == SqlDialect.POSTGRES) statement.execute("SELECT pg_advisory_xact_lock(" + POSTGRES_LOCK_KEY + ")");
        for (String sql : DDL) statement.execute(sql);
        if (database.dialect() == SqlDialect.POSTGRES) statement.execute("ANALYZE event_tag"); // fresh statistics for the anti-join
        statement.executeUpdate(TAG_UNTAGGED);
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  // Version 1 wrote completed steps as FillsRecorded, untagged; from version 2 a session tags each StepCompleted in the
  // same transaction as the event, so only version 1 rows can lack the tag (and this never races a live session).
  // Looking at those alone keeps this cheap on a journal of millions of events: on PostgreSQL an anti-join of every
  // step against the tag table, planned on stale statistics, took 50 s on 100k events.
  private static final String TAG_UNTAGGED = "INSERT INTO event_tag (event_id, tag) "
      + "SELECT j.\"ordering\", '" + PaperSession.TAG + "' FROM event_journal j "
      + "WHERE j.event_ser_manifest LIKE '" + StepCompletedMigration.V1_CLASS + "%' "
      + "AND NOT EXISTS (SELECT 1 FROM event_tag t WHERE t.event_id = j.\"ordering\" AND t.tag = '" + PaperSession.TAG + "')";

  /** Writes one step's rows on the projection's connection, inside its transaction. */
  /**
   * Writes a step's rows; a row already there (by its key) is left as it is. A step's rows follow from its event alone,
   * so writing them twice changes nothing: two projections over one session (a paper session's own, and
   * {@code journal project} over all) never conflict.
   */
  static void insert(Connection connection, StepRows rows) throws SQLException {
    boolean h2 = connection.getMetaData().getDatabaseProductName().startsWith("H2");
    if (!rows.fills().isEmpty()) {
      try (PreparedStatement insert = connection.prepareStatement(idempotent(h2, FILLS,
          "session_id, fill_id, step, seq, time_ms, order_id, symbol, side, quantity, price, fee, liquidity, reason, specialist",
          "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", "session_id, fill_id"))) {
        for (FillRow f : rows.fills()) {
          insert.setString(1, f.session());
          insert.setString(2, f.fillId());
          insert.setLong(3, f.step());
          insert.setInt(4, f.seq());
          insert.setLong(5, f.time());
          insert.setString(6, f.orderId());
          insert.setString(7, f.symbol());
          insert.setString(8, f.side());
          insert.setDouble(9, f.quantity());
          insert.setDouble(10, f.price());
          insert.setDouble(11, f.fee());
          insert.setString(12, f.liquidity());
          insert.setString(13, f.reason());
          insert.setString(14, f.specialist());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    EquityRow e = rows.equity();
    try (PreparedStatement insert = connection.prepareStatement(idempotent(h2, EQUITY,
        "session_id, step, time_ms, cash, equity, exposure, fills", "?, ?, ?, ?, ?, ?, ?", "session_id, step"))) {
      insert.setString(1, e.session());
      insert.setLong(2, e.step());
      insert.setLong(3, e.time());
      setNullable(insert, 4, e.cash());
      setNullable(insert, 5, e.equity());
      setNullable(insert, 6, e.exposure());
      insert.setInt(7, e.fills());
      insert.executeUpdate();
    }
  }

  /** An insert that keeps the row already under {@code key}: H2's MERGE (same values), PostgreSQL's ON CONFLICT. */
  private static String idempotent(boolean h2, String table, String columns, String values, String key) {
    return h2
        ? "MERGE INTO " + table + " (" + columns + ") KEY (" + key + ") VALUES (" + values + ")"
        : "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ") ON CONFLICT (" + key + ") DO NOTHING";
  }

  private static void setNullable(PreparedStatement statement, int index, double value) throws SQLException {
    if (Double.isNaN(value)) statement.setNull(index, Types.DOUBLE);
    else statement.setDouble(index, value);
  }
}
