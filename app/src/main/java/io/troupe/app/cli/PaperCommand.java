package io.troupe.app.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.model.InvalidInputException;
import io.troupe.app.backtest.BacktestOutput;
import io.troupe.app.backtest.BacktestSettings;
import io.troupe.app.cluster.ClusterMember;
import io.troupe.app.cluster.ClusterRunHost;
import io.troupe.app.alerts.AlertSettings;
import io.troupe.app.alerts.SessionAlerts;
import io.troupe.app.metrics.MetricsRoute;
import io.troupe.app.metrics.SessionMetrics;
import io.troupe.app.http.ApiTokens;
import io.troupe.app.http.HttpAddress;
import io.troupe.app.http.OperatorApi;
import io.troupe.app.paper.GracefulStop;
import io.troupe.app.paper.SessionObserver;
import io.troupe.app.paper.JournalConnectionListener;
import io.troupe.app.paper.PaperRunner;
import io.troupe.app.paper.PaperSession;
import io.troupe.market.ReadOptions;
import io.troupe.persistence.JdbcSettings;
import io.troupe.app.paper.SessionLease;
import io.troupe.app.paper.SessionManifest;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalSchema;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code troupe paper}: recorded bars replayed in scaled real time through the trading actors and the simulated
 * exchange, journaled ahead of every step so a killed session resumes where it stopped. Takes every option of
 * {@code backtest}.
 */
@Command(
    name = "paper",
    mixinStandardHelpOptions = true,
    footer = {"%nExamples:", "  troupe paper --speed 60 --state state/btc --out runs/paper-btc", "  troupe paper --speed max --state state/btc   (run it again to resume)",
        "  troupe paper --feed binance:BTCUSDT,ETHUSDT --timeframe 1m --state state/live   (live bars, docs/venues.md)",
        "  troupe paper --cluster --bind 127.0.0.1:25522 --seed 127.0.0.1:25520 --desk-members 2 --set troupe.persistence.backend=postgres (docs/cluster.md)"},
    sortOptions = false,
    description = {
      "Paper-trade recorded bars through the trading actors and the simulated exchange, in real time scaled by --speed,",
      "journaling every step (H2 under --state, or PostgreSQL with --set troupe.persistence.backend=postgres or",
      "TROUPE_JOURNAL=postgres). Run the same command again to resume a stopped session. At the end of the data, writes",
      "the backtest's files into --out (default: a new folder per run, runs/TIME-paper-SESSION, with runs/latest pointing at it)."
    })
public class PaperCommand extends BacktestCommand {

  @Option(names = "--speed", paramLabel = "N|max", defaultValue = "1",
      description = "Event time over wall time: a 1m bar takes 60/N s; max runs as fast as possible (default: ${DEFAULT-VALUE}).")
  String speed;

  @Option(names = "--feed", paramLabel = "VENUE:SYMBOL[,SYMBOL...]",
      description = "Trade on a venue's live bars instead of files: binance:BTCUSDT,ETHUSDT with --timeframe 1m; each bar recorded under the"
          + " state folder and journaled; a new session warms up on the venue's recent history (troupe.paper.feed.warm-up-bars, or from --from);"
          + " ends at --to, else runs until stopped (docs/venues.md).")
  String feed;

  @Option(names = "--accept-rollback",
      description = "Resume a journal found behind its manifest (steps lost to damage or a rollback), going on from the journal as it is; journaled.")
  boolean acceptRollback;

  @Option(names = "--state", paramLabel = "DIR", description = "Folder of the session's H2 journal (required unless the journal is PostgreSQL).")
  Path state;

  @Option(names = "--session", paramLabel = "ID", defaultValue = PaperSession.DEFAULT_ID,
      description = "The session's persistence id, to keep several sessions in one PostgreSQL database (default: ${DEFAULT-VALUE}).")
  String session;

  @Option(names = "--progress-every", paramLabel = "STEPS", defaultValue = "1000",
      description = "A progress line on standard error every this many live steps; 0 for none (default: ${DEFAULT-VALUE}).")
  int progressEvery;

  /** The metrics had a server of their own once; now the API serves them. Hidden, kept to refuse it with a pointer. */
  @Option(names = "--metrics", paramLabel = "HOST:PORT", hidden = true, arity = "0..1", fallbackValue = "")
  String metricsAddress;

