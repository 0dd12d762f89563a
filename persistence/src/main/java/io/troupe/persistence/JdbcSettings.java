package io.troupe.persistence;

import com.typesafe.config.Config;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where the journal lives: the JDBC URL and credentials of the shared {@code slick} database. The password never
 * appears in {@link #toString()}, so these settings can be logged.
 */
public record JdbcSettings(String url, String user, String password) {

  /** Config path of the database shared by journal, snapshot store and read journal. */
  public static final String CONFIG_PATH = "pekko-persistence-jdbc.shared-databases.slick.db";

  private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&;]*");

  public JdbcSettings {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("journal JDBC URL is missing");
    }
    user = user == null ? "" : user;
    password = password == null ? "" : password;
  }

  /** Reads {@value #CONFIG_PATH}{@code .url/.user/.password} from a resolved config (see {@link JournalConfig}). */
  public static JdbcSettings fromConfig(Config config) {
    Config db = config.getConfig(CONFIG_PATH);
    return new JdbcSettings(
        db.getString("url"),
        db.hasPath("user") ? db.getString("user") : "",
        db.hasPath("password") ? db.getString("password") : "");
  }

  public SqlDialect dialect() {
    return SqlDialect.ofUrl(url);
  }

  /** A plain connection (no pool): for schema creation and inspection, not for the plugin's writes. */
  public Connection open() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    if (dialect() == SqlDialect.POSTGRES) {
      // Fail in seconds, not after the driver's default, when the server is down; and when it accepts the connection but
      // never answers (a network gone silent), the login is bounded too.
      properties.setProperty("connectTimeout", "5");
      properties.setProperty("loginTimeout", "10");
    }
    return DriverManager.getConnection(url, properties);
  }

  /** The URL with any {@code password=} parameter masked. */
  public static String maskUrl(String url) {
    return PASSWORD_IN_URL.matcher(url).replaceAll("$1****");
  }

  @Override
  public String toString() {
    return maskUrl(url) + " as " + (user.isEmpty() ? "(no user)" : user)
        + (password.isEmpty() ? " (no password)" : " (password ****)");
  }
}
