package io.troupe.app.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.persistence.JdbcSettings;
import io.troupe.persistence.JournalSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read side's progress as the metrics read it at each scrape: 0 before the query tables exist, then the session's
 * last projected step (not another session's), over one connection kept from one reading to the next, and another
 * opened after a failure.
 */
class ReadSideProgressTest {

  @TempDir
  Path dir;

  @Test
  void readsTheLastProjectedStepOfItsSessionOverOneConnection() throws Exception {
    JdbcSettings db = new JdbcSettings("jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath() + ";DATABASE_TO_UPPER=false", "sa", "");
    try (Connection keep = db.open(); ReadSideProgress progress = new ReadSideProgress(db, "paper-a")) {
      assertEquals(0, progress.lastProjectedStep(), "no query tables yet");
      JournalSchema.createIfMissing(db);
      ReadSideTables.createIfMissing(db);
      assertEquals(0, progress.lastProjectedStep(), "tables, no rows");
      insert(keep, "paper-a", 1);
      insert(keep, "paper-a", 2);
      insert(keep, "paper-b", 7);
      assertEquals(2, progress.lastProjectedStep());
      insert(keep, "paper-a", 3);
      assertEquals(3, progress.lastProjectedStep());
      assertEquals(1, progress.connectionsOpened(), "one connection for every reading");

      // The table gone (a reading fails): the connection is dropped, and the next reading opens another.
      keep.createStatement().execute("ALTER TABLE " + ReadSideTables.EQUITY + " RENAME TO troupe_equity_away");
      assertThrows(SQLException.class, progress::lastProjectedStep);
      keep.createStatement().execute("ALTER TABLE troupe_equity_away RENAME TO " + ReadSideTables.EQUITY);
      assertEquals(3, progress.lastProjectedStep());
      assertEquals(2, progress.connectionsOpened());
    }
  }

  private static void insert(Connection c, String session, long step) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + ReadSideTables.EQUITY
        + " (session_id, step, time_ms, cash, equity, exposure, fills) VALUES (?, ?, ?, 1, 1, 0, 0)")) {
      p.setString(1, session);
      p.setLong(2, step);
      p.setLong(3, step * 60_000);
      p.executeUpdate();
    }
    c.commit();
  }
}
