package io.troupe.app.paper;

/**
 * A paper session ended on a failure its message names in one line (a journal fault, an agent or the journal not
 * answering in time): exit 1, the line on standard error, no stack trace there.
 */
public final class PaperFailure extends RuntimeException {

  public PaperFailure(String message) {
    super(message);
  }

  public PaperFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
