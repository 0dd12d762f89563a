package io.troupe.app.readside;

import io.troupe.app.paper.PaperEvent;
import io.troupe.model.Instrument;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.model.Liquidity;
import io.troupe.model.Side;
import io.troupe.app.paper.StepAccount;
import io.troupe.model.AttributedFill;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Paper session events as a run journals them: every third step fills twice, every step closes with the account. */
public final class TestSessions {

  public static final long MINUTE = 60_000;

  private TestSessions() {}

  /** Steps {@code from..to} (1-based) of a session; step 1 opens with {@code SessionStarted}. */
  public static List<PaperEvent> steps(int from, int to) {
    List<PaperEvent> events = new ArrayList<>();
    if (from == 1) events.add(new PaperEvent.SessionStarted(10_000, Map.of("BTC", Instrument.spot("BTC")), Map.of()));
    for (int step = from; step <= to; step++) {
      long time = step * MINUTE;
      events.add(new PaperEvent.StepRecorded(step, time, "digest-" + step));
      events.add(new PaperEvent.StepCompleted(step, time, fills(step), account(step), List.of()));
    }
    return events;
  }

  static List<AttributedFill> fills(int step) {
    if (step % 3 != 0) return List.of();
    long time = step * MINUTE;
    return List.of(
        new AttributedFill(new Fill("o" + step, "f" + step + "a", "BTC", time, Side.BUY, 0.01, 40_000 + step, 0.4, Liquidity.TAKER, 0), "entry", "trending-default"),
        new AttributedFill(new Fill("o" + step + "x", "f" + step + "b", "BTC", time, Side.SELL, 0.01, 40_010 + step, 0.4, Liquidity.MAKER, 0), "target", "trending-default"));
  }

  static StepAccount account(int step) {
    return new StepAccount(10_000 - step, 10_000 + step, 0, step % 3 == 0 ? 0 : 400);
  }

  /** How many fills steps 1..{@code steps} apply. */
  public static int fillCount(int steps) {
    return 2 * (steps / 3);
  }
}
