package io.troupe.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import io.troupe.model.InvalidInputException;
import io.troupe.app.paper.JournalVerification;
import io.troupe.app.paper.PaperSession;
import io.troupe.app.paper.SessionManifest;
import io.troupe.app.readside.ReadSideQueries;
import io.troupe.app.report.AtomicFiles;
import io.troupe.persistence.JdbcSettings;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalEvent;
import io.troupe.persistence.JournalInspector;
import io.troupe.persistence.H2JournalServer;
import io.troupe.persistence.PersistenceIdSummary;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code troupe journal}: look into an event journal (an H2 state folder, or PostgreSQL) without starting any agent. */
@Command(name = "journal", mixinStandardHelpOptions = true,
    footer = {"%nExamples:", "  troupe journal list --state state/btc", "  troupe journal verify --state state/btc", "  troupe journal export --postgres --out events.jsonl   (TROUPE_PG_URL, TROUPE_PG_USER, TROUPE_PG_PASSWORD)"},
    description = "Inspect an event journal: list entities, show an entity's events, export everything as JSON lines, verify a paper session;"
        + " project paper sessions into the read side's tables and print their trades and equity.",
    subcommands = {JournalCommand.ListEntities.class, JournalCommand.Show.class, JournalCommand.Export.class, JournalCommand.Verify.class,
      ReadSideCommands.Project.class, ReadSideCommands.Trades.class, ReadSideCommands.Equity.class})
