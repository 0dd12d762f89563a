package io.troupe.app.readside;

/**
 * One row of {@code troupe_equity}: the account at the close of a completed step. {@code cash}, {@code equity} and
 * {@code exposure} are NaN for steps journaled before the account was (migrated {@code FillsRecorded} events).
 */
public record EquityRow(String session, long step, long time, double cash, double equity, double exposure, int fills) {

  public boolean hasAccount() {
    return !Double.isNaN(equity);
  }
}