  @Option(names = "--http", paramLabel = "HOST:PORT|off",
      description = "Serve the operator's API and its dashboard (at /) there (port 0: any free one, printed at start), or off (default: troupe.http.address, 127.0.0.1:8686).")
  String http;

  @Option(names = "--tokens", paramLabel = "FILE",
      description = "The API's bearer tokens, one 'name role secret' a line, role viewer or operator (default: TROUPE_TOKENS_FILE; none: read-only on localhost).")
  Path tokens;

  /** The environment variable naming the tokens file when --tokens is not given. */
  static final String TOKENS_ENV = "TROUPE_TOKENS_FILE";

  @Override
  public Integer call() throws Exception {
    // Every option is checked before anything touches the disk: a refused option leaves no journal behind.
    double pace = speed(speed);
    if (feed != null) {
      // The market sets the pace: a bar is traded when it closes.
      if (spec.commandLine().getParseResult().hasMatchedOption("--speed")) {
        throw new InvalidInputException("--speed: a session on a live feed trades each bar as it closes; drop --speed (or trade recorded bars with --data)");
      }
      if (data != null) throw new InvalidInputException("--feed and --data: a session trades on a live feed or on files, not both");
      if (cluster) throw new InvalidInputException("--feed with --cluster: a clustered session on a live feed is not supported yet; drop --cluster");
      pace = Double.POSITIVE_INFINITY;
    }
    if (compareBare) {
      throw new InvalidInputException("--compare-bare: paper runs one session; run backtest --compare-bare on the same data to see the bare twin"
          + " (--bare itself works in paper)");
    }
    if (progressEvery < 0) throw new InvalidInputException("--progress-every must be >= 0, got " + progressEvery);
    if (metricsAddress != null) {
      throw new InvalidInputException("--metrics: there is no metrics server of its own any more: the API serves GET /metrics beside /api/v1"
          + " (--http HOST:PORT, default 127.0.0.1:8686; with tokens, read with a viewer's token); drop --metrics");
    }
    OutputPaths.checkFolder(out, "--out");
    if (state != null && Files.exists(state) && !Files.isDirectory(state)) {
      throw new InvalidInputException("--state " + state + ": is a file, not a folder");
    }
    checkClusterOptions();
    if (plugins != null) StrategyPlugins.load(plugins);
    Config config = resolveConfig();
    io.troupe.app.live.LiveVenue venue = liveVenue(config);
    io.troupe.app.marketdata.LiveBarFeed liveFeed = feed == null ? null : io.troupe.app.marketdata.FeedOption.parse(feed, timeframe, config, feedMarket());
    // A real venue's grid (tick, lot, minimum notional) and quote currency are its own: read from it before anything runs.
    // A paper session on a feed trades on the feed venue's, as a live session there would; its recording keeps them.
    if (liveFeed != null) {
      try {
        java.util.Map<String, io.troupe.model.Instrument> terms = venue == null ? liveFeed.venueInstruments(config) : venue.venueInstruments(config, liveFeed.symbols());
        if (!terms.isEmpty()) {
          config = io.troupe.app.config.InstrumentTerms.over(config, terms);
          liveFeed = liveFeed.withInstruments(terms);
        }
      } catch (io.troupe.app.marketdata.BinanceTerms.Unreachable e) {
        throw new io.troupe.app.paper.PaperFailure(venue == null ? "paper: " + e.getMessage() + "; nothing was run" : "live: " + e.getMessage() + "; nothing was sent", e);
      }
    }
    boolean newRun = out == null;
    Path outDir = newRun ? OutputPaths.newRun(OutputPaths.RUNS, "paper-" + session, java.time.Instant.now()) : out;
    BacktestSettings settings = BacktestSettings.fromConfig(config, home(), time(from, "--from"), time(to, "--to"));
    // Checked before anything is bound or written: its keys, its key variables, its cache file.
    io.troupe.app.adviser.AdviserSetup adviser = io.troupe.app.adviser.AdviserSetup.forPaper(config, System.getenv());
    if (adviser != null && cluster) throw new InvalidInputException("troupe.adviser: not with --cluster (the adviser runs in a one-process paper session)");
    Config journal = journal(config);
    PrintWriter err = spec.commandLine().getErr();
    if (venue != null) {
      // A live session's lines say so (the session's code is paper's); its failure's line too, printed through the same writer.
      err = LiveLines.over(err);
      spec.commandLine().setErr(err);
    }
    PrintWriter log = quiet ? new PrintWriter(java.io.Writer.nullWriter()) : err;
    // On a live feed event time is wall time: a stall is the bars' own intervals of silence.
    SessionObservers observers = observers(config, journal, log, liveFeed == null ? pace : 1, liveFeed == null ? Long.MAX_VALUE : liveFeed.timeframe().millis());
    GracefulStop stop = GracefulStop.onSignals();
    // The operator's API, which serves the metrics too, is bound before anything is written: a port in use is refused
    // with nothing on disk.
    try (OperatorApi api = startApi(config, err, observers)) {
      ClusterRunHost host = cluster ? clusterHost(config, home(), false) : null;
      if (host != null) {
        // On a cluster the session runs where the account singleton does; another account member's stands by until then.
        org.apache.pekko.actor.typed.ActorSystem<Void> member = host.start(PaperRunner.systemConfig(config, journal));
        if (!host.awaitLead(stop.whenRequested(), () -> io.troupe.app.paper.PaperRunner.warmUp(member, session))) {
          ClusterMember.shutdown(member);
          err.println("paper: stopped while standing by for session '" + session + "'; nothing was written");
          err.flush();
          return TroupeCli.EXIT_STOPPED;
        }
      }
      // One writer per session: the lease is taken before the first write and held until the session's files are out.
      try (SessionLease lease = SessionLease.acquire(JdbcSettings.fromConfig(journal), session, state)) {
        return run(config, settings, journal, err, log, outDir, pace, stop, newRun, observers, lease, api, host, liveFeed, adviser, venue);
      }
    } finally {
      stop.close(); // after the lease is released and the stop line printed: a signal's exit may go ahead
    }
  }

