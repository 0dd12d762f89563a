package io.troupe.persistence;

/** One entity in the journal: how many events it has (deleted ones excluded) and its highest sequence number. */
public record PersistenceIdSummary(String persistenceId, long eventCount, long lastSequenceNr) {}
