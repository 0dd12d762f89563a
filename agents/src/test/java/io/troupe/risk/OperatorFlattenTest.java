package io.troupe.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.ApprovedOrder;
import io.troupe.model.BracketRequest;
import io.troupe.model.Instrument;
import io.troupe.model.Position;
import io.troupe.model.Side;
import io.troupe.model.TradingState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An operator's flatten and cancel-all: done with the next decision, once, and the trading state stays ACTIVE. */
class OperatorFlattenTest {

  static final Map<String, Instrument> INSTRUMENTS = Map.of("ADA", Instrument.spot("ADA"), "ETH", Instrument.spot("ETH"));
  static final List<Bar> BARS = List.of(bar("ADA"), bar("ETH"));

  private static AccountSnapshot account() {
    Map<String, Position> positions = new LinkedHashMap<>();
    positions.put("ETH", new Position("ETH", 2, 100, 0, 0, 0, "trend", 100));
    positions.put("ADA", new Position("ADA", 3, 100, 0, 0, 0, "range", 100));
    return new AccountSnapshot(60_000, 9_500, 10_000, 0, 0.05, positions);
  }

  private static RiskDesk.Outcome decide(RiskDesk desk, List<BracketRequest> brackets) {
    return desk.decide(60_000, BARS, account(), Map.of(), Map.of(), List.of(), brackets, List.of(), List.of());
  }

  @Test
  void flatteningOneSymbolClosesThatPositionAloneAndKeepsTradingActive() {
    RiskDesk desk = new RiskDesk(RiskLimits.defaults(), BreakerSettings.defaults(), INSTRUMENTS, true);
    desk.flatten("ETH");
    BracketRequest adaBracket = new BracketRequest("O9", "ADA", Side.BUY, 95, "stop_loss", 110, 0);
    BracketRequest ethBracket = new BracketRequest("O8", "ETH", Side.BUY, 95, "stop_loss", 110, 0);
    RiskDesk.Outcome o = decide(desk, List.of(adaBracket, ethBracket));
    assertEquals(1, o.orders().size());
    ApprovedOrder exit = o.orders().get(0);
    assertEquals("ETH", exit.symbol());
    assertEquals(Side.SELL, exit.side());
    assertEquals(2, exit.quantity(), 1e-12);
    assertEquals(RiskDesk.OPERATOR_FLATTEN, exit.reason());
    assertEquals(List.of(adaBracket), o.brackets(), "the flattened symbol needs no new protection; the other keeps its");
    assertFalse(o.cancelAll());
    assertEquals(TradingState.ACTIVE, o.state());
    assertTrue(decide(desk, List.of()).orders().isEmpty(), "once");
  }

  @Test
  void flatteningEverythingClosesEveryPositionInSymbolOrder() {
    RiskDesk desk = new RiskDesk(RiskLimits.defaults(), BreakerSettings.defaults(), INSTRUMENTS, true);
    desk.flatten(null);
    RiskDesk.Outcome o = decide(desk, List.of());
    assertEquals(List.of("ADA", "ETH"), o.orders().stream().map(ApprovedOrder::symbol).toList());
    assertEquals(TradingState.ACTIVE, desk.tradingState());
  }

  @Test
  void cancelAllCancelsWithTheNextDecisionOnlyAndNamesTheOperator() {
    RiskDesk desk = new RiskDesk(RiskLimits.defaults(), BreakerSettings.defaults(), INSTRUMENTS, true);
    desk.cancelAll();
    RiskDesk.Outcome o = decide(desk, List.of());
    assertTrue(o.cancelAll());
    assertEquals("operator_cancel_all", o.cancelReason());
    assertTrue(o.orders().isEmpty(), "no position is closed by a cancel-all");
    assertEquals(TradingState.ACTIVE, o.state());
    assertFalse(decide(desk, List.of()).cancelAll(), "once");
  }

  private static Bar bar(String s) {
    return new Bar(s, 60_000, 100, 100, 100, 100, 1);
  }
}
