package io.troupe.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.InvalidInputException;
import io.troupe.model.RoundTrip;
import io.troupe.regime.Regime;
import io.troupe.regime.RegimeTimeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeTableTest {

  private static RoundTrip trip(String symbol, long entry, double pnl, double fees, String specialist) {
    return new RoundTrip(symbol, "long", entry, 100, entry + 60_000, 100 + pnl, 1, fees, pnl, "signal_exit", specialist);
  }

  @Test
  void statisticsOfWinsLossesAndFees() {
    List<RoundTrip> t = List.of(trip("A", 0, 3, 0.2, "s"), trip("A", 1, 1, 0.2, "s"), trip("A", 2, -2, 0.2, "s"), trip("A", 3, 0, 0.2, "s"));
    EdgeStats s = EdgeStats.of(t, 4);
    assertEquals(4, s.trades());
    assertEquals(2, s.wins());
    assertEquals(0.5, s.winRate());
    assertEquals(2.0, s.averageWin());
    assertEquals(-1.0, s.averageLoss(), "a break-even trade counts with the losses");
    assertEquals(2.0, s.rewardRisk());
    assertEquals(0.5, s.edgePerTrade());
    assertEquals(0.5, s.edgePerTradePct(), 1e-12, "notional 100");
    assertEquals(0.7, s.grossEdgePerTrade(), 1e-12);
    assertEquals(0.5 * 2 - 0.5, s.expectancyR());
    assertEquals(2.0, s.profitFactor());
    assertEquals(EdgeStats.Verdict.POSITIVE, s.verdict());
    assertEquals(EdgeStats.Verdict.INSUFFICIENT, EdgeStats.of(t, 5).verdict());
    assertEquals(EdgeStats.Verdict.NEGATIVE, EdgeStats.of(List.of(trip("A", 0, 0.1, 0.2, "s"), trip("A", 1, -0.1, 0.2, "s")), 2).verdict());
  }

  @Test
  void groupsBySpecialistRegimeAtEntryAndSymbol() {
    RegimeTimeline btc = new RegimeTimeline();
    btc.add(0, Regime.TRENDING);
    btc.add(10, Regime.CRISIS);
    List<RoundTrip> t = List.of(trip("BTC", 5, 2, 0.1, "trend"), trip("BTC", 12, -1, 0.1, "crisis"), trip("BTC", 15, -1, 0.1, "trend"),
        trip("ETH", 3, 1, 0.1, "trend"));
    EdgeTable table = EdgeTable.from(t, Map.of("BTC", btc));
    assertEquals(List.of("CRISIS", "TRENDING", EdgeTable.UNKNOWN), List.copyOf(table.byRegime().keySet()));
    assertEquals(2, table.byRegime().get("CRISIS").trades());
    assertEquals(3, table.bySpecialist().get("trend").trades());
    assertEquals(1, table.bySymbol().get("ETH").trades());
    assertEquals(-1.0, table.bySpecialistAndRegime().get("trend").get("CRISIS").totalPnl());
    assertEquals(4, table.overall().trades());
    String text = table.format();
    assertTrue(text.contains("specialist trend") && text.contains("trend in CRISIS"), text);
  }

  @Test
  void readsTradesCsvBackIntoRoundTrips(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("trades.csv");
    Files.writeString(f, TradesCsv.HEADER + "\n"
        + "BTC-PERP,long,2022-01-01T00:05:00Z,46319.5,2022-01-01T01:00:00Z,46500,0.02,1.86,1.75,take_profit,trending-default\n"
        + "BTC-PERP,short,2022-01-02T00:00:00Z,47000,2022-01-02T00:30:00Z,47100,0.01,,-2,stop,\"odd, \"\"name\"\"\"\n");
    List<RoundTrip> trips = TradesCsv.read(f);
    assertEquals(new RoundTrip("BTC-PERP", "long", 1640995500000L, 46319.5, 1640998800000L, 46500, 0.02, 1.86, 1.75, "take_profit",
        "trending-default"), trips.get(0));
    assertEquals("odd, \"name\"", trips.get(1).specialist());
    assertTrue(Double.isNaN(trips.get(1).fees()));
    assertFalse(EdgeTable.from(trips, r -> null).overall().positiveEdgeAfterFees(), "2 trades are not enough");
  }

  @Test
  void badRowsNameFileLineAndField(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("trades.csv");
    Files.writeString(f, TradesCsv.HEADER + "\nBTC,long,yesterday,1,2022-01-01T00:00:00Z,1,1,0,0,x,s\n");
    String m = assertThrows(InvalidInputException.class, () -> TradesCsv.read(f)).getMessage();
    assertTrue(m.contains("trades.csv: line 2: field entry_time"), m);
    Files.writeString(f, "symbol,side\n");
    assertTrue(assertThrows(InvalidInputException.class, () -> TradesCsv.read(f)).getMessage().contains("line 1"));
    Files.writeString(f, TradesCsv.HEADER + "\nBTC,long\n");
    assertTrue(assertThrows(InvalidInputException.class, () -> TradesCsv.read(f)).getMessage().contains("line 2: expected 11 fields"));
  }

  @Test
  void manyTradesWithPositiveMeanGetAPositiveVerdict() {
    List<RoundTrip> t = new ArrayList<>();
    for (int i = 0; i < 40; i++) t.add(trip("A", i, i % 2 == 0 ? 2 : -1, 0.1, "s"));
    EdgeStats s = EdgeTable.from(t, r -> Regime.RANGING).byRegime().get("RANGING");
    assertTrue(s.positiveEdgeAfterFees());
    assertTrue(s.tStat() > 2, "t " + s.tStat());
  }
}
