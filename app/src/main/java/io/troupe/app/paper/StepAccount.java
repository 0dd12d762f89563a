package io.troupe.app.paper;

import io.troupe.persistence.CborSerializable;
import io.troupe.model.AccountSnapshot;

/**
 * The account at the close of a step, as journaled: what the fills alone do not give (equity and exposure move with
 * prices). Positions are not repeated here: they are the sums of the journaled fills. Kept small because every step
 * writes one.
 */
public record StepAccount(double cash, double equity, double marginUsed, double exposure) implements CborSerializable {

  public static StepAccount of(AccountSnapshot a) {
    return a == null ? null : new StepAccount(a.cash(), a.equity(), a.marginUsed(), a.exposure());
  }
}
