package io.troupe.exit;

import io.troupe.market.Bar;
import java.util.List;

/**
 * Takes profit in steps: each {@link PartialStep} not yet done whose profit the close has reached takes its share of
 * the initial quantity (several at once after a gap); a step with fraction 1 or more, or one that would leave dust,
 * closes the rest. The reason names the last step taken: {@code partial_1}, {@code partial_2}, ...
 */
public final class PartialExitRule implements ExitRule {
  private static final double DUST = 1e-9;
  private final List<PartialStep> steps;

  public PartialExitRule(List<PartialStep> steps) {
    this.steps = List.copyOf(steps);
  }

  @Override
  public boolean protective() {
    return false;
  }

  /** How many steps a decision of this rule completes, read back from its reason. */
  static int stepsDone(ExitDecision d) {
    return Integer.parseInt(d.reason().substring("partial_".length()));
  }

  @Override
  public ExitDecision evaluate(ExitState s, double quantity, Bar bar) {
    double profit = s.profitAt(bar.close());
    double take = 0;
    int done = s.partialsDone();
    boolean rest = false;
    while (done < steps.size() && profit >= steps.get(done).profitPct()) {
      PartialStep step = steps.get(done);
      if (step.fraction() >= 1) rest = true;
      take += step.fraction() * s.initialQuantity();
      done++;
    }
    if (done == s.partialsDone()) return null;
    boolean all = rest || take >= quantity - DUST;
    return new ExitDecision(s.symbol(), bar.time(), all ? quantity : take, all, "partial_" + done, bar.close());
  }
}
