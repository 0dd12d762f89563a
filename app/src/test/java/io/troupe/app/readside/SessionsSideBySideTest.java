package io.troupe.app.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.app.ChildJava;
import io.troupe.app.cli.TroupeCli;
import io.troupe.persistence.JdbcSettings;
import io.troupe.persistence.JournalConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions side by side in one PostgreSQL database: three paper processes started together each finish, with their
 * output files and their own read-side rows complete. (With one shared projection and one stored offset, a process
 * waited at the end for progress the other had made, and exited 1 with no output.)
 */
class SessionsSideBySideTest {

  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @Test
  void threeSessionsAtOnceEachFinishWithTheirOwnReadSide(@TempDir Path dir) throws Exception {
    JdbcSettings db = JdbcSettings.fromConfig(JournalConfig.postgresFromEnvironment());
    requirePostgres(db);
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Process> processes = new ArrayList<>();
    List<String> sessions = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String session = "side-" + run + "-" + i;
      sessions.add(session);
      List<String> command = List.of(ChildJava.BINARY, ChildJava.QUICK_START, "-cp", System.getProperty("java.class.path"),
          "-Dtroupe.home=" + HOME, TroupeCli.class.getName(), "paper", "--data", HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString(),
          "--to", "2022-01-01T06:00", "--speed", "max", "--set", "troupe.persistence.backend=postgres", "--session", session,
          "--out", dir.resolve(session).toString(), "--quiet");
      processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(session + ".log").toFile()).start());
    }
    for (int i = 0; i < 3; i++) {
      Process p = processes.get(i);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(sessions.get(i) + " did not finish: " + Files.readString(dir.resolve(sessions.get(i) + ".log")));
      }
      assertEquals(0, p.exitValue(), sessions.get(i) + ": " + Files.readString(dir.resolve(sessions.get(i) + ".log")));
    }
    for (String session : sessions) {
      Path out = dir.resolve(session);
      assertTrue(Files.exists(out.resolve("summary.json")), session + " wrote its files");
      long steps = Files.readAllLines(out.resolve("equity.csv")).size() - 1;
      assertTrue(steps > 300, "the slice has its steps: " + steps);
      assertEquals(steps, count(db, "SELECT COUNT(*) FROM " + ReadSideTables.EQUITY + " WHERE session_id = ?", session),
          session + ": every step is in the read side");
      long trades = Files.readAllLines(out.resolve("trades.csv")).size() - 1;
      assertTrue(count(db, "SELECT COUNT(*) FROM " + ReadSideTables.FILLS + " WHERE session_id = ?", session) >= 2 * trades,
          session + ": every round trip's fills are in the read side");
    }
  }

  private static long count(JdbcSettings db, String sql, String session) throws SQLException {
    try (Connection c = db.open();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, session);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static void requirePostgres(JdbcSettings db) {
    try (Connection c = db.open()) {
      c.isValid(5);
    } catch (SQLException e) {
      String required = System.getenv("TROUPE_REQUIRE_POSTGRES");
      if (required != null && !required.isBlank() && !required.equals("0")) fail("PostgreSQL unreachable at " + db + ": " + e.getMessage());
      assumeTrue(false, "PostgreSQL unreachable at " + db + ": " + e.getMessage());
    }
  }
}
