package io.troupe.specialist;

import io.troupe.strategy.Strategy;
import java.util.function.Supplier;

/** Builds the specialist of a genome's kind. A supplier gives fresh state to each symbol and each restart. */
public final class SpecialistFactory {
  private SpecialistFactory() {}

  public static GenomeSpecialist create(Genome genome) {
    if (genome.learned() != null) return new LearnedSpecialist(genome);
    if (genome.strategy() != null) return new StrategySpecialist(genome);
    return switch (genome.kind()) {
      case VOLATILE -> new VolatileSpecialist(genome);
      case TRENDING -> new TrendingSpecialist(genome);
      case RANGING -> new RangingSpecialist(genome);
      case CRISIS -> new CrisisSpecialist(genome);
    };
  }

  public static Supplier<Strategy> fromGenome(Genome genome) {
    return () -> create(genome);
  }
}
