package io.troupe.exit;

import io.troupe.persistence.CborSerializable;

/**
 * The stop and target to rest at the venue as a one-cancels-other pair as soon as the entry fills, so a stop never
 * waits for the next decision. The stop rests from the fill on; the target only from {@code targetActiveFrom} (entry
 * time plus the strategy's minimum hold), because a target is not a stop and waits for the hold. {@code targetPrice}
 * is NaN when there is no target.
 */
public record BracketPrices(double stopPrice, String stopReason, double targetPrice, long targetActiveFrom) implements CborSerializable {}
