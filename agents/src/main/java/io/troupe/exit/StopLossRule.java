package io.troupe.exit;

import io.troupe.market.Bar;

/**
 * The fixed (or ATR, or signal) stop, checked against the bar's range: the bar-close safety net for a position whose
 * stop is not resting at the venue. When the bracket rests at the venue the venue fills it and this rule stays quiet,
 * so a stop is never sent twice.
 */
public final class StopLossRule implements ExitRule {
  @Override
  public boolean protective() {
    return true;
  }

  @Override
  public ExitDecision evaluate(ExitState s, double quantity, Bar bar) {
    if (s.bracketAtVenue() || Double.isNaN(s.stopPrice())) return null;
    boolean hit = s.direction() > 0 ? bar.low() <= s.stopPrice() : bar.high() >= s.stopPrice();
    return hit ? ExitRule.closeAll(s, bar, quantity, s.stopReason(), s.stopPrice()) : null;
  }
}
