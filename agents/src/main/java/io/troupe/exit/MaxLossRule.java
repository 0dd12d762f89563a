package io.troupe.exit;

import io.troupe.market.Bar;

/** A backstop behind the stop: a close {@code maxLossPct} or more against the entry closes the position (gaps, missing stops). */
public final class MaxLossRule implements ExitRule {
  public static final String REASON = "max_loss";
  private final double maxLossPct;

  public MaxLossRule(double maxLossPct) {
    this.maxLossPct = maxLossPct;
  }

  @Override
  public boolean protective() {
    return true;
  }

  @Override
  public ExitDecision evaluate(ExitState s, double quantity, Bar bar) {
    if (maxLossPct <= 0) return null;
    return s.profitAt(bar.close()) <= -maxLossPct ? ExitRule.closeAll(s, bar, quantity, REASON, bar.close()) : null;
  }
}
