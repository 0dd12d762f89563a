package io.troupe.position;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.market.Bar;
import io.troupe.model.AttributedFill;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.model.HistoryWindow;
import io.troupe.model.Instrument;
import io.troupe.model.Liquidity;
import io.troupe.model.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Under a history window the position monitor keeps at most that many equity points and closed trades, the latest
 * ones, and decides exactly as with the whole run kept: same account, same exits, same step results.
 */
class PositionKeeperHistoryTest {

  static final int STEPS = 20_000;
  static final int WINDOW = 100;

  @Test
  void aLongRunKeepsOnlyTheWindowAndStepsAsTheWholeRunDoes() {
    Map<String, Instrument> instruments = Map.of("BTC", Instrument.spot("BTC"));
    PositionKeeper whole = new PositionKeeper(10_000, instruments, null, Map.of());
    PositionKeeper windowed = new PositionKeeper(10_000, instruments, null, Map.of(), HistoryWindow.last(WINDOW));
    for (int step = 1; step <= STEPS; step++) {
      long time = step * 60_000L;
      double price = 100 + 10 * Math.sin(step / 50.0);
      List<Bar> bars = List.of(new Bar("BTC", time, price, price + 1, price - 1, price, 10));
      // A round trip every 10 steps: buy on one step, sell on the fifth after.
      List<AttributedFill> fills = step % 10 == 1 ? List.of(fill(step, time, Side.BUY, price))
          : step % 10 == 6 ? List.of(fill(step, time, Side.SELL, price)) : List.of();
      PositionKeeper.StepResult a = whole.step(time, bars, fills);
      PositionKeeper.StepResult b = windowed.step(time, bars, fills);
      assertEquals(a, b, "step " + step);
    }
    assertEquals(STEPS, whole.equity().size());
    assertEquals(STEPS / 10, whole.trades().size());
    assertEquals(WINDOW, windowed.equity().size());
    assertEquals(WINDOW, windowed.trades().size());
    assertEquals(whole.equity().subList(STEPS - WINDOW, STEPS), windowed.equity(), "the latest points");
    assertEquals(whole.trades().subList(STEPS / 10 - WINDOW, STEPS / 10), windowed.trades(), "the latest trades");
    assertEquals(whole.snapshot(STEPS * 60_000L), windowed.snapshot(STEPS * 60_000L));
    assertEquals(whole.lastMarkTime(0), windowed.lastMarkTime(0));
    assertEquals(whole.fees(), windowed.fees());
  }

  private static AttributedFill fill(int step, long time, Side side, double price) {
    return new AttributedFill(new Fill("O" + step, "F" + step, "BTC", time, side, 1, price, 0.01, Liquidity.TAKER, 0), "signal", "s");
  }
}
