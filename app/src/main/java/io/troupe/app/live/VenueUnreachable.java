package io.troupe.app.live;

/** The venue did not answer what the reconciliation asked, or refused it: the session does not go on (exit 1, one line). */
public final class VenueUnreachable extends RuntimeException {
  public VenueUnreachable(String message, Throwable cause) {
    super(message, cause);
  }
}
