package io.troupe.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalSchemaTest {

  @TempDir
  Path stateDir;

  @Test
  void creatingTheH2SchemaTwiceIsHarmlessAndRecordsOneVersion() throws SQLException {
    // A state folder that does not exist yet, as on a node's first start.
    assertCreatingTwiceIsHarmless(JournalConfig.h2(stateDir.resolve("not/yet")));
  }

  @Test
  void creatingThePostgresSchemaTwiceIsHarmlessAndRecordsOneVersion() throws SQLException {
    assertCreatingTwiceIsHarmless(TestJournals.postgres());
  }

  @Test
  void everyCreateInThePluginScriptsIsGuardedWithIfNotExists() {
    for (SqlDialect dialect : SqlDialect.values()) {
      List<String> statements = JournalSchema.pluginDdl(dialect);
      assertTrue(statements.size() >= 5, dialect + " script has its tables and indexes");
      for (String statement : statements) {
        assertTrue(statement.matches("(?is)CREATE\\s+(UNIQUE\\s+)?(TABLE|SEQUENCE|INDEX)\\s+(CONCURRENTLY\\s+)?"
            + "IF NOT EXISTS\\s.*"), statement);
      }
    }
  }

  @Test
  void guardingInsertsIfNotExistsAfterConcurrentlyAndLeavesGuardedStatementsAlone() {
    assertEquals("CREATE INDEX CONCURRENTLY IF NOT EXISTS i on t (c)",
        JournalSchema.guarded("CREATE INDEX CONCURRENTLY i on t (c)"));
    assertEquals("CREATE UNIQUE INDEX IF NOT EXISTS \"i\" on t (c)",
        JournalSchema.guarded("CREATE UNIQUE INDEX \"i\" on t (c)"));
    assertEquals("CREATE TABLE IF NOT EXISTS t (c INT)", JournalSchema.guarded("CREATE TABLE IF NOT EXISTS t (c INT)"));
  }

  private static void assertCreatingTwiceIsHarmless(Config config) throws SQLException {
    assertEquals(JournalSchema.LATEST_VERSION, JournalSchema.createIfMissing(config));
    assertEquals(JournalSchema.LATEST_VERSION, JournalSchema.createIfMissing(config));

    try (Connection connection = JdbcSettings.fromConfig(config).open();
         Statement statement = connection.createStatement()) {
      assertEquals(JournalSchema.LATEST_VERSION, JournalSchema.version(connection));
      try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM \"troupe_schema_version\"")) {
        rows.next();
        assertEquals(JournalSchema.MIGRATIONS.size(), rows.getInt(1), "each migration recorded once");
      }
      for (String table : List.of("event_journal", "event_tag", "snapshot", "durable_state")) {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
          assertTrue(rows.next(), table + " exists");
        }
      }
    }
  }
}
