package io.troupe.app.paper;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears a session lose and regain the connection to its journal. While it is lost no step runs: the runner waits for
 * the journal to take the last one. This is where an operator's alert, and a halt of the account while the journal is
 * away, plug in; {@link #WARNINGS} logs one warning for each.
 */
public interface JournalConnectionListener {

  /** The connection is lost; reconnecting for up to {@code reconnectFor}. */
  void lost(String session, JournalFault fault, Duration reconnectFor);

  /** The journal is back after {@code down}, having recovered to its last durable event. */
  void restored(String session, Duration down, int attempts);

  /** No reconnect within the bound: the session ends with {@code fault}. */
  void gaveUp(String session, JournalFault fault, Duration tried, int attempts);

  /** One WARN line when the connection is lost and one when it is back (giving up is the session's error line). */
  JournalConnectionListener WARNINGS = new JournalConnectionListener() {
    private final Logger log = LoggerFactory.getLogger(JournalConnectionListener.class);

    @Override
    public void lost(String session, JournalFault fault, Duration reconnectFor) {
      log.warn("paper session '{}': lost the connection to the journal ({}); no step runs until it is back; reconnecting for up to {}", session,
          fault.cause(), ReconnectingJournal.text(reconnectFor));
    }

    @Override
    public void restored(String session, Duration down, int attempts) {
      log.warn("paper session '{}': the journal is back after {} ({} {}); going on", session, ReconnectingJournal.text(down), attempts,
          attempts == 1 ? "try" : "tries");
    }

    @Override
    public void gaveUp(String session, JournalFault fault, Duration tried, int attempts) {
      // the session's error line says it
    }
  };
}
