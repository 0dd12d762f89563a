package io.troupe.model;

import io.troupe.persistence.CborSerializable;

/** A venue refused an order: told to the risk supervisor and to the specialist whose intent it was. */
public record VenueRejection(long time, String clientOrderId, String symbol, String specialist, String reason) implements CborSerializable {}
