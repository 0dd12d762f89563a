package io.troupe.model;

import io.troupe.persistence.CborSerializable;

/** An order the risk supervisor approved, before the order manager gives it an id and sends it. */
public record ApprovedOrder(
    String symbol,
    Side side,
    double quantity,
    boolean reduceOnly,
    double referencePrice,
    double stopLoss,
    double takeProfit,
    String reason,
    String specialist)
    implements CborSerializable {}
