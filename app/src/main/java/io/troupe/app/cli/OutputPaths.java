package io.troupe.app.cli;

import io.troupe.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output locations checked before a command runs, so a wrong one is bad usage in one line, not an internal error at the end. */
final class OutputPaths {

  private OutputPaths() {}

  /** An output folder: absent (it is created) or a folder, never a file. */
  static void checkFolder(Path dir, String option) {
    if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InvalidInputException(option + " " + dir + ": is a file, not a folder");
    }
  }

  static void createFolder(Path dir, String option) {
    checkFolder(dir, option);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new InvalidInputException(option + " " + dir + ": cannot create the folder (" + e.getMessage() + ")", e);
    }
  }

  /** An output file: not a folder, in a folder that exists. */
  static void checkFile(Path file, String option) {
    if (file == null) return;
    if (Files.isDirectory(file)) throw new InvalidInputException(option + " " + file + ": is a folder, not a file");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) throw new InvalidInputException(option + " " + file + ": no such folder " + parent);
  }

  /** Where runs go when no --out is given. */
  static final Path RUNS = Path.of("runs");

  /**
   * A new folder for one run under {@code runs}: its start time (UTC, to the second) and what ran, e.g.
   * {@code runs/20261201-115500-specialists}; "-2", "-3" ... when two runs start in the same second.
   */
  static Path newRun(Path runs, String label, java.time.Instant startedAt) {
    String time = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(startedAt);
    String name = time + "-" + label.replaceAll("[^A-Za-z0-9._-]+", "_");
    Path dir = runs.resolve(name);
    for (int n = 2; Files.exists(dir); n++) dir = runs.resolve(name + "-" + n);
    return dir;
  }

  /**
   * Points {@code runs/latest} at {@code run} (a relative symbolic link, replaced atomically). Best effort: where the
   * file system has no symbolic links the run is still in its own folder, and the summary names it.
   */
  static void pointLatest(Path run) {
    Path runs = run.toAbsolutePath().getParent();
    Path latest = runs.resolve("latest");
    Path tmp = runs.resolve(".latest-" + ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(tmp);
      Files.createSymbolicLink(tmp, run.getFileName());
      Files.move(tmp, latest, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UnsupportedOperationException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // nothing to clean up
      }
    }
  }
}
