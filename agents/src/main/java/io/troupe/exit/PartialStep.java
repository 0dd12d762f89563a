package io.troupe.exit;

import io.troupe.persistence.CborSerializable;

/** Take {@code fraction} of the initial quantity off when profit reaches {@code profitPct}; a fraction of 1 or more closes the rest. */
public record PartialStep(double profitPct, double fraction) implements CborSerializable {}
