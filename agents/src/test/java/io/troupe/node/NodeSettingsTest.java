package io.troupe.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.desk.PositionSizing;
import io.troupe.model.Instrument;
import io.troupe.model.InvalidInputException;
import io.troupe.risk.RiskLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {

  /** A desk answers a bar once its specialists have: one without any never answered, and the backtest hung (issue 17). */
  @Test
  void aSymbolWithoutSpecialistsIsRefusedBeforeANodeIsBuilt() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> NodeSettings.basic(
        10_000, Map.of("BTC", Instrument.spot("BTC")), RiskLimits.defaults(), new PositionSizing(0, 0.09, false), Map.of("BTC", List.of())));
    assertEquals("symbol BTC has no specialists: its desk would never decide", e.getMessage());
  }
}
