package io.troupe.strategy;

import static io.troupe.strategy.Bars.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradeFlowTest {

  @Test
  void readsFreqtradeJsonTrades() {
    List<TradeFlow.Trade> trades = TradeFlow.read(fixture("XRP_ETH-trades.json.gz"));
    assertEquals(12477, trades.size());
    assertEquals(new TradeFlow.Trade(1570752011620L, "13519807", false, 0.00141342, 23.0), trades.get(0));
    TradeFlow.Flow all = TradeFlow.of(trades);
    assertEquals(12477, all.trades());
    assertTrue(all.imbalance() > -1 && all.imbalance() < 1);
  }

  @Test
  void readsTheCsvFormatAndBucketsByInterval(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("public_trades_list.csv");
    Files.writeString(csv, """
        ,timestamp,id,type,side,price,amount,cost,date
        0,1675329600138,1206419187,,buy,1666.8,26.062,43440.1416,2023-02-02 09:20:00.138000+00:00
        1,1675329600214,1206419188,,sell,1666.79,0.152,253.35208,2023-02-02 09:20:00.214000+00:00
        2,1675329660000,1206419189,,sell,1666.7,2.0,3333.4,2023-02-02 09:21:00+00:00
        """);
    List<TradeFlow.Trade> trades = TradeFlow.read(csv);
    assertEquals(3, trades.size());
    var perMinute = TradeFlow.byInterval(trades, 60_000);
    assertEquals(2, perMinute.size());
    TradeFlow.Flow first = perMinute.get(1675329600000L);
    assertEquals(26.062, first.buyVolume(), 1e-12);
    assertEquals(0.152, first.sellVolume(), 1e-12);
    assertEquals((26.062 - 0.152) / 26.214, first.imbalance(), 1e-12);
    assertEquals(-1.0, perMinute.get(1675329660000L).imbalance(), 1e-12);
  }

  @Test
  void aBadSideNamesTheRow(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("t.json");
    Files.writeString(json, "[[1,\"a\",null,\"buy\",1.0,2.0,2.0],[2,\"b\",null,\"hold\",1.0,2.0,2.0]]");
    var e = assertThrows(InvalidInputException.class, () -> TradeFlow.read(json));
    assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("hold"), e.getMessage());
  }
}