  /**
   * The real venue a session sends its orders to ({@code troupe live}); null for paper, which trades on the simulated
   * exchange. Called once the configuration is read, before anything touches the disk: a refusal leaves nothing behind.
   */
  io.troupe.app.live.LiveVenue liveVenue(Config config) {
    return null;
  }

  /** Which of Binance's markets a {@code --feed binance:...} reads: spot's, unless a live session trades futures. */
  io.troupe.gateway.binance.BinanceMarket feedMarket() {
    return io.troupe.gateway.binance.BinanceMarket.SPOT;
  }

  /** The operator's API, or null when it is off. */
  private OperatorApi startApi(Config config, PrintWriter err, SessionObservers observers) {
    HttpAddress address = http != null ? HttpAddress.parse(http, "--http") : HttpAddress.parse(config.getString("troupe.http.address"), "troupe.http.address");
    if (address == null) return null;
    String option = http != null ? "--http" : "troupe.http.address";
    Path file = tokens;
    if (file == null) {
      String env = System.getenv(TOKENS_ENV);
      if (env != null && !env.isBlank()) file = Path.of(env.strip());
    }
    ApiTokens known = file == null ? ApiTokens.none() : ApiTokens.read(file, err);
    // GET /metrics beside the API, behind its tokens.
    List<org.apache.pekko.http.javadsl.server.Route> extra = observers.metrics() == null ? List.of() : List.of(MetricsRoute.route(observers.metrics()));
    return OperatorApi.start(address, option, known, config, err, extra);
  }

  /** The observers of a paper session: its metrics (with troupe.metrics.enabled) and its alerts. */
  /** {@code barMillis}: the bar interval where it is known (a live feed's timeframe), else Long.MAX_VALUE. */
  private SessionObservers observers(Config config, Config journal, PrintWriter log, double pace, long barMillis) {
    Path folder = state != null ? state : stateDir(config);
    AlertSettings alertSettings = AlertSettings.fromConfig(config);
    SessionAlerts alerts = new SessionAlerts(session, alertSettings,
        alertSettings.webhooks().isEmpty() ? null : SessionAlerts.outboxFile(folder, session), pace, barMillis, log);
    SessionMetrics metrics = null;
    if (config.getBoolean("troupe.metrics.enabled")) {
      JdbcSettings db = JdbcSettings.fromConfig(journal);
      SessionMetrics.ProjectedSteps projected = null;
      if (config.getBoolean("troupe.paper.read-side")) {
        io.troupe.app.readside.ReadSideProgress progress = new io.troupe.app.readside.ReadSideProgress(db, session);
        projected = new SessionMetrics.ProjectedSteps() {
          @Override
          public long lastProjectedStep() throws Exception {
            return progress.lastProjectedStep();
          }

          @Override
          public void close() {
            progress.close();
          }
        };
      }
      metrics = new SessionMetrics(session, projected);
    }
    return new SessionObservers(metrics, alerts);
  }

