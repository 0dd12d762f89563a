package io.troupe.specialist;

import io.troupe.indicator.ZScore;
import io.troupe.market.Bar;
import io.troupe.regime.Regime;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;

/**
 * Small, quick mean reversion for CRISIS markets, long only: buys a capitulation bar (close more than 2.5 standard
 * deviations below its 20-bar mean) with a tight stop and target ({@code stop_pct}, {@code target_pct} from the entry
 * close) and leaves after {@code max_holding_hours}; otherwise stays flat. {@link #maxExposureFraction()} and
 * {@link #cashFloorFraction()} are for the desk and the risk supervisor: the specialist does not see the account.
 */
public final class CrisisSpecialist implements GenomeSpecialist {
  static final double ENTRY_Z = -2.5;
  private final Genome genome;
  private final double stopPct;
  private final double targetPct;
  private final ZScore z = new ZScore(20);
  private final SpecialistPosition position;

  public CrisisSpecialist(Genome genome) {
    if (genome.kind() != Regime.CRISIS) throw new IllegalArgumentException("not a CRISIS genome: " + genome.name());
    this.genome = genome;
    this.stopPct = genome.get("stop_pct");
    this.targetPct = genome.get("target_pct");
    this.position = new SpecialistPosition(genome.name(), SpecialistPosition.hours(genome.get("max_holding_hours")));
  }

  @Override
  public Genome genome() {
    return genome;
  }

  public double maxExposureFraction() {
    return genome.get("max_exposure_pct") / 100;
  }

  public double cashFloorFraction() {
    return genome.get("cash_floor_pct") / 100;
  }

  @Override
  public int warmUpBars() {
    return 20;
  }

  @Override
  public Signal onBar(Bar bar) {
    z.update(bar.close());
    Signal exit = position.exitIfDue(bar);
    if (exit != null) return exit;
    if (!position.isFlat() || !z.isWarm() || z.value() > ENTRY_Z) return null;
    double c = bar.close();
    return position.enter(bar, Direction.LONG, c * (1 - stopPct / 100), c * (1 + targetPct / 100));
  }

  /** For the minimum hold: a capitulation bar faded back toward the mean. */
  @Override
  public String strategyType() {
    return "mean-reversion";
  }

  @Override
  public long holdingLimitMillis() {
    return position.maxHoldingMillis();
  }
}
