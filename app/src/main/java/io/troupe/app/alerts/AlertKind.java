package io.troupe.app.alerts;

/** What an alert is about; {@link #code} is how it is named in an alert's id and body. */
public enum AlertKind {
  /** An operator's halt. */
  HALT("halt"),
  /** A circuit breaker tripped (daily, weekly or peak drawdown, a stop storm). */
  BREAKER("breaker"),
  /** The kill switch: halted and flattened. */
  KILL_SWITCH("kill_switch"),
  /** After a resume the books disagreed with the journal; the session stopped before any order. */
  RECONCILIATION("reconciliation"),
  /** No bar for several timeframes of wall time in a paced session. */
  DATA_STALL("data_stall"),
  /** The journal refused a write. */
  JOURNAL_FAILURE("journal_failure");

  public final String code;

  AlertKind(String code) {
    this.code = code;
  }
}
