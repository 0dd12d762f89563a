package io.troupe.persistence;

import com.typesafe.config.Config;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The snapshot policy from {@code troupe.persistence.snapshot-every} and {@code keep-snapshots}, for an
 * {@code EventSourcedBehavior}'s {@code retentionCriteria()}. Events are never deleted on snapshot: the journal
 * stays the full record, and an unreadable snapshot can fall back to replaying it.
 */
public final class SnapshotRetention {

  public static final String SNAPSHOT_EVERY_KEY = "troupe.persistence.snapshot-every";
  public static final String KEEP_SNAPSHOTS_KEY = "troupe.persistence.keep-snapshots";

  private SnapshotRetention() {}

  /** Snapshots every N events keeping K, or none when {@code snapshot-every} is 0 or absent. */
  public static RetentionCriteria fromConfig(Config config) {
    int every = config.hasPath(SNAPSHOT_EVERY_KEY) ? config.getInt(SNAPSHOT_EVERY_KEY) : 0;
    int keep = config.hasPath(KEEP_SNAPSHOTS_KEY) ? config.getInt(KEEP_SNAPSHOTS_KEY) : 2;
    return every > 0 ? RetentionCriteria.snapshotEvery(every, keep) : RetentionCriteria.disabled();
  }
}
