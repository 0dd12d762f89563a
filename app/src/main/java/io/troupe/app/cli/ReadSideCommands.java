package io.troupe.app.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.model.InvalidInputException;
import io.troupe.app.paper.PaperSession;
import io.troupe.app.readside.EquityRow;
import io.troupe.app.readside.FillRow;
import io.troupe.app.readside.ReadSide;
import io.troupe.app.readside.ReadSideQueries;
import io.troupe.persistence.JdbcSettings;
import io.troupe.persistence.JournalConfig;
import io.troupe.app.report.AtomicFiles;
import io.troupe.app.report.Csv;
import io.troupe.app.report.CsvNumbers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.csv.CSVPrinter;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code troupe journal project / trades / equity}: the read side's query tables, from the command line. */
final class ReadSideCommands {

  private ReadSideCommands() {}

  @Command(name = "project", mixinStandardHelpOptions = true,
      description = {"Bring the read side's tables (troupe_fills, troupe_equity) up to date with every paper session in the journal,",
        "then print each session's row counts. Exactly once: run it again, or while a session runs, and nothing is counted twice."})
  static final class Project implements Callable<Integer> {
    @Mixin JournalCommand.Where where;
    @Option(names = "--session", paramLabel = "ID", description = "Print only this session's counts (all sessions are projected).")
    String session;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Config journal = where.config();
      // Before an actor system: its journal plugin would log a failing connection pool at length.
      try (Connection connection = JdbcSettings.fromConfig(journal).open()) {
        connection.isValid(5);
      } catch (SQLException e) {
        throw new InvalidInputException("journal " + JournalConfig.describe(journal) + ": " + e.getMessage(), e);
      }
      // Initialise SLF4J before Pekko's logger races it, which makes SLF4J print replay warnings to stderr.
      LoggerFactory.getILoggerFactory();
      ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "troupe-read-side", journal.withFallback(ConfigFactory.load()));
      long offset;
      long started = System.nanoTime();
      try {
        ReadSide readSide;
        try {
          readSide = ReadSide.start(system);
        } catch (SQLException e) {
          throw new InvalidInputException("journal " + JournalConfig.describe(journal) + ": " + e.getMessage(), e);
        }
        try {
          offset = readSide.caughtUp().toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          throw new InvalidInputException("project: not caught up with the journal after " + timeoutSeconds + " s (--timeout)");
        } finally {
          readSide.stopQuietly();
        }
      } finally {
        CliActorSystems.shutdown(system);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      try (ReadSideQueries q = where.queries()) {
        List<ReadSideQueries.Counts> counts = q.sessions().stream().filter(c -> session == null || c.session().equals(session)).toList();
        if (session != null && counts.isEmpty()) {
          throw new InvalidInputException("project: no paper session '" + session + "' in the journal (see: troupe journal list)");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("projected up to journal offset %d in %.1f s%n", offset, seconds);
        out.printf("%-40s %10s %10s%n", "session", "fills", "steps");
        for (ReadSideQueries.Counts c : counts) out.printf("%-40s %10d %10d%n", c.session(), c.fills(), c.steps());
        out.flush();
      }
      return TroupeCli.EXIT_OK;
    }
  }

  /** Where a read-side listing goes: a table on standard output (default), CSV there ({@code --csv}), or a CSV file. */
  static final class Listing {
    @Option(names = "--csv", description = "Print CSV (RFC 4180, full precision) instead of the table.")
    boolean csv;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the rows as CSV to this file instead (whole, or not at all).")
    Path out;
  }

