package io.troupe.gateway.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.order.ExecutionReport.Fill;
import io.troupe.order.Liquidity;
import io.troupe.order.OrderRecord;
import io.troupe.order.OrderType;
import io.troupe.order.Side;
import io.troupe.position.AttributedFill;
import io.troupe.position.Position;
import io.troupe.risk.TradingState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reconciliation after a resume names every way the rebuilt venue, books and journal disagree. */
class PaperReconciliationTest {

  static OrderRecord order(String id, String status) {
    return new OrderRecord(id, "BTC", Side.SELL, OrderType.STOP, 1, Double.NaN, 90, status, 0, Double.NaN, 0, 0, "stop_loss");
  }

  static Position position(double quantity) {
    return new Position("BTC", quantity, 100, 0, 0, 0, "s", 100);
  }

  static final List<List<AttributedFill>> BOUGHT_ONE =
      List.of(List.of(), List.of(new AttributedFill(new Fill("o1", "f1", "BTC", 1, Side.BUY, 1, 100, 0.1, Liquidity.TAKER, 0), "entry", "s")));

  @Test
  void agreementGivesNoDifferences() {
    assertEquals(List.of(), PaperReconciliation.differences(List.of("o2"), List.of(order("o1", "FILLED"), order("o2", "WORKING")),
        Map.of("BTC", position(1)), BOUGHT_ONE, TradingState.ACTIVE, TradingState.ACTIVE));
  }

  @Test
  void everyDisagreementIsOneLine() {
    List<String> d = PaperReconciliation.differences(List.of("o3"), List.of(order("o2", "WORKING")), Map.of("BTC", position(2)), BOUGHT_ONE,
        TradingState.HALTED, TradingState.ACTIVE);
    assertEquals(List.of(
        "order o3 works at the venue but not in the order manager's book",
        "order o2 works in the order manager's book but not at the venue",
        "position BTC: 2.0 held, 1.0 from the journaled fills",
        "trading state: HALTED at the risk supervisor, ACTIVE in the journal"), d);
  }
}
