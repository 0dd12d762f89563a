package io.troupe.exit;

import io.troupe.market.Bar;

/**
 * Closes a position held its {@link ExitState#maxAgeMillis()} or longer (its specialist's own holding limit, else the
 * configured max age; 0 for none). Held time is this bar's start minus the entry time (both
 * event time, as positions and bars store them). Not a stop: it waits for the minimum hold, so a strategy type whose
 * hold is longer than the age (regime: 2 h against 1 h) exits when its hold ends.
 */
public final class MaxAgeRule implements ExitRule {
  public static final String REASON = "max_age";
  public MaxAgeRule() {}

  @Override
  public boolean protective() {
    return false;
  }

  @Override
  public ExitDecision evaluate(ExitState s, double quantity, Bar bar) {
    long limit = s.maxAgeMillis();
    if (limit <= 0) return null;
    return bar.time() - s.entryTime() >= limit ? ExitRule.closeAll(s, bar, quantity, REASON, bar.close()) : null;
  }
}
