package io.troupe.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.junit.jupiter.api.Test;

class JournalConfigTest {

  @Test
  void h2PutsTheJournalFileUnderTheAbsoluteStateFolder() {
    Config config = JournalConfig.h2(Path.of("some/state"));
    String url = JdbcSettings.fromConfig(config).url();
    String expectedDir = Path.of("some/state").toAbsolutePath().normalize().toString();
    assertTrue(url.startsWith("jdbc:h2:file:" + expectedDir + "/journal;"), url);
    assertTrue(url.contains("DATABASE_TO_UPPER=false"), url);
    assertEquals(SqlDialect.H2, SqlDialect.ofUrl(url));
    assertEquals("h2", config.getString(JournalConfig.BACKEND_KEY));
  }

  @Test
  void bothBackendsWireJournalSnapshotsAndReadJournalToOneSharedDatabase() {
    for (Config config : new Config[] {JournalConfig.h2(Path.of("state")), JournalConfig.postgresFromEnvironment()}) {
      assertEquals("jdbc-journal", config.getString("pekko.persistence.journal.plugin"));
      assertEquals("jdbc-snapshot-store", config.getString("pekko.persistence.snapshot-store.plugin"));
      assertEquals("slick", config.getString("jdbc-journal.use-shared-db"));
      assertEquals("slick", config.getString("jdbc-snapshot-store.use-shared-db"));
      assertEquals("slick", config.getString("jdbc-read-journal.use-shared-db"));
      assertTrue(config.getInt(SnapshotRetention.SNAPSHOT_EVERY_KEY) > 0);
    }
  }

  @Test
  void postgresTakesExplicitConnectionSettings() {
    Config config = JournalConfig.postgres("jdbc:postgresql://db.example:5433/troupe", "trader", "s3cret");
    assertEquals(new JdbcSettings("jdbc:postgresql://db.example:5433/troupe", "trader", "s3cret"),
        JdbcSettings.fromConfig(config));
    assertEquals("slick.jdbc.PostgresProfile$",
        config.getString("pekko-persistence-jdbc.shared-databases.slick.profile"));
  }

  @Test
  void describeNamesTheDatabaseButNeverThePassword() {
    Config config = JournalConfig.postgres("jdbc:postgresql://db.example/troupe?password=inurl", "trader", "s3cret");
    String description = JournalConfig.describe(config);
    assertTrue(description.contains("postgres") && description.contains("db.example") && description.contains("trader"),
        description);
    assertFalse(description.contains("s3cret"), description);
    assertFalse(description.contains("inurl"), description);
    assertFalse(JdbcSettings.fromConfig(config).toString().contains("s3cret"));
  }

  @Test
  void fromConfigPicksTheBackendNamedInTheSettings() {
    Config postgres = JournalConfig.fromConfig(ConfigFactory.parseString("troupe.persistence.backend = postgres"));
    assertEquals(SqlDialect.POSTGRES, JdbcSettings.fromConfig(postgres).dialect());

    Config h2 = JournalConfig.fromConfig(ConfigFactory.parseString("troupe.state-dir = \"/tmp/troupe-x\""));
    assertTrue(JdbcSettings.fromConfig(h2).url().startsWith("jdbc:h2:file:/tmp/troupe-x/journal;"));

    assertThrows(IllegalArgumentException.class,
        () -> JournalConfig.fromConfig(ConfigFactory.parseString("troupe.persistence.backend = mongo")));
  }

  @Test
  void snapshotRetentionFollowsTheConfiguredInterval() {
    RetentionCriteria every = SnapshotRetention.fromConfig(
        ConfigFactory.parseString("troupe.persistence { snapshot-every = 100, keep-snapshots = 3 }"));
    assertEquals(RetentionCriteria.snapshotEvery(100, 3), every);
    assertEquals(RetentionCriteria.disabled(), SnapshotRetention.fromConfig(ConfigFactory.empty()));
  }
}
