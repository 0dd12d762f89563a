package io.troupe.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the configuration that points Pekko Persistence at the JDBC journal, snapshot store and read journal.
 * Each method returns a resolved layer to put over the rest of the configuration:
 * <pre>{@code
 * Config layer = JournalConfig.fromEnvironment();
 * JournalSchema.createIfMissing(layer);
 * ActorSystem.create(guardian, "troupe", layer.withFallback(ConfigFactory.load()));
 * }</pre>
 * The layers come from {@code persistence-h2.conf} and {@code persistence-postgres.conf} (top-level
 * {@code config/}, packaged on the classpath).
 */
public final class JournalConfig {

  /** {@code h2} (default) or {@code postgres}: which journal {@link #fromEnvironment()} picks. */
  public static final String BACKEND_ENV = "TROUPE_JOURNAL";
  public static final String STATE_DIR_ENV = "TROUPE_STATE_DIR";
  public static final String PG_URL_ENV = "TROUPE_PG_URL";
  public static final String PG_USER_ENV = "TROUPE_PG_USER";
  public static final String PG_PASSWORD_ENV = "TROUPE_PG_PASSWORD";

  /** Config keys this class reads from the settings given to {@link #fromConfig(Config)}. */
  public static final String BACKEND_KEY = "troupe.persistence.backend";
  public static final String STATE_DIR_KEY = "troupe.state-dir";

  static final String H2_RESOURCE = "persistence-h2.conf";
  static final String POSTGRES_RESOURCE = "persistence-postgres.conf";
  static final String DEFAULT_STATE_DIR = "state";

  private JournalConfig() {}

  /** H2 in the file {@code <stateDir>/journal.mv.db}; the folder is made absolute because H2 refuses relative ones. */
  public static Config h2(Path stateDir) {
    Config explicit = ConfigFactory.parseMap(
        Map.of(STATE_DIR_KEY, stateDir.toAbsolutePath().normalize().toString()));
    return explicit.withFallback(resource(H2_RESOURCE)).resolve();
  }

  /** PostgreSQL at an explicit URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}. */
  public static Config postgres(String url, String user, String password) {
    Config explicit = ConfigFactory.parseMap(Map.of(
        JdbcSettings.CONFIG_PATH + ".url", url,
        JdbcSettings.CONFIG_PATH + ".user", user == null ? "" : user,
        JdbcSettings.CONFIG_PATH + ".password", password == null ? "" : password));
    return explicit.withFallback(resource(POSTGRES_RESOURCE)).resolve();
  }

  /**
   * PostgreSQL from {@code TROUPE_PG_URL}, {@code TROUPE_PG_USER}, {@code TROUPE_PG_PASSWORD}; defaults
   * {@code jdbc:postgresql://127.0.0.1:5432/test}, {@code postgres}, empty.
   */
  public static Config postgresFromEnvironment() {
    return resource(POSTGRES_RESOURCE).resolve();
  }

  /**
   * The journal named by {@code TROUPE_JOURNAL} ({@code h2} when unset): H2 under {@code TROUPE_STATE_DIR}
   * (default {@code state}), or PostgreSQL as in {@link #postgresFromEnvironment()}.
   */
  public static Config fromEnvironment() {
    return forBackend(env(BACKEND_ENV, "h2"), env(STATE_DIR_ENV, DEFAULT_STATE_DIR));
  }

  /**
   * The journal named by {@value #BACKEND_KEY} in {@code settings} ({@code h2} when absent), with the H2 file under
   * {@value #STATE_DIR_KEY} (default {@code TROUPE_STATE_DIR}, then {@code state}). Lets a command line choose
   * with {@code --set troupe.persistence.backend=postgres}.
   */
  public static Config fromConfig(Config settings) {
    String backend = settings.hasPath(BACKEND_KEY) ? settings.getString(BACKEND_KEY) : "h2";
    String stateDir = settings.hasPath(STATE_DIR_KEY)
        ? settings.getString(STATE_DIR_KEY)
        : env(STATE_DIR_ENV, DEFAULT_STATE_DIR);
    return forBackend(backend, stateDir);
  }

  /** One line saying which journal a config uses, with the password masked: safe to log or print. */
  public static String describe(Config config) {
    String backend = config.hasPath(BACKEND_KEY) ? config.getString(BACKEND_KEY) : "jdbc";
    return backend + " journal at " + JdbcSettings.fromConfig(config);
  }

  private static Config forBackend(String backend, String stateDir) {
    return switch (backend.trim().toLowerCase()) {
      case "h2" -> h2(Path.of(stateDir));
      case "postgres", "postgresql" -> postgresFromEnvironment();
      default -> throw new IllegalArgumentException(
          "unknown journal backend '" + backend + "': expected h2 or postgres");
    };
  }

  private static Config resource(String name) {
    // Not allowed missing: an absent file would otherwise yield an empty config and a journal-less system.
    return ConfigFactory.parseResources(JournalConfig.class.getClassLoader(), name,
        ConfigParseOptions.defaults().setAllowMissing(false));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
