package io.troupe.specialist;

import io.troupe.market.Bar;
import io.troupe.model.VenueRejection;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import io.troupe.strategy.Strategy;
import io.troupe.strategy.StrategyCatalog;
import java.util.List;

/**
 * A regime's specialist that runs a strategy by name (built in or from a plugin) under a genome: the strategy decides,
 * the genome sizes it and gives its entries a stop and a target ({@code stop_pct}, {@code target_pct} from the close;
 * 0 keeps the strategy's own), and its signals carry the genome's name as their source.
 */
final class StrategySpecialist implements GenomeSpecialist {
  private final Genome genome;
  private final Strategy strategy;
  private final double stopPct;
  private final double targetPct;

  StrategySpecialist(Genome genome) {
    this.genome = genome;
    this.strategy = StrategyCatalog.factory(genome.strategy(), genome.strategyParams()).get();
    this.stopPct = genome.get("stop_pct");
    this.targetPct = genome.get("target_pct");
  }

  /** The strategy it runs. */
  Strategy strategy() {
    return strategy;
  }

  @Override
  public Genome genome() {
    return genome;
  }

  @Override
  public Signal onBar(Bar bar) {
    Signal s = strategy.onBar(bar);
    if (s == null) return null;
    double stop = s.stop();
    double target = s.target();
    if (s.direction() != Direction.FLAT) {
      double sign = s.direction() == Direction.LONG ? 1 : -1;
      if (stopPct > 0) stop = bar.close() * (1 - sign * stopPct / 100);
      if (targetPct > 0) target = bar.close() * (1 + sign * targetPct / 100);
    }
    return new Signal(s.symbol(), s.time(), s.direction(), s.strength(), s.confidence(), stop, target, genome.name());
  }

  @Override
  public String strategyType() {
    return strategy.strategyType();
  }

  @Override
  public void onRejected(VenueRejection rejection) {
    strategy.onRejected(rejection);
  }

  @Override
  public int warmUpBars() {
    return strategy.warmUpBars();
  }

  @Override
  public List<String> indicators() {
    return strategy.indicators();
  }
}
