package io.troupe.app.paper;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Journals written before the composition root became its own module name the paper session's events and snapshots
 * {@code io.troupe.gateway.paper.*}; they are the same classes, now under {@code io.troupe.app.paper}. Registered under
 * each old class name in {@code reference.conf}; the JSON is unchanged.
 */
public final class PackageMoveMigration extends JacksonMigration {

  static final String OLD_PACKAGE = "io.troupe.gateway.paper.";

  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public String transformClassName(int fromVersion, String className) {
    return className.startsWith(OLD_PACKAGE) ? PackageMoveMigration.class.getPackageName() + "." + className.substring(OLD_PACKAGE.length()) : className;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    return json;
  }
}
