package io.troupe.adviser;

import io.troupe.model.OrderIntent;
import java.util.List;

/**
 * The quorum: once {@code quorum} endpoints veto an entry with at least the least confidence, it is vetoed (the
 * position stays as held) or scaled (the change it asks for times {@code scale}). Approvals, verdicts below the least
 * confidence and no opinions (timeouts, errors, malformed answers) never veto: an adviser that cannot answer leaves
 * the entry as the desk asked. Pure: tested alone.
 */
public final class AdviserQuorum {

  /** The ruling on an intent: the intent to hand risk (null: vetoed) and the record of why. */
  public record Outcome(OrderIntent intent, AdviceRuling ruling) {}

  private final AdviserSettings settings;

  public AdviserQuorum(AdviserSettings settings) {
    this.settings = settings;
  }

  /** Whether the intent opens, adds to or flips a position: only those are reviewed (exits and reductions pass). */
  public static boolean isEntry(OrderIntent intent, double held) {
    if (intent.exit()) return false;
    double target = intent.targetQuantity();
    if (target == 0) return false;
    return Math.signum(target) != Math.signum(held) || Math.abs(target) > Math.abs(held);
  }

  public Outcome rule(OrderIntent intent, double held, String promptHash, List<AdviceVerdict> verdicts) {
    return rule(intent, held, promptHash, verdicts, List.of());
  }

  /** As above; {@code keys}: each verdict's cache key, kept in the ruling. */
  public Outcome rule(OrderIntent intent, double held, String promptHash, List<AdviceVerdict> verdicts, List<String> keys) {
    int vetoes = 0;
    int approvals = 0;
    int none = 0;
    for (AdviceVerdict v : verdicts) {
      boolean counts = v.opinion() != AdviceVerdict.Opinion.NONE && v.confidence() >= settings.minConfidence();
      if (!counts) none++;
      else if (v.opinion() == AdviceVerdict.Opinion.VETO) vetoes++;
      else approvals++;
    }
    String tally = vetoes + " veto, " + approvals + " approve, " + none + " no opinion; quorum " + settings.quorum() + " of " + verdicts.size();
    double before = intent.targetQuantity();
    if (vetoes < settings.quorum()) {
      return new Outcome(intent, ruling(intent, promptHash, verdicts, keys, AdviceRuling.Action.PASS, before, before, tally));
    }
    if (settings.action() == AdviserSettings.Action.VETO) {
      return new Outcome(null, ruling(intent, promptHash, verdicts, keys, AdviceRuling.Action.VETO, before, held, tally));
    }
    double after = held + (before - held) * settings.scale();
    OrderIntent scaled = new OrderIntent(intent.symbol(), intent.time(), after, intent.referencePrice(), intent.stopLoss(), intent.takeProfit(),
        intent.specialist(), intent.reason(), false);
    return new Outcome(scaled, ruling(intent, promptHash, verdicts, keys, AdviceRuling.Action.SCALE, before, after, tally + "; scaled by " + settings.scale()));
  }

  private static AdviceRuling ruling(OrderIntent i, String hash, List<AdviceVerdict> verdicts, List<String> keys, AdviceRuling.Action action,
      double before, double after, String why) {
    return new AdviceRuling(i.time(), i.symbol(), i.specialist(), hash, verdicts, keys, action, before, after, why);
  }
}
