package io.troupe.model;

import io.troupe.persistence.CborSerializable;

/**
 * The protective stop and target a just-opened position wants resting at the venue, one cancelling the other. Sent
 * by the position monitor when an entry fills, passed by risk (protection is never vetoed), placed by the order
 * manager. {@code targetActiveFrom} is the end of the minimum hold (the target waits for it; the stop does not).
 */
public record BracketRequest(
    String entryOrderId, String symbol, Side entrySide, double stopPrice, String stopReason, double targetPrice, long targetActiveFrom)
    implements CborSerializable {}
