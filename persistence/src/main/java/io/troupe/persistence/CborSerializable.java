package io.troupe.persistence;

/**
 * Marker for every message and event that may cross the network or be written to the journal.
 * Bound to Pekko's {@code jackson-cbor} serializer in {@code config/serialization.conf}; Pekko 1.x ships no
 * such marker of its own.
 */
public interface CborSerializable {}
