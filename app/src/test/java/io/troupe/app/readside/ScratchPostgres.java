package io.troupe.app.readside;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.Config;
import io.troupe.persistence.JdbcSettings;
import io.troupe.persistence.JournalConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of its own on the PostgreSQL named by TROUPE_PG_*, for a test that must see only its own journal (the
 * read side projects every paper session in a database, and the shared test database keeps other tests' sessions).
 * Unreachable server: the test is skipped, or fails when TROUPE_REQUIRE_POSTGRES is set.
 */
final class ScratchPostgres {

  private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(.*)$");

  private final JdbcSettings server;
  private final String name;

  private ScratchPostgres(JdbcSettings server, String name) {
    this.server = server;
    this.name = name;
  }

  static ScratchPostgres create() throws SQLException {
    JdbcSettings server = JdbcSettings.fromConfig(JournalConfig.postgresFromEnvironment());
    String name = "troupe_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = server.open(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      String why = "PostgreSQL unreachable at " + server + ": " + e.getMessage();
      String required = System.getenv("TROUPE_REQUIRE_POSTGRES");
      if (required != null && !required.isBlank() && !required.equals("0")) fail(why + " (TROUPE_REQUIRE_POSTGRES is set)");
      assumeTrue(false, why);
    }
    return new ScratchPostgres(server, name);
  }

  /** The journal layer on this database. */
  Config journal() {
    Matcher url = DATABASE_IN_URL.matcher(server.url());
    if (!url.matches()) throw new IllegalStateException("cannot name a database in " + JdbcSettings.maskUrl(server.url()));
    return JournalConfig.postgres(url.group(1) + name + url.group(3), server.user(), server.password());
  }

  void drop() throws SQLException {
    try (Connection connection = server.open(); Statement statement = connection.createStatement()) {
      // FORCE: a test that failed half-way may have left a pool open on it.
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