  /** The warnings, and an alert when the journal's connection is lost (the session then waits, no step running). */
  private JournalConnectionListener alertingOnLoss(SessionAlerts alerts) {
    return new JournalConnectionListener() {
      @Override
      public void lost(String s, io.troupe.app.paper.JournalFault fault, java.time.Duration reconnectFor) {
        JournalConnectionListener.WARNINGS.lost(s, fault, reconnectFor);
        alerts.raise(io.troupe.app.alerts.AlertRules.journalConnectionLost(s, String.valueOf(fault.cause()), reconnectFor, java.time.Instant.now()));
      }

      @Override
      public void restored(String s, java.time.Duration down, int attempts) {
        JournalConnectionListener.WARNINGS.restored(s, down, attempts);
      }

      @Override
      public void gaveUp(String s, io.troupe.app.paper.JournalFault fault, java.time.Duration tried, int attempts) {
        JournalConnectionListener.WARNINGS.gaveUp(s, fault, tried, attempts);
      }
    };
  }

  private record SessionObservers(SessionMetrics metrics, SessionAlerts alerts) {
    SessionObserver all() {
      return metrics == null ? alerts : SessionObserver.all(List.of(metrics, alerts));
    }
  }

  private Integer run(Config config, BacktestSettings settings, Config journal, PrintWriter err, PrintWriter log, Path outDir, double pace,
      GracefulStop stop, boolean newRun, SessionObservers observers, SessionLease lease, OperatorApi api, ClusterRunHost host,
      io.troupe.app.marketdata.LiveBarFeed liveFeed, io.troupe.app.adviser.AdviserSetup adviser, io.troupe.app.live.LiveVenue venue) throws Exception {
    Path manifestFolder = state != null ? state : stateDir(config);
    if (!acceptRollback) requireJournalOfManifest(journal, SessionManifest.file(manifestFolder, session));
    try {
      JournalSchema.createIfMissing(journal);
    } catch (SQLException e) {
      throw new InvalidInputException("paper: " + JournalConfig.describe(journal) + ": " + e.getMessage(), e);
    }
    if (!quiet) {
      err.println("paper: session '" + session + "' on the " + JournalConfig.describe(journal));
      err.flush();
    }
    PaperRunner runner = new PaperRunner(settings, config, journal, ReadOptions.of(onBadRow, config), timeframe, pace, session,
        quiet ? 0 : progressEvery, log, system -> io.troupe.app.readside.ReadSide.startForSession(system, session))
        // The manifest lives outside the journal database: beside the H2 file, or in troupe.state-dir for PostgreSQL.
        .withManifest(manifestFolder, acceptRollback)
        .withObserver(api == null ? observers.all() : SessionObserver.all(List.of(observers.all(), api.observer())))
        // The PostgreSQL lease goes with a lost connection: taken again before the session writes after a reconnect.
        .withJournalConnection(lease::ensureHeld, alertingOnLoss(observers.alerts()));
    if (api != null) {
      runner.withControls(api.controls());
      api.watchData(observers.alerts()::stalledMillis);
    }
    if (liveFeed != null) {
      runner.withFeed(liveFeed, PaperRunner.recordingFolder(manifestFolder, session), config.getInt("troupe.paper.feed.warm-up-bars"));
    }
    if (venue != null) runner.withVenue(venue, io.troupe.app.live.UnknownOrders.fromConfig(config)).withBalanceTolerance(config.getDouble("troupe.venue.balance-tolerance"));
    if (host != null) runner.withHost(host);
    runner.withAdviser(adviser);
    PaperRunner.Outcome outcome;
    // On H2, other processes (troupe journal ...) read the journal through this one while it runs.
    try (io.troupe.persistence.H2JournalServer served = h2(journal) ? io.troupe.persistence.H2JournalServer.start(state) : null) {
      outcome = runner.withStop(stop).run();
    }
    if (outcome.stopped()) {
      // One line, on purpose even under --quiet: the operator must know the session is not over.
      err.println("paper: stopped at step " + outcome.stoppedAfter() + (outcome.totalSteps() < 0 ? " on the live feed" : " of " + outcome.totalSteps())
          + "; run the same command to resume");
      err.flush();
      return TroupeCli.EXIT_STOPPED;
    }
    SkippedRows.report(err, outcome.result().reads());
    if (h2(journal)) compact(JdbcSettings.fromConfig(journal));

    OutputPaths.createFolder(outDir, "--out");
    String summary = BacktestOutput.write(outDir, outcome.result());
    if (newRun) OutputPaths.pointLatest(outDir);
    if (!quiet) {
      PrintWriter o = spec.commandLine().getOut();
      o.print(summary);
      o.printf("%-22s journal read in %.2f s, %d steps replayed in %.2f s, %d live in %.2f s (%.0f bars/s)%n", "paper", outcome.recoverySeconds(),
          outcome.replayedSteps(), outcome.replaySeconds(),
          outcome.liveSteps(), outcome.liveSeconds(), outcome.liveBars() / Math.max(1e-9, outcome.liveSeconds()));
      o.println("output: " + outDir.toAbsolutePath().normalize());
      o.flush();
    }
    return TroupeCli.EXIT_OK;
  }

