package io.troupe.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.Instrument;
import io.troupe.model.OrderIntent;
import io.troupe.model.Position;
import io.troupe.model.TradingState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RECONCILING: while a live session compares the venue with its journal, nothing goes out (an entry, an exit that only
 * shrinks a position: both vetoed), it outranks a halt, and lifting it gives back the state from before.
 */
class ReconcilingStateTest {
  static final Map<String, Instrument> INSTRUMENTS = Map.of("ETH", Instrument.spot("ETH"));
  static final List<Bar> BARS = List.of(new Bar("ETH", 60_000, 100, 100, 100, 100, 1));

  private static AccountSnapshot holdingTwo() {
    return new AccountSnapshot(60_000, 9_800, 10_000, 0, 0.02, Map.of("ETH", new Position("ETH", 2, 100, 0, 0, 0, "trend", 100)));
  }

  private static RiskDesk.Outcome decide(RiskDesk desk, List<OrderIntent> exits, List<OrderIntent> entries) {
    return desk.decide(60_000, BARS, holdingTwo(), Map.of(), Map.of(), exits, List.of(), List.of(), entries);
  }

  private static OrderIntent entry() {
    return new OrderIntent("ETH", 60_000, 3, 100, 95, Double.NaN, "trend", "signal", false);
  }

  private static OrderIntent exit() {
    return new OrderIntent("ETH", 60_000, 0, 100, Double.NaN, Double.NaN, "trend", "stop_loss", true);
  }

  @Test
  void nothingGoesOutWhileReconcilingNotEvenAnExit() {
    RiskDesk desk = new RiskDesk(RiskLimits.defaults(), BreakerSettings.defaults(), INSTRUMENTS, true);
    desk.reconciling("a restart after step 7");
    assertEquals(TradingState.RECONCILING, desk.tradingState());
    RiskDesk.Outcome o = decide(desk, List.of(exit()), List.of(entry()));
    assertTrue(o.orders().isEmpty(), "held: " + o.orders());
    assertEquals(TradingState.RECONCILING, o.state());
    assertEquals(2, desk.vetoesByReason().getOrDefault(PreTradeCheck.RECONCILING, 0), desk.vetoesByReason().toString());

    desk.reconciled();
    assertEquals(TradingState.ACTIVE, desk.tradingState());
    RiskDesk.Outcome after = decide(desk, List.of(exit()), List.of());
    assertEquals(1, after.orders().size(), "once reconciled the exit goes out");
  }

  @Test
  void itOutranksAHaltAndLiftingItKeepsTheHalt() {
    RiskDesk desk = new RiskDesk(RiskLimits.defaults(), BreakerSettings.defaults(), INSTRUMENTS, true);
    desk.halt("operator", false, false);
    desk.reconciling("a restart");
    assertEquals(TradingState.RECONCILING, desk.tradingState());
    assertTrue(decide(desk, List.of(exit()), List.of()).orders().isEmpty(), "a halt lets a shrinking exit through; reconciling does not");
    desk.reconciled();
    assertEquals(TradingState.HALTED, desk.tradingState(), "the halt from before is back");
    assertEquals(1, decide(desk, List.of(exit()), List.of()).orders().size(), "halted, the exit that only shrinks passes again");
  }
}
