package io.troupe.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Online compaction of an H2 journal file, for a session that commits every write ({@code WRITE_DELAY=0}).
 *
 * <p>Why it is needed: H2's MVStore appends every commit as a new chunk. A chunk soon holds little live data (the next
 * commit rewrites the same B-tree pages), but the rows it added keep it alive, so it is never freed. H2 rewrites such
 * chunks from its background writer, and {@code WRITE_DELAY=0} (which a write-ahead journal needs: every acknowledged
 * write is in the file before the next step) stops that thread. {@link #compact} does that thread's rewrite on demand:
 * the live pages of chunks below the fill rate are written again with the next commit, so the old chunks hold nothing
 * and H2 reuses their space once its retention time has passed. Nothing else changes: commits still go to the file
 * one by one, the retention time (which keeps recently freed chunks readable) is left as configured, and the file is
 * never truncated or moved, so a kill during or after a compaction leaves the last commit readable as before.
 *
 * <p>It runs on a connection of the journal plugin's own pool, so no connection of ours is held beside the plugin's.
 * It reaches H2's {@code MVStore} through the embedded session (public classes of H2's engine, pinned with the H2
 * version; {@code H2CompactionTest} fails if they change).
 */
public final class H2Compaction {

  /** What one compaction did, for logs and tests. */
  public record Result(boolean rewrote, int fillRateBefore, int chunksFillRateBefore, long fileBytes) {}

  private H2Compaction() {}

  /**
   * Compacts the H2 file behind this connection; null when it is not an embedded H2 file database.
   *
   * @param fillRate chunks whose live share is below this percentage are rewritten (H2's own default is 90)
   * @param writeBytes about how many live bytes one call rewrites at most
   */
  public static Result compact(Connection connection, int fillRate, int writeBytes) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)) return null;
    if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) return null;
    var store = session.getDatabase().getStore();
    if (store == null || store.getMvStore().getFileStore() == null) return null;
    MVStore mv = store.getMvStore();
    int fileFill = mv.getFillRate();
    int chunksFill = mv.getFileStore().getChunksFillRate();
    boolean rewrote = mv.compact(fillRate, writeBytes);
    return new Result(rewrote, fileFill, chunksFill, mv.getFileStore().size());
  }
}
