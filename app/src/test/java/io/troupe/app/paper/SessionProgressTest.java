package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.AccountSnapshot;
import io.troupe.model.Position;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionProgressTest {

  private static final long MINUTE = 60_000;
  private static final AccountSnapshot FLAT = new AccountSnapshot(0, 10_000, 10_000, 0, 0, Map.of());

  @Test
  void theFirstLiveStepGetsALineAtOnceThenEveryNStepsOrTenSecondsOfWallTime() {
    SessionProgress p = new SessionProgress(1000, 60, 10_000, 45_000, 45_000 * MINUTE);
    assertNotNull(p.after(1, MINUTE, FLAT, 0), "a line as soon as trading starts, whatever the speed");
    assertNull(p.after(2, 2 * MINUTE, FLAT, 1_000_000_000L));
    assertNotNull(p.after(3, 3 * MINUTE, FLAT, 11_000_000_000L), "ten seconds without a line");
    assertNull(p.after(4, 4 * MINUTE, FLAT, 12_000_000_000L));
    assertNotNull(p.after(1000, 1000 * MINUTE, FLAT, 13_000_000_000L));
    assertNotNull(p.after(45_000, 45_000 * MINUTE, FLAT, 14_000_000_000L), "the last step");
    assertNull(new SessionProgress(0, 60, 10_000, 10, 10 * MINUTE).after(1, MINUTE, FLAT, 0), "0: no lines");
  }

  @Test
  void theLineShowsEquityPnlOpenPositionsAndHowLongTheRestTakesAtTheSpeed() {
    Position open = new Position("BTC-PERP", 0.1, 46_000, 0, 0, 0, "trending", 46_500);
    AccountSnapshot account = new AccountSnapshot(0, 5_000, 10_050, 0, 4_650, Map.of("BTC-PERP", open));
    SessionProgress p = new SessionProgress(1000, 60, 10_000, 1441, 1441 * MINUTE);
    String line = p.after(1, MINUTE, account, 0);
    assertEquals("paper: step 1/1441 1970-01-01T00:01:00Z equity 10050.00, P&L +50.00 (+0.50%), 1 open position; the rest takes about 24 min 0 s at --speed 60",
        line);
  }

  @Test
  void atMaxSpeedTheRestIsEstimatedFromTheRateSoFar() {
    SessionProgress p = new SessionProgress(100, Double.POSITIVE_INFINITY, 10_000, 1001, 1001 * MINUTE);
    assertTrue(p.after(1, MINUTE, FLAT, 0).endsWith("(--speed max)"));
    // 99 steps took 1 s: 901 more take 9.1 s.
    assertTrue(p.after(100, 100 * MINUTE, FLAT, 1_000_000_000L).endsWith("the rest takes about 9 s at --speed max"));
  }
}
