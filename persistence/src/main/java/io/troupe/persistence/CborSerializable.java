package io.troupe.persistence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Marker for every message and event that may cross the network or be written to the journal.
 * Bound to Pekko's {@code jackson-cbor} serializer in this module's {@code reference.conf}; Pekko 1.x ships no
 * such marker of its own.
 *
 * <h2>Evolving events</h2>
 * Journals outlive code, so an event type may only change in these ways:
 * <ul>
 *   <li><b>Add a field</b>: just add the record component. Old events lack it and Jackson passes {@code null}
 *       (or 0/false for a primitive) to the canonical constructor; give it a default in the compact constructor
 *       ({@code quantity = quantity == null ? 1 : quantity}). Unknown fields are ignored (annotation below,
 *       and {@code FAIL_ON_UNKNOWN_PROPERTIES = off} in {@code reference.conf}), so an older build can still
 *       read events written by a newer one.</li>
 *   <li><b>Rename a class, rename or retype a field</b>: write a {@code org.apache.pekko.serialization.jackson.JacksonMigration}
 *       ({@code transformClassName} for the class, {@code transform} on the JSON tree for fields, bump
 *       {@code currentVersion}) and register it under {@code pekko.serialization.jackson.migrations}, keyed by
 *       the class name found in old journals.</li>
 *   <li><b>Never</b> delete or reuse a class that old journals name without a migration for it, and never
 *       change the meaning of an existing field.</li>
 * </ul>
 * Snapshots follow the same rules; a snapshot that no longer reads is skipped and the events are replayed
 * ({@code snapshot-is-optional} in the journal configurations).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public interface CborSerializable {}
