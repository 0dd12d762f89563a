package io.troupe.position;

import io.troupe.order.ExecutionReport.Fill;
import io.troupe.persistence.CborSerializable;

/** A fill with what its order was for: the reason becomes the exit reason of a trade it closes. */
public record AttributedFill(Fill fill, String reason, String specialist) implements CborSerializable {}
