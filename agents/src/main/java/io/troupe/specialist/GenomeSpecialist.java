package io.troupe.specialist;

import io.troupe.strategy.Strategy;

/** A strategy built from a genome: its signals carry the genome's stop and target, and its source is the genome's name. */
public interface GenomeSpecialist extends Strategy {
  Genome genome();

  /** Position size the genome asks for, fraction of equity; the desk multiplies it by the regime sizing. */
  default double positionFraction() {
    return genome().positionFraction();
  }

  @Override
  default String name() {
    return genome().name();
  }
}