  /**
   * Before anything writes to the journal: a session whose manifest records completed steps must find a journal that
   * opens and holds its events. A damaged H2 file may open as an empty database, on which creating the tables would
   * start a new session over the old one; so the check reads, read-only, and refuses with exit 2, changing nothing.
   * A journal that holds fewer steps than the manifest is caught next, by the runner, which names the missing steps.
   */
  private void requireJournalOfManifest(Config journal, Path manifestFile) {
    SessionManifest manifest = SessionManifest.read(manifestFile);
    if (manifest == null || manifest.completedSteps() == 0) return;
    String refused = ". Nothing was changed; to go on from the journal as it is, run again with --accept-rollback";
    JdbcSettings db = JdbcSettings.fromConfig(journal);
    boolean h2 = db.url().startsWith("jdbc:h2:");
    Path h2File = h2 ? state.resolve("journal.mv.db") : null;
    if (h2 && !Files.isRegularFile(h2File)) {
      throw new InvalidInputException("session '" + session + "': the journal is empty (" + h2File + " is missing), but " + manifest.shortfall(0, manifestFile) + refused);
    }
    JdbcSettings readOnly = h2 ? new JdbcSettings(db.url() + ";ACCESS_MODE_DATA=r", db.user(), db.password()) : db;
    long journaled;
    try (io.troupe.persistence.JournalInspector j = io.troupe.persistence.JournalInspector.open(readOnly)) {
      journaled = 0;
      if (j.hasEvents(session)) {
        // Each step ends with its StepCompleted: the newest few events hold the last, unless the session never completed one.
        journaled = SessionManifest.lastCompletedStep(j.lastEvents(session, 64));
        if (journaled < 0) {
          java.util.List<io.troupe.persistence.JournalEvent> all = new java.util.ArrayList<>(j.events(session));
          java.util.Collections.reverse(all);
          journaled = Math.max(0, SessionManifest.lastCompletedStep(all));
        }
      }
    } catch (SQLException | RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      int nl = message.indexOf('\n');
      String cause = message.contains("read-only") ? "it is damaged: H2 cannot open it without rewriting it" : nl < 0 ? message : message.substring(0, nl);
      throw new InvalidInputException("session '" + session + "': the journal " + (h2 ? h2File : JournalConfig.describe(journal)) + " does not open ("
          + cause + "), and " + manifest.shortfall(0, manifestFile) + refused, e);
    }
    if (journaled < manifest.completedSteps()) {
      String what = journaled == 0 ? "the journal is empty" : "the journal holds " + journaled + " completed steps";
      throw new InvalidInputException("session '" + session + "': " + what + ", but " + manifest.shortfall(journaled, manifestFile) + refused);
    }
  }

