package io.troupe.exit;

import io.troupe.market.Bar;

/** The target, checked against the bar's range when it is not resting at the venue; waits for the minimum hold. */
public final class TakeProfitRule implements ExitRule {
  public static final String REASON = "take_profit";

  @Override
  public boolean protective() {
    return false;
  }

  @Override
  public ExitDecision evaluate(ExitState s, double quantity, Bar bar) {
    if (s.bracketAtVenue() || Double.isNaN(s.targetPrice())) return null;
    boolean hit = s.direction() > 0 ? bar.high() >= s.targetPrice() : bar.low() <= s.targetPrice();
    return hit ? ExitRule.closeAll(s, bar, quantity, REASON, s.targetPrice()) : null;
  }
}
