package io.troupe.persistence;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** Journal configurations for tests: H2 in a temp folder, or the local PostgreSQL (skipped or required). */
final class TestJournals {

  /** Set (to anything but 0) on CI: an unreachable PostgreSQL then fails the tests instead of skipping them. */
  static final String REQUIRE_POSTGRES_ENV = "TROUPE_REQUIRE_POSTGRES";

  private TestJournals() {}

  /** The H2 journal layer over the test configuration (serialization checks on). */
  static Config h2(Path stateDir) {
    return withTestDefaults(JournalConfig.h2(stateDir));
  }

  /**
   * The PostgreSQL journal from TROUPE_PG_* over the test configuration, after checking the server answers.
   * Unreachable: the calling test is skipped, or fails when {@value #REQUIRE_POSTGRES_ENV} is set.
   */
  static Config postgres() {
    Config layer = JournalConfig.postgresFromEnvironment();
    JdbcSettings database = JdbcSettings.fromConfig(layer);
    try (Connection connection = database.open()) {
      connection.isValid(5);
    } catch (SQLException e) {
      String why = "PostgreSQL unreachable at " + database + ": " + e.getMessage();
      if (postgresRequired()) {
        fail(why + " (" + REQUIRE_POSTGRES_ENV + " is set)");
      }
      assumeTrue(false, why + "; set TROUPE_PG_URL/USER/PASSWORD, or " + REQUIRE_POSTGRES_ENV + " to make this fail");
    }
    return withTestDefaults(layer);
  }

  static boolean postgresRequired() {
    String value = System.getenv(REQUIRE_POSTGRES_ENV);
    return value != null && !value.isBlank() && !value.equals("0");
  }

  static Config withTestDefaults(Config journalLayer) {
    return journalLayer.withFallback(ConfigFactory.load("application-test"));
  }
}
