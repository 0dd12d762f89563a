package io.troupe.persistence;

/** The databases the journal runs on, each with the DDL that pekko-persistence-jdbc ships for it. */
public enum SqlDialect {
  H2("schema/h2/h2-create-schema.sql"),
  POSTGRES("schema/postgres/postgres-create-schema.sql");

  private final String pluginDdlResource;

  SqlDialect(String pluginDdlResource) {
    this.pluginDdlResource = pluginDdlResource;
  }

  /** Classpath resource (inside the pekko-persistence-jdbc jar) holding the plugin's create-schema script. */
  public String pluginDdlResource() {
    return pluginDdlResource;
  }

  public static SqlDialect ofUrl(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRES;
    }
    throw new IllegalArgumentException("unsupported journal database (H2 or PostgreSQL only): "
        + JdbcSettings.maskUrl(jdbcUrl));
  }
}
