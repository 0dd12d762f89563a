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
}
