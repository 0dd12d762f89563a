package io.troupe.model;

/**
 * Bad input from the user: a data file, a parameter, a config value. The CLI prints the message (which names the
 * file, line and field where there is one) and exits with 2; no stack trace.
 */
public class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
