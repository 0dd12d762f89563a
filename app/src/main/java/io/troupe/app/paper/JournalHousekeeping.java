package io.troupe.app.paper;

import com.typesafe.config.Config;
import io.troupe.persistence.H2Compaction;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.persistence.jdbc.db.SlickExtension;
import org.apache.pekko.persistence.jdbc.db.SlickExtensionImpl;

/**
 * Keeps a live session's H2 journal file from growing with every commit (see {@link H2Compaction} for why it does).
 *
 * <ul>
 *   <li>Between two steps, every {@code troupe.paper.h2.compact-every} live steps, the live data of the file's sparse
 *       chunks is rewritten, so those chunks empty and H2 reuses their space.
 *   <li>H2 reuses a freed chunk's space only once the chunk is older than its retention time, on the premise that the
 *       file system has written it by then; its default, 45 s, is 45 s of writes kept as garbage (about 1 GB at
 *       {@code --speed max}). So the session forces the file to disk itself ({@code CHECKPOINT SYNC}) every
 *       {@code troupe.paper.h2.sync-every}, whoever wrote (the session, the read side), and sets the retention to
 *       {@code troupe.paper.h2.retention}, several sync intervals: the premise then holds by construction, with a
 *       quarter of the garbage (10 s of writes instead of 45 s). Each commit still reaches the file before the next
 *       step, as before.
 * </ul>
 *
 * Both go through a connection borrowed from the journal plugin's own pool and returned at once: no connection of ours
 * is kept open beside the plugin's. On PostgreSQL there is nothing to do. A failure is reported once and that part
 * stops: the journal stays whole, only larger (or forced to disk less often, as before this existed).
 */
final class JournalHousekeeping implements AutoCloseable {

  /** H2's own threshold for its background compaction: chunks less than 90% live are rewritten. */
  static final int FILL_RATE = 90;
  /** At most this many live bytes rewritten per call (far more than {@code compact-every} steps leave behind). */
  static final int WRITE_BYTES = 16 << 20;

  private final ActorSystem<?> system;
  private final PrintWriter log;
  private final int compactEvery;
  private final Cancellable sync;
  private volatile boolean syncFailed;
  private volatile boolean closed;
  private boolean compactFailed;

  private JournalHousekeeping(ActorSystem<?> system, PrintWriter log, int compactEvery, Duration syncEvery) {
    this.system = system;
    this.log = log;
    this.compactEvery = compactEvery;
    this.sync = syncEvery == null ? null
        : system.scheduler().scheduleWithFixedDelay(syncEvery, syncEvery, this::sync, system.dispatchers().lookup(DispatcherSelector.blocking()));
  }

  /** Starts the housekeeping of the system's journal: for H2 as configured under troupe.paper.h2, else none. */
  static JournalHousekeeping start(ActorSystem<?> system, Config journal, Config config, PrintWriter log) {
    if (!isH2(journal)) return new JournalHousekeeping(system, log, 0, null);
    return new JournalHousekeeping(system, log, config.getInt("troupe.paper.h2.compact-every"), config.getDuration("troupe.paper.h2.sync-every"));
  }

  static boolean isH2(Config journal) {
    String profile = "pekko-persistence-jdbc.shared-databases.slick.profile";
    return journal.hasPath(profile) && journal.getString(profile).contains("H2Profile");
  }

  /** After live step {@code step}, between two steps: compacts every compact-every steps. */
  void afterStep(long step) {
    if (compactEvery <= 0 || compactFailed || step % compactEvery != 0) return;
    try (Connection c = pool().createConnection()) {
      H2Compaction.compact(c, FILL_RATE, WRITE_BYTES);
    } catch (SQLException | RuntimeException e) {
      compactFailed = true;
      report("the journal file is no longer compacted while the session runs: " + e.getMessage());
    }
  }

  private void sync() {
    if (syncFailed) return;
    try (Connection c = pool().createConnection(); Statement s = c.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    } catch (SQLException | RuntimeException e) {
      syncFailed = true;
      if (!closed) report("the journal file is no longer forced to disk every troupe.paper.h2.sync-every: " + e.getMessage());
    }
  }

  private slick.jdbc.JdbcDataSource pool() {
    SlickExtensionImpl slick = (SlickExtensionImpl) SlickExtension.get(system);
    return slick.database(system.settings().config().getConfig("jdbc-journal")).database().source();
  }

  private void report(String line) {
    synchronized (log) {
      log.println("paper: " + line);
      log.flush();
    }
  }

  @Override
  public void close() {
    closed = true;
    if (sync != null) sync.cancel();
  }
}
