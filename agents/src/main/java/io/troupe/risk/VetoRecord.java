package io.troupe.risk;

import io.troupe.persistence.CborSerializable;

/** One denied intent: when, what, whose, and the reason code. */
public record VetoRecord(long time, String symbol, String specialist, String reason, String detail) implements CborSerializable {}
