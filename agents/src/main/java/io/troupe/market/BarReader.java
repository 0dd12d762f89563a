package io.troupe.market;

/**
 * Pulls validated bars from one open file, one at a time; nothing is read ahead beyond the current line or token,
 * so memory does not grow with the file. Obtain one from {@link BarFiles#open}; close it when done.
 */
public interface BarReader extends AutoCloseable {

  /**
   * The next valid bar, or null at the end of the file.
   *
   * @throws BadRowException for a bad row under {@link OnBadRow#FAIL}
   * @throws io.troupe.model.InvalidInputException when the file as a whole is unreadable (empty, bad header, bad JSON)
   */
  Bar next();

  /** What was read so far; complete once {@link #next()} has returned null. */
  ReadReport report();

  @Override
  void close();
}
