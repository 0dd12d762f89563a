package io.troupe.app.paper;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.report.AtomicFiles;
import io.troupe.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small durable record, outside the journal database, of how far a session's journal reached: the steps it holds as
 * completed. A journal found behind it at a start was damaged or rolled back (a truncated H2 file opens at an older
 * state; a damaged one opens empty), and is refused instead of resumed from an older step. Written atomically and
 * forced to disk, at each checkpoint, at most once a second of wall time while live, and at the end.
 *
 * @param completedSteps the journal held this many completed steps when it was written
 */
public record SessionManifest(String session, long completedSteps) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the manifest of {@code session} lives in {@code folder}. */
  public static Path file(Path folder, String session) {
    return folder.resolve("session-" + session.replaceAll("[^A-Za-z0-9._-]", "_") + ".manifest.json");
  }

  /** The manifest at {@code file}, or null when there is none (a new session, or one from before manifests). */
  public static SessionManifest read(Path file) {
    if (!Files.exists(file)) return null;
    try {
      return JSON.readValue(file.toFile(), SessionManifest.class);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": not a session manifest: " + e.getMessage(), e);
    }
  }

  /**
   * How a journal holding {@code journaled} completed steps falls short of this manifest at {@code file}, in words:
   * "its manifest F records N: steps J+1 to N and their fills are missing (...)".
   */
  public String shortfall(long journaled, Path file) {
    return "its manifest " + file + " records " + completedSteps + ": steps " + (journaled + 1) + " to " + completedSteps
        + " and their fills are missing (a damaged or rolled-back journal)";
  }

  /**
   * The last completed step among a session's newest events (newest first), or -1 when none of them completes a
   * step: read from the payloads' trees, so a tool finds it without replaying the journal.
   */
  public static long lastCompletedStep(java.util.List<io.troupe.persistence.JournalEvent> newestFirst) {
    for (io.troupe.persistence.JournalEvent e : newestFirst) {
      if ((e.manifest().endsWith("$StepCompleted") || e.manifest().startsWith(StepCompletedMigration.V1_CLASS)) && e.payload().has("step")) {
        return e.payload().get("step").asLong();
      }
    }
    return -1;
  }

  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    AtomicFiles.DISK.writeString(file, JSON.writeValueAsString(this) + "\n");
  }
}