  private boolean h2(Config journal) {
    return state != null && JdbcSettings.fromConfig(journal).url().startsWith("jdbc:h2:");
  }

  /** The folder of local state when the journal is elsewhere: troupe.state-dir, else TROUPE_STATE_DIR, else state. */
  private static Path stateDir(Config config) {
    if (config.hasPath("troupe.state-dir")) return Path.of(config.getString("troupe.state-dir"));
    String env = System.getenv("TROUPE_STATE_DIR");
    return Path.of(env == null || env.isBlank() ? "state" : env);
  }

  /** H2 under --state unless PostgreSQL is asked for (by --set troupe.persistence.backend or TROUPE_JOURNAL). */
  private Config journal(Config config) {
    String env = System.getenv(JournalConfig.BACKEND_ENV);
    String backend = config.hasPath(JournalConfig.BACKEND_KEY) ? config.getString(JournalConfig.BACKEND_KEY) : env == null || env.isBlank() ? "h2" : env;
    switch (backend.trim().toLowerCase()) {
      case "h2":
        if (cluster) {
          // The account singleton may run on another account member: its journal must be one every member reaches.
          throw new InvalidInputException("--cluster: the journal is H2, which serves one process only; a clustered session's account group is"
              + " event-sourced on PostgreSQL: add --set troupe.persistence.backend=postgres (or set TROUPE_JOURNAL=postgres) and TROUPE_PG_URL (docs/cluster.md)");
        }
        if (state == null) throw new InvalidInputException("paper: give --state DIR for the H2 journal");
        Config h2 = JournalConfig.h2(state);
        // Written ahead of each step, so a write acknowledged must survive a kill: by default H2 commits to the file
        // from a background writer up to a second later, and a SIGKILL loses those steps (measured).
        String url = JdbcSettings.CONFIG_PATH + ".url";
        // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database under a step a signal lets finish.
        // RETENTION_TIME: see troupe.paper.h2 (JournalHousekeeping forces the file to disk often enough for it).
        return ConfigFactory.parseMap(Map.of(url, h2.getString(url) + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;RETENTION_TIME=" + h2Retention(config).toMillis()))
            .withFallback(h2);
      case "postgres":
      case "postgresql":
        return JournalConfig.postgresFromEnvironment();
      default:
        throw new InvalidInputException("troupe.persistence.backend: '" + backend + "' is not one of h2, postgres");
    }
  }

  /** troupe.paper.h2.retention, checked against troupe.paper.h2.sync-every: H2's premise holds only if syncs are more often. */
  static java.time.Duration h2Retention(Config config) {
    java.time.Duration sync = config.getDuration("troupe.paper.h2.sync-every");
    java.time.Duration retention = config.getDuration("troupe.paper.h2.retention");
    if (sync.isZero()) throw new InvalidInputException("troupe.paper.h2.sync-every: must be longer than 0, got " + config.getValue("troupe.paper.h2.sync-every").render());
    if (retention.compareTo(sync.multipliedBy(5)) < 0) {
      throw new InvalidInputException("troupe.paper.h2.retention: must be at least 5 x troupe.paper.h2.sync-every (" + sync.multipliedBy(5).toMillis()
          + " ms), got " + retention.toMillis() + " ms: H2 would reuse space the file system may not have written yet");
    }
    return retention;
  }

  /**
   * WRITE_DELAY=0 also stops H2's background writer, which is what compacts the file as it goes: a month at full speed
   * left a 1.4 GB file holding 65 MB of data. Once the session is over (its actor system and pools are closed),
   * SHUTDOWN COMPACT rewrites the live data into a fresh file. Best effort: the journal is whole either way.
   */
  private void compact(JdbcSettings h2) {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(h2.url(), h2.user(), h2.password());
        java.sql.Statement s = c.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
    } catch (java.sql.SQLException e) {
      spec.commandLine().getErr().println("paper: the journal file was not compacted: " + e.getMessage());
    }
  }

  static double speed(String text) {
    if (text.equalsIgnoreCase("max")) return Double.POSITIVE_INFINITY;
    try {
      double v = Double.parseDouble(text);
      if (v > 0 && Double.isFinite(v)) return v;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new InvalidInputException("--speed: '" + text + "' is not a positive number or max");
  }
}
