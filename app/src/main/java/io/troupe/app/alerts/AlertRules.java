package io.troupe.app.alerts;

import io.troupe.risk.CircuitBreakers;
import io.troupe.risk.Restriction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which events are alerts, and their ids. A restriction the risk supervisor put in force is one alert (a breaker that
 * halts is one breaker alert, not also a halt alert); its id is the restriction's code and the event time it began,
 * which a resume's replay reproduces exactly. An operator's REDUCING is no alert.
 */
public final class AlertRules {

  private AlertRules() {}

  /** The restrictions in {@code after} that are not in {@code before}, as alerts at {@code step}. */
  public static List<Alert> newRestrictions(String session, long step, List<Restriction> before, List<Restriction> after, Instant now) {
    Set<Restriction> was = new HashSet<>(before);
    List<Alert> alerts = new ArrayList<>();
    for (Restriction r : after) {
      if (was.contains(r)) continue;
      Alert a = restriction(session, step, r, now);
      if (a != null) alerts.add(a);
    }
    return alerts;
  }

  /** The alert for a restriction in force, or null when it raises none. */
  public static Alert restriction(String session, long step, Restriction r, Instant now) {
    AlertKind kind = switch (r.code()) {
      case CircuitBreakers.KILL_SWITCH -> AlertKind.KILL_SWITCH;
      case CircuitBreakers.OPERATOR_HALT -> AlertKind.HALT;
      case CircuitBreakers.DAILY_LOSS, CircuitBreakers.WEEKLY_LOSS, CircuitBreakers.DRAWDOWN, CircuitBreakers.STOP_STORM -> AlertKind.BREAKER;
      default -> null;
    };
    if (kind == null) return null;
    String title = switch (kind) {
      case KILL_SWITCH -> "kill switch: trading HALTED, positions flattened";
      case HALT -> "halted by an operator";
      default -> r.code() + " breaker tripped: trading " + r.level() + (r.operatorOnly() ? " until an operator resumes" : " until " + Instant.ofEpochMilli(r.resumesAt()));
    };
    return new Alert(session + "/" + kind.code + "/" + r.code() + "@" + Instant.ofEpochMilli(r.since()), session, kind.code, step, r.since(),
        now.toString(), title, r.detail());
  }

  /** The books disagreed with the journal after a resume's replay to {@code step}. */
  public static Alert reconciliation(String session, long step, Long eventTime, List<String> differences, Instant now) {
    return new Alert(session + "/" + AlertKind.RECONCILIATION.code + "/step-" + step, session, AlertKind.RECONCILIATION.code, step, eventTime,
        now.toString(), differences.size() + " reconciliation difference" + (differences.size() == 1 ? "" : "s") + " after replay to step " + step
        + "; the session stopped before any order", String.join("; ", differences));
  }

  /** No bar arrived for {@code waitedMillis} of wall time after step {@code step}. */
  public static Alert dataStall(String session, long step, long eventTime, long waitedMillis, long thresholdMillis, Instant now) {
    // No step yet (a session live with nothing done): the stall has no event time.
    return new Alert(session + "/" + AlertKind.DATA_STALL.code + "/step-" + step, session, AlertKind.DATA_STALL.code, step,
        eventTime == Long.MIN_VALUE ? null : eventTime, now.toString(),
        "data stall: no bar for " + waitedMillis / 1000.0 + " s after step " + step,
        "more than " + thresholdMillis / 1000.0 + " s of wall time (the stall threshold) with no new bar");
  }

  /** The journal refused a write at {@code step}. */
  public static Alert journalFailure(String session, long step, String cause, Instant now) {
    return new Alert(session + "/" + AlertKind.JOURNAL_FAILURE.code + "/step-" + step, session, AlertKind.JOURNAL_FAILURE.code, step, null,
        now.toString(), "journal write failed at step " + step, cause);
  }

  /**
   * The connection to the journal was lost; the session waits, no step running, and reconnects. Its id holds the wall
   * time of the loss: a loss is not replayed by a resume, and each loss is news.
   */
  public static Alert journalConnectionLost(String session, String cause, java.time.Duration reconnectFor, Instant now) {
    return new Alert(session + "/" + AlertKind.JOURNAL_FAILURE.code + "/lost-" + now.toEpochMilli(), session, AlertKind.JOURNAL_FAILURE.code, -1, null,
        now.toString(), "the journal's connection is down; no step runs until it is back (reconnecting for up to " + reconnectFor.toSeconds() + " s)", cause);
  }
}
