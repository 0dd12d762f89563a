package io.troupe.market;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the bundled {@code data/} folder from the module directory tests run in. */
final class RealData {
  private RealData() {}

  static Path file(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("data").resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("bundled data file not found: " + name);
  }
}
