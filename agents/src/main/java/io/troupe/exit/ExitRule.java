package io.troupe.exit;

import io.troupe.market.Bar;

/**
 * One exit rule, checked at a bar's close against a position's {@link ExitState} (already updated with this bar's
 * peak). {@code quantity} is the absolute size still held. Returns null when it does not fire.
 */
public interface ExitRule {

  /** Protective rules (stops) fire during the minimum hold; the others wait for it. */
  boolean protective();

  ExitDecision evaluate(ExitState state, double quantity, Bar bar);

  static ExitDecision closeAll(ExitState s, Bar bar, double quantity, String reason, double price) {
    return new ExitDecision(s.symbol(), bar.time(), quantity, true, reason, price);
  }
}
