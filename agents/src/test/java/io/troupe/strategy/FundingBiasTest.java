package io.troupe.strategy;

import static io.troupe.strategy.Bars.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FundingBiasTest {

  private static Signal entry(long time, Direction d) {
    return new Signal("XRP", time, d, 1, 0.8, 0.9, 1.2, "s");
  }

  @Test
  void leansAgainstTheCrowdedSide() {
    FundingBias b = new FundingBias(Map.of(1000L, 0.00025, 2000L, 0.0006, 3000L, -0.0001), 0.0005);
    assertEquals(0, b.bias(500), "no funding yet");
    assertEquals(-0.5, b.bias(1500), 1e-12);
    // Longs half crowded: a long keeps half its confidence, a short keeps all of it.
    assertEquals(0.4, b.apply(entry(1500, Direction.LONG)).confidence(), 1e-12);
    assertEquals(0.8, b.apply(entry(1500, Direction.SHORT)).confidence(), 1e-12);
    assertNull(b.apply(entry(2500, Direction.LONG)), "fully crowded");
    Signal exit = Signal.of("XRP", 2500, Direction.FLAT, "s");
    assertSame(exit, b.apply(exit));
    assertEquals(0.64, b.apply(entry(3500, Direction.SHORT)).confidence(), 1e-12);
  }

  @Test
  void readsFreqtradeFundingJson() {
    var rates = FundingBias.readFreqtradeJson(fixture("XRP_USDT_USDT-8h-funding_rate.json"));
    assertEquals(91, rates.size());
    assertEquals(0.0001, rates.get(1637193600017L), 0);
    double min = rates.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    assertEquals(-0.00219334, min, 0);
    long crowdedShorts = rates.entrySet().stream().filter(e -> e.getValue() == min).findFirst().orElseThrow().getKey();
    FundingBias b = new FundingBias(rates, 0.0005);
    assertNull(b.apply(entry(crowdedShorts + 1, Direction.SHORT)), "shorts pay 0.22% per 8h: no new shorts");
    assertEquals(0.8, b.apply(entry(crowdedShorts + 1, Direction.LONG)).confidence(), 1e-12);
    assertTrue(b.bias(rates.firstKey()) < 0, "the usual +0.01% leans a little against longs");
  }

  @Test
  void aBadRowIsAnInputError(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("f.json");
    Files.writeString(f, "[[1,0.0001,0,0,0,0],[2,\"x\",0,0,0,0]]");
    var e = assertThrows(InvalidInputException.class, () -> FundingBias.readFreqtradeJson(f));
    assertTrue(e.getMessage().contains("row 2"), e.getMessage());
  }
}
