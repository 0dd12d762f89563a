package io.troupe.app.readside;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.projection.jdbc.JdbcSession;

/**
 * One transaction of the projection: a pooled connection with auto-commit off, so the handler's rows and the offset
 * the projection stores with them commit together or not at all. The projection opens one per event and closes it.
 */
final class ReadSideSession implements JdbcSession {

  private final Connection connection;

  ReadSideSession(DataSource pool) {
    try {
      connection = pool.getConnection();
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw new IllegalStateException("read side: no connection to the journal database: " + e.getMessage(), e);
    }
  }

  @Override
  public <R> R withConnection(Function<Connection, R> work) throws Exception {
    return work.apply(connection);
  }

  @Override
  public void commit() throws SQLException {
    connection.commit();
  }

  @Override
  public void rollback() throws SQLException {
    connection.rollback();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
