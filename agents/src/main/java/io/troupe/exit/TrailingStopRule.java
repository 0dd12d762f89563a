package io.troupe.exit;

import io.troupe.market.Bar;

/**
 * Armed once the peak close-to-entry profit reaches {@code armPct}; fires when the close has given back
 * {@code giveBackPct} of that peak profit, so at least (1 - giveBack) of the best profit is kept. Peaks are measured
 * on closes, the same prices the rule fires on, so a single wick neither arms nor fires it.
 */
public final class TrailingStopRule implements ExitRule {
  public static final String REASON = "trailing_stop";
  private final double armPct;
  private final double giveBackPct;

  public TrailingStopRule(double armPct, double giveBackPct) {
    this.armPct = armPct;
    this.giveBackPct = giveBackPct;
  }

  /** Whether a position that has seen {@code peakProfitPct} is armed. */
  public boolean armed(double peakProfitPct) {
    return armPct > 0 && peakProfitPct >= armPct;
  }

  @Override
  public boolean protective() {
    return true;
  }

  @Override
  public ExitDecision evaluate(ExitState s, double quantity, Bar bar) {
    if (!s.trailingArmed()) return null;
    double floor = s.peakProfitPct() * (1 - giveBackPct);
    return s.profitAt(bar.close()) <= floor ? ExitRule.closeAll(s, bar, quantity, REASON, bar.close()) : null;
  }
}