  @Command(name = "trades", mixinStandardHelpOptions = true,
      description = {"A paper session's fills from the read side's table, in the order they were applied (run journal project first).",
        "CSV columns: " + Trades.COLUMNS})
  static final class Trades implements Callable<Integer> {
    static final String COLUMNS = "step,time,symbol,side,quantity,price,fee,liquidity,reason,specialist,fill_id";
    @Mixin JournalCommand.Where where;
    @Option(names = "--session", paramLabel = "ID", defaultValue = PaperSession.DEFAULT_ID, description = "The session's persistence id (default: ${DEFAULT-VALUE}).")
    String session;
    @Mixin Listing listing;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<FillRow> fills;
      try (ReadSideQueries q = where.queries()) {
        requireSession(q, session);
        fills = q.fills(session);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (listing.out != null) {
        AtomicFiles.DISK.write(listing.out, w -> csv(w, fills));
        spec.commandLine().getErr().println(fills.size() + " fills written to " + listing.out);
      } else if (listing.csv) {
        csv(out, fills);
      } else {
        out.printf("%6s %-24s %-10s %-4s %12s %14s %10s %-5s %-12s %-18s %s%n",
            "step", "time", "symbol", "side", "quantity", "price", "fee", "liq", "reason", "specialist", "fill");
        for (FillRow f : fills) {
          out.printf("%6d %-24s %-10s %-4s %12.6f %14.6f %10.6f %-5s %-12s %-18s %s%n", f.step(), Instant.ofEpochMilli(f.time()),
              f.symbol(), f.side(), f.quantity(), f.price(), f.fee(), f.liquidity(), f.reason(), f.specialist(), f.fillId());
        }
      }
      out.flush();
      return TroupeCli.EXIT_OK;
    }

    private static void csv(Writer w, List<FillRow> fills) throws IOException {
      CSVPrinter csv = Csv.printer(w, List.of(COLUMNS.split(",")));
      // The read side keeps no instrument terms: prices and quantities to CsvNumbers' default decimals, fees to cents.
      CsvNumbers n = CsvNumbers.DEFAULT;
      for (FillRow f : fills) {
        csv.printRecord(f.step(), Instant.ofEpochMilli(f.time()), f.symbol(), f.side(), n.quantity(f.symbol(), f.quantity()),
            n.price(f.symbol(), f.price()), n.money(f.fee()), f.liquidity(), f.reason(), f.specialist(), f.fillId());
      }
      csv.flush();
    }
  }

  @Command(name = "equity", mixinStandardHelpOptions = true,
      description = {"A paper session's account at the close of each completed step, from the read side's table (run journal project first).",
        "CSV columns: " + Equity.COLUMNS + " (empty where a step journaled by version 1 has no account)."})
  static final class Equity implements Callable<Integer> {
    static final String COLUMNS = "step,time,cash,equity,exposure,fills";
    @Mixin JournalCommand.Where where;
    @Option(names = "--session", paramLabel = "ID", defaultValue = PaperSession.DEFAULT_ID, description = "The session's persistence id (default: ${DEFAULT-VALUE}).")
    String session;
    @Mixin Listing listing;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<EquityRow> rows;
      try (ReadSideQueries q = where.queries()) {
        requireSession(q, session);
        rows = q.equity(session);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (listing.out != null) {
        AtomicFiles.DISK.write(listing.out, w -> csv(w, rows));
        spec.commandLine().getErr().println(rows.size() + " steps written to " + listing.out);
      } else if (listing.csv) {
        csv(out, rows);
      } else {
        out.printf("%6s %-24s %14s %14s %14s %6s%n", "step", "time", "cash", "equity", "exposure", "fills");
        for (EquityRow e : rows) {
          // Steps journaled by version 1 (FillsRecorded) have no account to print.
          out.printf("%6d %-24s %14s %14s %14s %6d%n", e.step(), Instant.ofEpochMilli(e.time()),
              amount(e.cash()), amount(e.equity()), amount(e.exposure()), e.fills());
        }
      }
      out.flush();
      return TroupeCli.EXIT_OK;
    }

    private static void csv(Writer w, List<EquityRow> rows) throws IOException {
      CSVPrinter csv = Csv.printer(w, List.of(COLUMNS.split(",")));
      CsvNumbers n = CsvNumbers.DEFAULT;
      for (EquityRow e : rows) {
        csv.printRecord(e.step(), Instant.ofEpochMilli(e.time()), n.money(e.cash()), n.money(e.equity()), n.money(e.exposure()), e.fills());
      }
      csv.flush();
    }

    private static String amount(double value) {
      return Double.isNaN(value) ? "-" : String.format("%.2f", value);
    }
  }

  private static void requireSession(ReadSideQueries q, String session) throws SQLException {
    if (q.sessions().stream().noneMatch(c -> c.session().equals(session))) {
      throw new InvalidInputException("journal: no paper session '" + session + "' in the read side (run: troupe journal project; see: troupe journal list)");
    }
  }
}