final class JournalCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Which journal: {@code --state DIR} (embedded H2) or {@code --postgres} (TROUPE_PG_URL, TROUPE_PG_USER, TROUPE_PG_PASSWORD). */
  static final class Where {
    @Option(names = "--state", paramLabel = "DIR", description = "A state folder holding an H2 journal.")
    Path state;

    @Option(names = "--postgres", description = "The PostgreSQL journal named by TROUPE_PG_URL, TROUPE_PG_USER, TROUPE_PG_PASSWORD.")
    boolean postgres;

    JournalInspector open() {
      return open(config());
    }

    /**
     * For tools that only read: an H2 file is opened read-only (ACCESS_MODE_DATA=r), so looking at a damaged journal
     * never writes to it (a read-write open may roll it back to its last good chunk and write that).
     */
    JournalInspector openReadOnly() {
      Config config = config();
      if (state == null || running()) return open(config);
      String url = JdbcSettings.CONFIG_PATH + ".url";
      return open(com.typesafe.config.ConfigFactory.parseMap(java.util.Map.of(url, config.getString(url) + ";ACCESS_MODE_DATA=r")).withFallback(config));
    }

    private static JournalInspector open(Config config) {
      try {
        return JournalInspector.open(config);
      } catch (SQLException e) {
        throw new InvalidInputException("journal " + JournalConfig.describe(config) + ": " + e.getMessage(), e);
      }
    }

    /** The journal layer named by the options, after checking an H2 journal is there. */
    Config config() {
      if (postgres == (state != null)) throw new InvalidInputException("journal: give either --state DIR or --postgres");
      if (postgres) return JournalConfig.postgresFromEnvironment();
      // Opening an H2 URL creates an empty database; a missing journal is an input error, not an empty one.
      if (!Files.isRegularFile(state.resolve("journal.mv.db"))) throw new InvalidInputException(state + ": no journal here (journal.mv.db)");
      Config h2 = JournalConfig.h2(state);
      // A session running on it serves it: read through that process (the file opens in one process only).
      String running = H2JournalServer.runningUrl(state);
      return running == null ? h2 : com.typesafe.config.ConfigFactory.parseMap(java.util.Map.of(JdbcSettings.CONFIG_PATH + ".url", running)).withFallback(h2);
    }

    /** True when a running session serves the journal: it is open, so it can be neither opened read-only nor changed. */
    boolean running() {
      return state != null && H2JournalServer.runningUrl(state) != null;
    }

    /** The read side's tables in the journal's database; an input error when the projection never ran there. */
    ReadSideQueries queries() throws SQLException {
      Config config = config();
      ReadSideQueries queries;
      try {
        queries = ReadSideQueries.open(JdbcSettings.fromConfig(config));
      } catch (SQLException e) {
        throw new InvalidInputException("journal " + JournalConfig.describe(config) + ": " + e.getMessage(), e);
      }
      if (!queries.hasTables()) {
        queries.close();
        throw new InvalidInputException("journal " + JournalConfig.describe(config) + ": no read side tables yet (run: troupe journal project)");
      }
      return queries;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every entity (persistence id) with its event count and last sequence number.")
  static final class ListEntities implements Callable<Integer> {
    @Mixin Where where;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (JournalInspector j = where.openReadOnly()) {
        List<PersistenceIdSummary> ids = j.persistenceIds();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-40s %10s %10s%n", "entity", "events", "last seq");
        for (PersistenceIdSummary s : ids) out.printf("%-40s %10d %10d%n", s.persistenceId(), s.eventCount(), s.lastSequenceNr());
        out.flush();
      }
      return TroupeCli.EXIT_OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One entity's events in order, each decoded to JSON.")
  static final class Show implements Callable<Integer> {
    @Mixin Where where;
    @Parameters(paramLabel = "ENTITY", description = "The persistence id.") String entity;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      ObjectMapper json = new ObjectMapper();
      try (JournalInspector j = where.openReadOnly()) {
        List<JournalEvent> events = j.events(entity);
        if (events.isEmpty()) throw new InvalidInputException("journal: no events for entity '" + entity + "' (see: troupe journal list)");
        PrintWriter out = spec.commandLine().getOut();
        for (JournalEvent e : events) {
          out.printf("%6d %s %s %s%n", e.sequenceNr(), e.writeTimestamp(), shortName(e.manifest()), json.writeValueAsString(e.payload()));
        }
        out.flush();
      }
      return TroupeCli.EXIT_OK;
    }

    private static String shortName(String manifest) {
      int dot = manifest.lastIndexOf('.');
      return dot < 0 ? manifest : manifest.substring(dot + 1);
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, description = "Every event, in write order, as JSON lines.")
  static final class Export implements Callable<Integer> {
    @Mixin Where where;
    @Option(names = "--out", paramLabel = "FILE.jsonl", description = "Write here instead of standard output.") Path out;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      OutputPaths.checkFile(out, "--out");
      try (JournalInspector j = where.openReadOnly()) {
        long[] n = new long[1];
        if (out == null) {
          Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
          n[0] = j.exportJsonLines(w);
          w.flush();
        } else {
          // Whole or not at all: a failure midway leaves no half export under --out.
          AtomicFiles.DISK.write(out, w -> n[0] = export(j, w));
          spec.commandLine().getErr().println(n[0] + " events written to " + out);
        }
      }
      return TroupeCli.EXIT_OK;
    }

    private static long export(JournalInspector j, Writer w) throws java.io.IOException {
      try {
        return j.exportJsonLines(w);
      } catch (SQLException e) {
        throw new java.io.IOException("journal: " + e.getMessage(), e);
      }
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Rebuild a paper session's account from its journaled fills and check: cash = initial cash + realised P&L - fees",
        "(less the cost of open spot positions), each position = the signed sum of its fills, no fill journaled twice.",
        "Exit 0 when they hold, 3 when one is broken (findings), 2 when there is no such journal or session, 1 on an internal failure."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:every invariant holds", "1:internal failure", "2:no such journal or session, or bad usage", "3:findings: an invariant is broken"})
  static final class Verify implements Callable<Integer> {
    @Mixin Where where;
    @Option(names = "--session", paramLabel = "ID", defaultValue = PaperSession.DEFAULT_ID, description = "The session's persistence id (default: ${DEFAULT-VALUE}).")
    String session;
    @Option(names = "--manifest", paramLabel = "FILE",
        description = "The session's manifest (default: beside the H2 journal under --state; for --postgres, in TROUPE_STATE_DIR or ./state).")
    Path manifestFile;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Path file = manifestFile != null ? manifestFile : SessionManifest.file(where.state != null ? where.state : stateDir(), session);
      if (manifestFile != null && !Files.isRegularFile(manifestFile)) throw new InvalidInputException("--manifest " + manifestFile + ": no such file");
      SessionManifest manifest = SessionManifest.read(file);
      List<JournalEvent> events;
      try (JournalInspector j = where.openReadOnly()) {
        events = j.events(session);
      } catch (SQLException | RuntimeException e) {
        if (e instanceof InvalidInputException && !(e.getCause() instanceof SQLException)) throw e;
        // A journal that no longer opens is what verify is for: a finding, named, not a stack trace.
        out.println("BROKEN: the journal does not open: " + firstLine(e.getCause() instanceof SQLException ? e.getCause().getMessage() : e.getMessage()));
        if (manifest != null) out.println("BROKEN: its manifest " + file + " records " + manifest.completedSteps() + " completed steps");
        out.println("verify: the journal is damaged");
        out.flush();
        return TroupeCli.EXIT_FINDINGS;
      }
      if (events.isEmpty() && (manifest == null || manifest.completedSteps() == 0)) {
        throw new InvalidInputException("journal: no paper session '" + session + "' (see: troupe journal list)");
      }
      JournalVerification.Result result = JournalVerification.verify(events, manifest);
      for (String line : result.lines()) out.println(line);
      for (String v : result.violations()) out.println("BROKEN: " + v);
      out.println(result.ok() ? "verify: ok, " + events.size() + " events" : "verify: " + result.violations().size() + " invariants broken");
      out.flush();
      return result.ok() ? TroupeCli.EXIT_OK : TroupeCli.EXIT_FINDINGS;
    }

    private static String firstLine(String message) {
      if (message == null) return "(no message)";
      int nl = message.indexOf('\n');
      return nl < 0 ? message : message.substring(0, nl);
    }

    /** Where a PostgreSQL session's manifest lives when --manifest is not given: as {@code troupe paper} keeps it. */
    private static Path stateDir() {
      String env = System.getenv("TROUPE_STATE_DIR");
      return Path.of(env == null || env.isBlank() ? "state" : env);
    }
  }

}
