package io.troupe.model;

import io.troupe.persistence.CborSerializable;

/** A cancel sent to a venue, with why (a stable code: {@code stale}, {@code price_moved}, {@code oco}, ...). */
public record CancelRequest(String clientOrderId, String reason) implements CborSerializable {}
