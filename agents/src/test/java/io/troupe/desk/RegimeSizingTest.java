package io.troupe.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.troupe.model.InvalidInputException;
import io.troupe.regime.Regime;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RegimeSizingTest {
  private final RegimeSizing sizing = RegimeSizing.defaults();

  @Test
  void scalesByRegimeAndExposure() {
    assertEquals(1.0, sizing.multiplier(Regime.TRENDING, 0.1));
    assertEquals(1.0, sizing.multiplier(Regime.RANGING, 0.7), "70% is not above 70%");
    assertEquals(0.5, sizing.multiplier(Regime.VOLATILE, 0.1));
    assertEquals(0.2, sizing.multiplier(Regime.CRISIS, 0.1), 1e-12);
    assertEquals(0.5, sizing.multiplier(Regime.TRENDING, 0.71));
    assertEquals(0.1, sizing.multiplier(Regime.CRISIS, 0.9), 1e-12);
    assertEquals(0.006, sizing.fraction(0.06, Regime.CRISIS, 0.8), 1e-12);
  }

  @Test
  void metaSettingsComeFromTheConfigFile() {
    var root = ConfigFactory.parseFile(Path.of("..", "config", "regime.conf").toFile()).resolve();
    assertEquals(sizing, RegimeSizing.fromConfig(root.getConfig("troupe.meta.sizing")));
    assertEquals(SpecialistSelector.Settings.defaults(), SpecialistSelector.Settings.fromConfig(root.getConfig("troupe.meta.selector")));
    assertEquals(EnsembleVote.Settings.defaults(), EnsembleVote.Settings.fromConfig(root.getConfig("troupe.meta.ensemble")));
    assertEquals(20, root.getInt("troupe.meta.ensemble.recent-calls"));
    assertThrows(InvalidInputException.class, () -> RegimeSizing.fromConfig(ConfigFactory.parseString("crisis = 2")));
  }
}
