package io.troupe.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the journal over plain JDBC, without an actor system or the events' classes: what {@code troupe journal
 * list / show / export} stand on. Rows the plugin marked deleted are left out. Not thread-safe; close it.
 */
public final class JournalInspector implements AutoCloseable {

  private static final String EVENT_COLUMNS =
      "\"persistence_id\", \"sequence_number\", \"write_timestamp\", \"event_ser_id\", \"event_ser_manifest\", "
          + "\"event_payload\"";

  private final Connection connection;
  private final PayloadDecoder decoder = new PayloadDecoder();
  private final ObjectMapper json = new ObjectMapper();

  private JournalInspector(Connection connection) {
    this.connection = connection;
  }

  /** Opens the journal named by a {@link JournalConfig} layer (or any config holding the shared slick db). */
  public static JournalInspector open(Config config) throws SQLException {
    return open(JdbcSettings.fromConfig(config));
  }

  public static JournalInspector open(JdbcSettings database) throws SQLException {
    Connection connection = database.open();
    connection.setReadOnly(true);
    // PostgreSQL streams a result set with a fetch size only outside auto-commit; exports may be large.
    connection.setAutoCommit(false);
    return new JournalInspector(connection);
  }

  /** Every persistence id, sorted, with its event count and last sequence number. */
  public List<PersistenceIdSummary> persistenceIds() throws SQLException {
    List<PersistenceIdSummary> ids = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT \"persistence_id\", COUNT(*), MAX(\"sequence_number\") FROM \"event_journal\" "
            + "WHERE \"deleted\" = FALSE GROUP BY \"persistence_id\" ORDER BY \"persistence_id\"");
         ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        ids.add(new PersistenceIdSummary(rows.getString(1), rows.getLong(2), rows.getLong(3)));
      }
    } finally {
      connection.commit();
    }
    return ids;
  }

  /**
   * Whether the journal holds any event of {@code persistenceId}: false too when it has no journal table at all (a
   * damaged file may open as an empty database). Cheap: it reads no event.
   */
  public boolean hasEvents(String persistenceId) throws SQLException {
    try (ResultSet tables = connection.getMetaData().getTables(null, null, "event_journal", null)) {
      if (!tables.next()) return false;
    }
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT 1 FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"deleted\" = FALSE LIMIT 1")) {
      query.setString(1, persistenceId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    } finally {
      connection.commit();
    }
  }

  /** The last {@code n} events of {@code persistenceId}, newest first. */
  public List<JournalEvent> lastEvents(String persistenceId, int n) throws SQLException {
    List<JournalEvent> events = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT " + EVENT_COLUMNS
        + " FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"deleted\" = FALSE"
        + " ORDER BY \"sequence_number\" DESC LIMIT " + n)) {
      query.setString(1, persistenceId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) events.add(event(rows));
      }
    } finally {
      connection.commit();
    }
    return events;
  }

  /** One entity's events in sequence order; empty for an unknown id. */
  public List<JournalEvent> events(String persistenceId) throws SQLException {
    List<JournalEvent> events = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT " + EVENT_COLUMNS
        + " FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"deleted\" = FALSE"
        + " ORDER BY \"sequence_number\"")) {
      query.setString(1, persistenceId);
      query.setFetchSize(1000);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          events.add(event(rows));
        }
      }
    } finally {
      connection.commit();
    }
    return events;
  }

  /**
   * Writes every event, in the order they were written, as one JSON object a line: {@code persistenceId,
   * sequenceNr, writeTimestamp} (ISO-8601), {@code manifest, serializerId, payload}. Returns the number of lines.
   * Streams: the journal need not fit in memory.
   */
  public long exportJsonLines(Writer out) throws SQLException, IOException {
    long lines = 0;
    try (PreparedStatement query = connection.prepareStatement("SELECT " + EVENT_COLUMNS
        + " FROM \"event_journal\" WHERE \"deleted\" = FALSE ORDER BY \"ordering\"")) {
      query.setFetchSize(1000);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          writeLine(out, event(rows));
          lines++;
        }
      }
    } finally {
      connection.commit();
    }
    out.flush();
    return lines;
  }

  private void writeLine(Writer out, JournalEvent event) throws IOException {
    // A generator per line that leaves the writer open: the caller owns it.
    try (JsonGenerator line = json.getFactory().createGenerator(out)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      line.writeStartObject();
      line.writeStringField("persistenceId", event.persistenceId());
      line.writeNumberField("sequenceNr", event.sequenceNr());
      line.writeStringField("writeTimestamp", event.writeTimestamp().toString());
      line.writeStringField("manifest", event.manifest());
      line.writeNumberField("serializerId", event.serializerId());
      line.writeFieldName("payload");
      json.writeTree(line, event.payload());
      line.writeEndObject();
    }
    out.write('\n');
  }

  private JournalEvent event(ResultSet row) throws SQLException {
    int serializerId = row.getInt("event_ser_id");
    return new JournalEvent(
        row.getString("persistence_id"),
        row.getLong("sequence_number"),
        Instant.ofEpochMilli(row.getLong("write_timestamp")),
        row.getString("event_ser_manifest"),
        serializerId,
        decoder.decode(serializerId, row.getBytes("event_payload")));
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
