package io.troupe.persistence;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates the journal's tables before an actor system persists anything: pekko-persistence-jdbc creates none.
 * Every step is idempotent, so a node runs {@link #createIfMissing(Config)} at each start.
 *
 * <p>Applied steps are recorded in {@code troupe_schema_version} (version, description, applied_at millis); a
 * later change to the schema is one more {@link Migration} at the end of {@link #MIGRATIONS}.
 */
public final class JournalSchema {

  public static final String VERSION_TABLE = "troupe_schema_version";

  /** One schema step. Its statements must be idempotent: a crash may leave a step run but unrecorded. */
  record Migration(int version, String description, Function<SqlDialect, List<String>> statements) {}

  static final List<Migration> MIGRATIONS = List.of(
      new Migration(1, "pekko-persistence-jdbc 1.1.1 tables: event_journal, event_tag, snapshot, durable_state",
          JournalSchema::pluginDdl));

  /** The version a fully migrated database has. */
  public static final int LATEST_VERSION = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

  // Arbitrary constant: serializes schema creation between nodes starting together on one PostgreSQL.
  private static final long POSTGRES_LOCK_KEY = 0x7472_6f75_7065L;

  private static final Pattern CREATE_WITHOUT_GUARD = Pattern.compile(
      "(?is)^CREATE\\s+(UNIQUE\\s+)?(TABLE|SEQUENCE|INDEX)\\s+(CONCURRENTLY\\s+)?(?!IF\\s+NOT\\s+EXISTS)");

  private JournalSchema() {}

  /** Creates what is missing in the database named by a {@link JournalConfig} layer; returns the schema version. */
  public static int createIfMissing(Config config) throws SQLException {
    return createIfMissing(JdbcSettings.fromConfig(config));
  }

  public static int createIfMissing(JdbcSettings database) throws SQLException {
    SqlDialect dialect = database.dialect();
    try (Connection connection = database.open()) {
      // PostgreSQL's CREATE INDEX CONCURRENTLY refuses to run inside a transaction.
      connection.setAutoCommit(true);
      lock(connection, dialect);
      try {
        execute(connection, "CREATE TABLE IF NOT EXISTS \"" + VERSION_TABLE + "\" ("
            + "\"version\" INTEGER PRIMARY KEY, "
            + "\"description\" VARCHAR(255) NOT NULL, "
            + "\"applied_at\" BIGINT NOT NULL)");
        int version = version(connection);
        for (Migration migration : MIGRATIONS) {
          if (migration.version() > version) {
            for (String statement : migration.statements().apply(dialect)) {
              execute(connection, statement);
            }
            record(connection, migration);
            version = migration.version();
          }
        }
        return version;
      } finally {
        unlock(connection, dialect);
      }
    }
  }

  /** The highest applied version, 0 for a database without the version table's rows. */
  public static int version(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(
             "SELECT COALESCE(MAX(\"version\"), 0) FROM \"" + VERSION_TABLE + "\"")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /** The plugin's own create-schema script, each CREATE guarded with IF NOT EXISTS where the script lacks it. */
  static List<String> pluginDdl(SqlDialect dialect) {
    List<String> statements = new ArrayList<>();
    for (String statement : stripComments(readResource(dialect.pluginDdlResource())).split(";")) {
      String trimmed = statement.trim();
      if (!trimmed.isEmpty()) {
        statements.add(guarded(trimmed));
      }
    }
    return statements;
  }

  static String guarded(String createStatement) {
    Matcher matcher = CREATE_WITHOUT_GUARD.matcher(createStatement);
    return matcher.find()
        ? createStatement.substring(0, matcher.end()) + "IF NOT EXISTS " + createStatement.substring(matcher.end())
        : createStatement;
  }

  private static String stripComments(String sql) {
    StringBuilder kept = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.trim().startsWith("--")) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString();
  }

  private static String readResource(String name) {
    try (InputStream in = JournalSchema.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("not on the classpath (is pekko-persistence-jdbc there?): " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void record(Connection connection, Migration migration) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO \"" + VERSION_TABLE
        + "\" (\"version\", \"description\", \"applied_at\") VALUES (?, ?, ?)")) {
      insert.setInt(1, migration.version());
      insert.setString(2, migration.description());
      insert.setLong(3, System.currentTimeMillis());
      insert.executeUpdate();
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  // An embedded H2 file has one process at a time; PostgreSQL may see several nodes start at once.
  private static void lock(Connection connection, SqlDialect dialect) throws SQLException {
    if (dialect == SqlDialect.POSTGRES) {
      execute(connection, "SELECT pg_advisory_lock(" + POSTGRES_LOCK_KEY + ")");
    }
  }

  private static void unlock(Connection connection, SqlDialect dialect) throws SQLException {
    if (dialect == SqlDialect.POSTGRES) {
      execute(connection, "SELECT pg_advisory_unlock(" + POSTGRES_LOCK_KEY + ")");
    }
  }
}
