package io.troupe.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.market.Bar;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.ApprovedOrder;
import io.troupe.model.Instrument;
import io.troupe.model.Position;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A halt's flatten orders come in symbol order whatever the order of the account's positions map: their client ids
 * are numbered in that order, so a rerun gives the same orders.csv. (An account snapshot's map has no order of its
 * own: the flatten once followed it, and reruns numbered the same orders differently.)
 */
class FlattenOrderTest {

  @Test
  void flattenOrdersAreInSymbolOrder() {
    RiskDesk desk = new RiskDesk(RiskLimits.defaults(), BreakerSettings.defaults(),
        Map.of("ADA", Instrument.spot("ADA"), "ETH", Instrument.spot("ETH"), "LTC", Instrument.spot("LTC")), true);
    Map<String, Position> positions = new LinkedHashMap<>();
    for (String s : List.of("LTC", "ETH", "ADA")) positions.put(s, new Position(s, 1, 100, 0, 0, 0, "x", 100));
    AccountSnapshot account = new AccountSnapshot(60_000, 9_700, 10_000, 0, 0.03, positions);
    List<Bar> bars = List.of(bar("ADA"), bar("ETH"), bar("LTC"));

    desk.halt("operator", true, false);
    RiskDesk.Outcome o = desk.decide(60_000, bars, account, Map.of(), Map.of(), List.of(), List.of(), List.of(), List.of());

    assertEquals(List.of("ADA", "ETH", "LTC"), o.orders().stream().map(ApprovedOrder::symbol).toList());
  }

  private static Bar bar(String s) {
    return new Bar(s, 60_000, 100, 100, 100, 100, 1);
  }
}
