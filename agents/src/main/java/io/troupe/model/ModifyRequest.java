package io.troupe.model;

import io.troupe.persistence.CborSerializable;

/** A change to a working order sent to a venue; NaN keeps a price as it is. */
public record ModifyRequest(String clientOrderId, double quantity, double limitPrice, double stopPrice) implements CborSerializable {}
