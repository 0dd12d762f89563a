package io.troupe.exit;

import io.troupe.market.Bar;

/**
 * Closes a position held {@code maxAgeMillis} or longer. Held time is this bar's start minus the entry time (both
 * event time, as positions and bars store them). Not a stop: it waits for the minimum hold, so a strategy type whose
 * hold is longer than the age (regime: 2 h against 1 h) exits when its hold ends.
 */
public final class MaxAgeRule implements ExitRule {
  public static final String REASON = "max_age";
  private final long maxAgeMillis;

  public MaxAgeRule(long maxAgeMillis) {
    this.maxAgeMillis = maxAgeMillis;
  }

  @Override
  public boolean protective() {
    return false;
  }

  @Override
  public ExitDecision evaluate(ExitState s, double quantity, Bar bar) {
    if (maxAgeMillis <= 0) return null;
    return bar.time() - s.entryTime() >= maxAgeMillis ? ExitRule.closeAll(s, bar, quantity, REASON, bar.close()) : null;
  }
}
