package io.troupe.model;

import io.troupe.model.ExecutionReport.Fill;
import io.troupe.persistence.CborSerializable;

/**
 * A fill with what its order was for: the reason becomes the exit reason of a trade it closes. {@code signalStop} and
 * {@code signalTarget} are the entry signal's suggested exits (NaN when none), for the position's bracket.
 */
public record AttributedFill(Fill fill, String reason, String specialist, double signalStop, double signalTarget)
    implements CborSerializable {

  public AttributedFill(Fill fill, String reason, String specialist) {
    this(fill, reason, specialist, Double.NaN, Double.NaN);
  }
}
