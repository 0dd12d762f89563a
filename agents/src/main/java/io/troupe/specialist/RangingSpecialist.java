package io.troupe.specialist;

import io.troupe.indicator.AverageDirectionalIndex;
import io.troupe.indicator.BollingerBands;
import io.troupe.market.Bar;
import io.troupe.regime.Regime;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;

/**
 * Mean reversion inside a range for RANGING markets. The range is the Bollinger band over
 * {@code mean_reversion_lookback} bars at {@code range_sensitivity} standard deviations; it counts as a range only
 * while ADX(14) is at most 25 (no trend). Long when the close is within {@code entry_from_edge_pct} percent of the
 * range width above the lower edge (short: below the upper edge). Stop {@code stop_beyond_range_pct} percent of price
 * beyond that edge; target {@code target_pct_of_range} percent of the way from the entry close to the opposite edge.
 * Exits: stop, target, or {@code max_holding_days}.
 */
public final class RangingSpecialist implements GenomeSpecialist {
  private static final double MAX_RANGE_ADX = 25;
  private final Genome genome;
  private final double edgePct;
  private final double stopBeyondPct;
  private final double targetShare;
  private final int lookback;
  private final BollingerBands bands;
  private final AverageDirectionalIndex adx = new AverageDirectionalIndex(14);
  private final SpecialistPosition position;

  public RangingSpecialist(Genome genome) {
    if (genome.kind() != Regime.RANGING) throw new IllegalArgumentException("not a RANGING genome: " + genome.name());
    this.genome = genome;
    this.edgePct = genome.get("entry_from_edge_pct");
    this.stopBeyondPct = genome.get("stop_beyond_range_pct");
    this.targetShare = genome.get("target_pct_of_range") / 100;
    this.lookback = (int) genome.get("mean_reversion_lookback");
    this.bands = new BollingerBands(lookback, genome.get("range_sensitivity"));
    this.position = new SpecialistPosition(genome.name(), SpecialistPosition.days(genome.get("max_holding_days")));
  }

  @Override
  public Genome genome() {
    return genome;
  }

  @Override
  public int warmUpBars() {
    return Math.max(lookback, 28);
  }

  @Override
  public Signal onBar(Bar bar) {
    bands.update(bar.close());
    adx.update(bar);
    Signal exit = position.exitIfDue(bar);
    if (exit != null) return exit;
    if (!position.isFlat() || !bands.isWarm() || !adx.isWarm()) return null;
    if (adx.value(AverageDirectionalIndex.ADX) > MAX_RANGE_ADX) return null;
    double lower = bands.value(BollingerBands.LOWER);
    double upper = bands.value(BollingerBands.UPPER);
    double width = upper - lower;
    if (!(width > 0)) return null;
    double c = bar.close();
    double zone = width * edgePct / 100;
    if (c <= lower + zone) {
      return position.enter(bar, Direction.LONG, lower * (1 - stopBeyondPct / 100), c + (upper - c) * targetShare);
    }
    if (c >= upper - zone) {
      return position.enter(bar, Direction.SHORT, upper * (1 + stopBeyondPct / 100), c - (c - lower) * targetShare);
    }
    return null;
  }

  /** For the minimum hold: the edges of a range faded toward its middle. */
  @Override
  public String strategyType() {
    return "mean-reversion";
  }

  @Override
  public long holdingLimitMillis() {
    return position.maxHoldingMillis();
  }
}
