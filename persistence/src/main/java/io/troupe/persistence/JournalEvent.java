package io.troupe.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One journal row as a tool sees it: the payload decoded to a JSON tree, whatever the event's Java type.
 *
 * @param manifest the serializer's manifest: for Jackson, the event's class name, with {@code #version} once it has a
 *     {@code JacksonMigration}
 * @param serializerId Pekko serializer id (33 = jackson-cbor, 31 = jackson-json)
 * @param payload the decoded event; for a payload no Jackson serializer wrote, {@code {"serializerId", "base64"}}
 */
public record JournalEvent(
    String persistenceId,
    long sequenceNr,
    Instant writeTimestamp,
    String manifest,
    int serializerId,
    JsonNode payload) {}
