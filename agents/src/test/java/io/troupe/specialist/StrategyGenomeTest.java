package io.troupe.specialist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import io.troupe.model.InvalidInputException;
import io.troupe.regime.Regime;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A genome that names a strategy: the strategy decides, the genome sizes it and sets its stop and target. */
class StrategyGenomeTest {

  static final String SMA = """
      {"name": "sma-trend", "kind": "TRENDING", "strategy": "sma-cross", "params": {"position_pct": 4, "stop_pct": 2, "period": 5}}
      """;

  @Test
  void theStrategysParametersAreResolvedWithItsDefaultsAndTheGenomesOwnFirst() {
    Genome g = GenomeLoader.parse(SMA, "sma.json");
    assertEquals("sma-cross", g.strategy());
    assertEquals(Regime.TRENDING, g.kind());
    assertEquals(Map.of("position_pct", 4.0, "stop_pct", 2.0, "target_pct", 0.0, "period", 5.0), g.params());
    assertEquals(List.of("position_pct", "stop_pct", "target_pct", "period"), List.copyOf(g.params().keySet()));
    assertEquals(Map.of("period", 5.0), g.strategyParams());
    assertEquals(0.04, g.positionFraction(), 1e-12);
    assertEquals(List.of("sma(5)"), SpecialistFactory.create(g).indicators());
  }

  @Test
  void itsSignalsCarryTheGenomesNameStopAndTarget() {
    GenomeSpecialist s = SpecialistFactory.create(GenomeLoader.parse(SMA, "sma.json"));
    Signal entry = null;
    double[] closes = {100, 99, 98, 97, 96, 95, 97, 100, 104};
    for (int i = 0; i < closes.length && entry == null; i++) {
      Signal sig = s.onBar(new Bar("X", i * 60_000L, closes[i], closes[i], closes[i], closes[i], 1));
      if (sig != null && sig.direction() == Direction.LONG) entry = sig;
    }
    assertNotNull(entry, "the cross above the SMA is a long entry");
    assertEquals("sma-trend", entry.source());
    assertEquals(entry.stop(), closeAt(entry) * 0.98, 1e-9);
    assertTrue(Double.isNaN(entry.target()), "no target_pct: the strategy's own (none)");
  }

  private static double closeAt(Signal s) {
    return new double[] {100, 99, 98, 97, 96, 95, 97, 100, 104}[(int) (s.time() / 60_000L)];
  }

  @Test
  void aBadStrategyGenomeIsNamedWithItsFileAndField() {
    InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> GenomeLoader.parse(
        "{\"name\": \"g\", \"kind\": \"CRISIS\", \"strategy\": \"no-such\", \"params\": {\"position_pct\": 1}}", "g.json"));
    assertTrue(unknown.getMessage().startsWith("g.json: genome 'g': field 'strategy' no-such: unknown strategy 'no-such'"), unknown.getMessage());
    InvalidInputException noSize = assertThrows(InvalidInputException.class, () -> GenomeLoader.parse(
        "{\"name\": \"g\", \"kind\": \"CRISIS\", \"strategy\": \"sma-cross\", \"params\": {\"period\": 5}}", "g.json"));
    assertTrue(noSize.getMessage().contains("missing field 'params.position_pct'"), noSize.getMessage());
    InvalidInputException badParam = assertThrows(InvalidInputException.class, () -> GenomeLoader.parse(
        "{\"name\": \"g\", \"kind\": \"CRISIS\", \"strategy\": \"sma-cross\", \"params\": {\"position_pct\": 1, \"periods\": 5}}", "g.json"));
    assertTrue(badParam.getMessage().contains("has no parameter 'periods'"), badParam.getMessage());
  }
}
