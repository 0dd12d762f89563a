package io.troupe.specialist;

import io.troupe.learned.LearnedSettings;
import io.troupe.learned.WalkForwardModel;
import io.troupe.market.Bar;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;

/**
 * A specialist whose signal comes from gradient-boosted trees retrained walk-forward ({@link WalkForwardModel}): long
 * while the calibrated probability that the label is 1 is at least {@code entry_probability}, short (with
 * {@code allow_short}) while it is at most {@code 1 - entry_probability}; out when it falls back past
 * {@code exit_probability} (for a short, rises past {@code 1 - exit_probability}), at the stop or the target
 * ({@code stop_pct}, {@code target_pct} of the entry close), or after {@code horizon} bars, the label's own time barrier.
 * Its signals carry the calibrated probability of their direction as their confidence, which is what the
 * meta-controller's ensemble weighs a vote by.
 */
final class LearnedSpecialist implements GenomeSpecialist {
  private final Genome genome;
  private final LearnedSettings settings;
  private final WalkForwardModel model;
  private final SpecialistPosition position;
  private long barsHeld;

  LearnedSpecialist(Genome genome) {
    this.genome = genome;
    this.settings = LearnedSettings.of(genome.learned(), genome.params());
    this.model = new WalkForwardModel(genome.name(), settings);
    // The horizon in bars is its time barrier (below); no limit in event time of its own.
    this.position = new SpecialistPosition(genome.name(), Long.MAX_VALUE);
  }

  @Override
  public Genome genome() {
    return genome;
  }

  /** Its walk-forward state: the model in use and its out-of-sample record. */
  WalkForwardModel model() {
    return model;
  }

  @Override
  public int warmUpBars() {
    // A hot-swapped learned specialist needs a training window before its first model.
    return settings.trainBars() + settings.horizon() + settings.activationDelay();
  }

  @Override
  public Signal onBar(Bar bar) {
    WalkForwardModel.Prediction p = model.onBar(bar);
    if (!position.isFlat()) {
      barsHeld++;
      Signal exit = position.exitIfDue(bar);
      if (exit != null) return exit;
      boolean isLong = position.side == Direction.LONG;
      boolean lostConviction = p != null && (isLong ? p.probability() < settings.exitProbability() : p.probability() > 1 - settings.exitProbability());
      return lostConviction || barsHeld >= settings.horizon() ? position.exit(bar) : null;
    }
    if (p == null) return null;
    double c = bar.close();
    Direction d;
    double confidence;
    if (p.probability() >= settings.entryProbability()) {
      d = Direction.LONG;
      confidence = p.probability();
    } else if (settings.allowShort() && p.probability() <= 1 - settings.entryProbability()) {
      d = Direction.SHORT;
      confidence = 1 - p.probability();
    } else {
      return null;
    }
    double sign = d == Direction.LONG ? 1 : -1;
    double stop = settings.stopPct() > 0 ? c * (1 - sign * settings.stopPct() / 100) : Double.NaN;
    double target = settings.targetPct() > 0 ? c * (1 + sign * settings.targetPct() / 100) : Double.NaN;
    Signal s = position.enter(bar, d, stop, target);
    barsHeld = 0;
    return new Signal(s.symbol(), s.time(), d, Math.abs(p.probability() - 0.5) * 2, confidence, stop, target, s.source());
  }

  @Override
  public String strategyType() {
    return "default";
  }
}
