package io.troupe.app.readside;

import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.troupe.app.paper.PaperEvent;
import io.troupe.app.paper.PaperSession;
import io.troupe.app.paper.SessionProjection;
import io.troupe.persistence.JdbcSettings;
import io.troupe.persistence.JournalSchema;
import io.troupe.persistence.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.projection.HandlerRecoveryStrategy;
import org.apache.pekko.projection.Projection;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.StatusObserver;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * The read side of the paper sessions: a projection of every event tagged {@value PaperSession#TAG} into
 * {@code troupe_fills} and {@code troupe_equity}, run inside an actor system whose configuration holds the journal
 * (a {@code JournalConfig} layer). Exactly once: each event's rows and the projection's offset commit in one JDBC
 * transaction, so a crash or a stop at any point neither loses nor repeats a step.
 * <pre>{@code
 * ReadSide readSide = ReadSide.start(system);   // tables and offset store created if missing
 * ...
 * readSide.caughtUp().toCompletableFuture().get();   // optional: wait until it has projected what is journaled now
 * readSide.stop().toCompletableFuture().get();
 * }</pre>
 */
public final class ReadSide implements SessionProjection {

  /**
   * The projection over all sessions in a database (`journal project`); its offset row is keyed by this name and the
   * tag. A paper session runs its own, {@link #forSession}, so sessions side by side never share an offset.
   */
  public static final ProjectionId PROJECTION_ID = ProjectionId.of("troupe-read-side", PaperSession.TAG);

  /** The projection a paper session keeps while it runs: only its own events, its own offset row. */
  static ProjectionId forSession(String session) {
    return ProjectionId.of("troupe-read-side", PaperSession.TAG + "/" + session);
  }

  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int GROUP_EVENTS = 500;
  private static final Duration GROUP_WITHIN = Duration.ofMillis(200);

  /** A group of envelopes applied one by one, on the group's one transaction. */
  private static final class EachInGroup extends JdbcHandler<List<EventEnvelope<PaperEvent>>, ReadSideSession> {
    private final JdbcHandler<EventEnvelope<PaperEvent>, ReadSideSession> each;
    /** Only this session's events (null: every session's). */
    private final String only;

    EachInGroup(JdbcHandler<EventEnvelope<PaperEvent>, ReadSideSession> each, String only) {
      this.each = each;
      this.only = only;
    }

    @Override
    public void process(ReadSideSession session, List<EventEnvelope<PaperEvent>> envelopes) throws Exception {
      for (EventEnvelope<PaperEvent> envelope : envelopes) {
        if (only == null || only.equals(envelope.persistenceId())) each.process(session, envelope);
      }
    }
  }

  private final ActorSystem<?> system;
  private final HikariDataSource pool;
  private final String offsetTable;
  private final ActorRef<Control> guard;
  private final List<Waiter> waiters = new ArrayList<>();
  private long committed;

  private final ProjectionId id;
  /** The session projected, or null for all. */
  private final String session;

  private ReadSide(ActorSystem<?> system, HikariDataSource pool, String offsetTable, Supplier<JdbcHandler<EventEnvelope<PaperEvent>, ReadSideSession>> handler,
      String session) {
    this.system = system;
    this.session = session;
    this.id = session == null ? PROJECTION_ID : forSession(session);
    this.pool = pool;
    this.offsetTable = offsetTable;
    SourceProvider<Offset, EventEnvelope<PaperEvent>> events =
        EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), PaperSession.TAG);
    Projection<EventEnvelope<PaperEvent>> projection = JdbcProjection
        // Exactly once per group: a group's rows and its last offset commit in one transaction. One transaction per
        // event could not keep up with a session at full speed (about 1,000 steps/s on PostgreSQL).
        .groupedWithin(id, events, () -> new ReadSideSession(pool), () -> new EachInGroup(handler.get(), session), system)
        .withGroup(GROUP_EVENTS, GROUP_WITHIN)
        // A failing event fails the stream, which restarts from the stored offset (pekko.projection.restart-backoff):
        // the failed transaction rolled back, so its group is applied again, once.
        .withRecoveryStrategy(HandlerRecoveryStrategy.fail())
        .withStatusObserver(new Progress());
    guard = system.systemActorOf(guard(projection), "read-side-" + INSTANCES.incrementAndGet(), Props.empty());
  }

  /**
   * Creates what is missing (journal tables, query tables, offset store) in the database of {@code system}'s journal
   * and starts projecting. Needs {@code pekko.projection.jdbc.dialect} and its dispatcher's pool size, which the
   * {@code JournalConfig} layers set.
   */
  public static ReadSide start(ActorSystem<?> system) throws SQLException {
    return start(system, StepHandler::new, null);
  }

  /** Projects only {@code session}'s events, with an offset of its own: what a paper session runs beside itself. */
  public static ReadSide startForSession(ActorSystem<?> system, String session) throws SQLException {
    return start(system, StepHandler::new, session);
  }

  static ReadSide start(ActorSystem<?> system, Supplier<JdbcHandler<EventEnvelope<PaperEvent>, ReadSideSession>> handler) throws SQLException {
    return start(system, handler, null);
  }

  static ReadSide start(ActorSystem<?> system, Supplier<JdbcHandler<EventEnvelope<PaperEvent>, ReadSideSession>> handler, String session)
      throws SQLException {
    Config config = system.settings().config();
    JdbcSettings database = JdbcSettings.fromConfig(config);
    requireDialect(config, database.dialect());
    JournalSchema.createIfMissing(database);
    ReadSideTables.createIfMissing(database);
    HikariDataSource pool = pool(database, config.getInt("pekko.projection.jdbc.blocking-jdbc-dispatcher.thread-pool-executor.fixed-pool-size"));
    try {
      JdbcProjection.createTablesIfNotExists(() -> new ReadSideSession(pool), system).toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      pool.close();
      throw new SQLException("read side: cannot create the offset store: " + e.getMessage(), e);
    }
    return new ReadSide(system, pool, offsetTable(config), handler, session);
  }

  /**
   * Completes with the projection's offset once it has committed every event journaled under the tag when this was
   * called (at once if it already has). An offset is the journal's global ordering of the event.
   */
  public CompletionStage<Long> caughtUp() {
    CompletableFuture<Long> done = new CompletableFuture<>();
    try {
      long target = lastTaggedOrdering();
      synchronized (this) {
        // Register first, then read the stored offset: progress between the two cannot be missed.
        waiters.add(new Waiter(target, done));
        settle(Math.max(committed, offset()));
      }
    } catch (SQLException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  /** The offset stored for the projection: 0 before it has stored any (journal orderings start at 1). */
  public long offset() throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement query = connection.prepareStatement("SELECT \"current_offset\" FROM " + offsetTable
            + " WHERE \"projection_name\" = ? AND \"projection_key\" = ?")) {
      query.setString(1, id.name());
      query.setString(2, id.key());
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Long.parseLong(row.getString(1)) : 0;
      } finally {
        connection.rollback();
      }
    }
  }

  /** Stops the projection between two transactions, then closes its connections. */
  public CompletionStage<Done> stop() {
    return AskPattern.<Control, Done>ask(guard, Stop::new, STOP_TIMEOUT, system.scheduler())
        .whenComplete((done, failure) -> pool.close());
  }

  /**
   * {@link #stop()}, waiting for it, without the line pekko-projection-jdbc 1.0.0 prints to stdout as a JDBC
   * projection stops (a leftover {@code println}): the command's output stays its own.
   */
  public void stopQuietly() {
    java.io.PrintStream out = System.out;
    System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    try {
      stop().toCompletableFuture().get(STOP_TIMEOUT.toSeconds() + 1, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      // Stopping is best effort: the offsets already committed are exact, and the next start resumes from them.
    } finally {
      System.setOut(out);
    }
  }

  /** The journal ordering of the last tagged event this projection must see: its session's, or any session's. */
  private long lastTaggedOrdering() throws SQLException {
    String sql = session == null
        ? "SELECT COALESCE(MAX(event_id), 0) FROM event_tag WHERE tag = ?"
        : "SELECT COALESCE(MAX(t.event_id), 0) FROM event_tag t JOIN event_journal j ON j.\"ordering\" = t.event_id"
            + " WHERE t.tag = ? AND j.persistence_id = ?";
    try (Connection connection = pool.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, PaperSession.TAG);
      if (session != null) query.setString(2, session);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      } finally {
        connection.rollback();
      }
    }
  }


  private synchronized void settle(long offset) {
    committed = Math.max(committed, offset);
    waiters.removeIf(w -> {
      if (committed < w.target()) return false;
      w.done().complete(committed);
      return true;
    });
  }

  private record Waiter(long target, CompletableFuture<Long> done) {}

  /** Told after each event's transaction committed. */
  private final class Progress extends StatusObserver<EventEnvelope<PaperEvent>> {
    @Override
    public void offsetProgress(ProjectionId id, EventEnvelope<PaperEvent> envelope) {
      if (envelope.offset() instanceof Sequence s) settle(s.value());
    }

    @Override public void started(ProjectionId id) {}
    @Override public void failed(ProjectionId id, Throwable cause) {}
    @Override public void stopped(ProjectionId id) {}
    @Override public void beforeProcess(ProjectionId id, EventEnvelope<PaperEvent> envelope) {}
    @Override public void afterProcess(ProjectionId id, EventEnvelope<PaperEvent> envelope) {}
    @Override public void error(ProjectionId id, EventEnvelope<PaperEvent> envelope, Throwable cause, HandlerRecoveryStrategy strategy) {}
  }

  private interface Control {}

  private record Stop(ActorRef<Done> replyTo) implements Control {}

  /** Owns the projection's actor so that a stop can be answered once it has terminated. */
  private static Behavior<Control> guard(Projection<EventEnvelope<PaperEvent>> projection) {
    return Behaviors.setup(ctx -> {
      ActorRef<ProjectionBehavior.Command> running = ctx.spawn(ProjectionBehavior.create(projection), "projection");
      ctx.watch(running);
      return Behaviors.receive(Control.class)
          .onMessage(Stop.class, stop -> {
            running.tell(ProjectionBehavior.stopMessage());
            return Behaviors.receive(Control.class)
                .onSignal(Terminated.class, t -> {
                  stop.replyTo().tell(Done.getInstance());
                  return Behaviors.stopped();
                })
                .build();
          })
          .build();
    });
  }

  private static HikariDataSource pool(JdbcSettings database, int size) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("troupe-read-side");
    hikari.setJdbcUrl(database.url());
    hikari.setUsername(database.user());
    hikari.setPassword(database.password());
    hikari.setMaximumPoolSize(size);
    hikari.setAutoCommit(false);
    return new HikariDataSource(hikari);
  }

  private static void requireDialect(Config config, SqlDialect dialect) {
    String expected = dialect == SqlDialect.POSTGRES ? "postgres-dialect" : "h2-dialect";
    String configured = config.getString("pekko.projection.jdbc.dialect");
    if (!configured.equals(expected)) {
      throw new IllegalStateException("read side: pekko.projection.jdbc.dialect is '" + configured + "', the journal needs '"
          + expected + "' (the JournalConfig layers set it)");
    }
  }

  private static String offsetTable(Config config) {
    String schema = config.getString("pekko.projection.jdbc.offset-store.schema");
    String table = "\"" + config.getString("pekko.projection.jdbc.offset-store.table") + "\"";
    return schema.isEmpty() ? table : "\"" + schema + "\"." + table;
  }
}
