package io.troupe.learned;

import io.troupe.model.InvalidInputException;
import java.util.Map;

/**
 * A learned specialist's numbers, from its genome's params (validated there against their ranges): the label's
 * horizon and barriers, the walk-forward schedule in bars, the purge gap, the trees, and the entry thresholds.
 *
 * @param horizon bars ahead the label looks; also the position's time barrier
 * @param stopPct the stop (and the triple barrier's lower barrier), percent of the close
 * @param targetPct the target (and the upper barrier), percent of the close
 * @param trainBars M: a model is trained on the last M bars whose labels are known
 * @param retrainEvery N: a new model is trained every N bars
 * @param activationDelay bars from the training cut to the bar the new model first decides (at least 1: it trains off the step path)
 * @param embargo bars dropped after the purge between the fitting rows and the held-out calibration rows
 * @param calibrationShare the share of the window held out to calibrate on (the latest rows)
 */
public record LearnedSettings(
    LearnedSpec spec,
    int horizon,
    double stopPct,
    double targetPct,
    int trainBars,
    int retrainEvery,
    int activationDelay,
    int embargo,
    double calibrationShare,
    int trees,
    int maxDepth,
    double eta,
    double minChildWeight,
    long seed,
    double entryProbability,
    double exitProbability,
    boolean allowShort) {

  /** Rows a model needs at least: to fit on, and to calibrate on. */
  public static final int MIN_FIT_ROWS = 100;
  public static final int MIN_CALIBRATION_ROWS = 50;

  public LearnedSettings {
    if (activationDelay >= retrainEvery) {
      throw new InvalidInputException("field 'params.activation_delay' (" + activationDelay + ") must be below 'params.retrain_every' (" + retrainEvery + ")");
    }
    if (spec.label() == LearnedSpec.Label.TRIPLE_BARRIER && !(stopPct > 0 && targetPct > 0)) {
      throw new InvalidInputException("a triple-barrier label needs 'params.stop_pct' and 'params.target_pct' above 0 (its barriers)");
    }
    if (exitProbability > entryProbability) {
      throw new InvalidInputException("field 'params.exit_probability' (" + exitProbability + ") must not be above 'params.entry_probability' (" + entryProbability + ")");
    }
    int holdout = calibrationRows(trainBars, calibrationShare);
    int fit = trainBars - holdout - horizon - embargo;
    if (holdout < MIN_CALIBRATION_ROWS || fit < MIN_FIT_ROWS) {
      throw new InvalidInputException("field 'params.train_bars' (" + trainBars + ") leaves " + fit + " rows to fit and " + holdout
          + " to calibrate after the purge (horizon " + horizon + ") and embargo (" + embargo + "); at least " + MIN_FIT_ROWS + " and " + MIN_CALIBRATION_ROWS + " are needed");
    }
  }

  static int calibrationRows(int trainBars, double share) {
    return (int) Math.round(trainBars * share);
  }

  /** From a genome's validated params (every key of the learned ranges present). */
  public static LearnedSettings of(LearnedSpec spec, Map<String, Double> p) {
    return new LearnedSettings(spec,
        (int) (double) p.get("horizon"), p.get("stop_pct"), p.get("target_pct"),
        (int) (double) p.get("train_bars"), (int) (double) p.get("retrain_every"), (int) (double) p.get("activation_delay"),
        (int) (double) p.get("embargo"), p.get("calibration_share"),
        (int) (double) p.get("trees"), (int) (double) p.get("max_depth"), p.get("eta"), p.get("min_child_weight"),
        (long) (double) p.get("seed"), p.get("entry_probability"), p.get("exit_probability"), p.get("allow_short") != 0);
  }
}
