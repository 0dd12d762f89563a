package io.troupe.specialist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.checkpoint.StateCodec;
import io.troupe.learned.LearnedSpec;
import io.troupe.market.Bar;
import io.troupe.model.InvalidInputException;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A genome with a {@code learned} object: its features by name, its label and calibration; a specialist of it. */
class LearnedGenomeTest {

  static final String GENOME = """
      {"name": "gbt", "kind": "TRENDING", "description": "test",
       "learned": {"features": ["return(1)", "return(3)", "rsi(14)", "ema(10)", "macd(12,26,9).hist", "volume_z(20)", "regime.adx"],
                   "label": "triple-barrier", "calibration": "platt"},
       "params": {"position_pct": 2, "stop_pct": 0.3, "target_pct": 0.3, "horizon": 5, "train_bars": 400, "retrain_every": 200,
                  "activation_delay": 3, "embargo": 2, "trees": 20, "eta": 0.3, "entry_probability": 0.55, "allow_short": true}}
      """;

  static List<Bar> bars(int n) {
    Random r = new Random(2);
    List<Bar> out = new ArrayList<>();
    double price = 100, last = 0;
    for (int i = 0; i < n; i++) {
      double ret = 0.7 * last + 0.002 * r.nextGaussian();
      last = ret;
      double open = price;
      price *= Math.exp(ret);
      out.add(new Bar("TEST", 1_600_000_000_000L + i * 60_000L, open, Math.max(open, price) * 1.0003, Math.min(open, price) * 0.9997, price, 10 + r.nextDouble()));
    }
    return out;
  }

  @Test
  void theLearnedObjectIsReadAndTheParamsTakeTheirDefaults() {
    Genome g = GenomeLoader.parse(GENOME, "gbt.json");
    assertEquals(LearnedSpec.Label.TRIPLE_BARRIER, g.learned().label());
    assertEquals(LearnedSpec.Calibration.PLATT, g.learned().calibration());
    assertEquals(7, g.learned().features().size());
    assertEquals(1.0, g.get("allow_short"));
    assertEquals(0.5, g.get("exit_probability"), "default");
    assertEquals(3.0, g.get("max_depth"), "default");
    assertEquals(0.02, g.positionFraction(), 1e-12);
    assertEquals("gbt2", g.named("gbt2").name());
    assertEquals(g.learned(), g.named("gbt2").learned(), "a renamed genome keeps its learned part");
  }

  @Test
  void badLearnedGenomesAreRefusedNamingTheField() {
    String unknownFeature = GENOME.replace("\"rsi(14)\"", "\"rsii(14)\"");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> GenomeLoader.parse(unknownFeature, "gbt.json"));
    assertTrue(e.getMessage().startsWith("gbt.json: genome 'gbt': field 'learned.features': 'rsii(14)'"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> GenomeLoader.parse(GENOME.replace("\"platt\"", "\"beta\""), "gbt.json"));
    assertTrue(e.getMessage().contains("field 'learned.calibration' must be isotonic or platt, got beta"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> GenomeLoader.parse(GENOME.replace("\"eta\": 0.3", "\"etaa\": 0.3"), "gbt.json"));
    assertTrue(e.getMessage().contains("unknown field 'params.etaa' for a learned genome"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> GenomeLoader.parse(GENOME.replace("\"activation_delay\": 3", "\"activation_delay\": 200"), "gbt.json"));
    assertTrue(e.getMessage().contains("'params.activation_delay' (200) must be below 'params.retrain_every' (200)"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> GenomeLoader.parse(GENOME.replace("\"train_bars\": 400", "\"train_bars\": 200").replace("\"embargo\": 2", "\"embargo\": 50"), "gbt.json"));
    assertTrue(e.getMessage().contains("field 'params.train_bars' (200) leaves 95 rows to fit and 50 to calibrate"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> GenomeLoader.parse(GENOME.replace("\"features\"", "\"feature\""), "gbt.json"));
    assertTrue(e.getMessage().contains("unknown field 'learned.feature'"), e.getMessage());
  }

  @Test
  void itTradesOnTheCalibratedProbabilityAndAResumeFromACheckpointGivesTheSameSignals() {
    Genome g = GenomeLoader.parse(GENOME, "gbt.json");
    List<Bar> bars = bars(1_400);
    GenomeSpecialist straight = SpecialistFactory.create(g);
    assertTrue(straight instanceof LearnedSpecialist);
    List<Signal> expected = new ArrayList<>();
    for (Bar b : bars) expected.add(straight.onBar(b));
    List<Signal> entries = expected.stream().filter(s -> s != null && s.direction() != Direction.FLAT).toList();
    assertTrue(entries.size() > 10, "entries: " + entries.size());
    for (Signal s : entries) {
      assertTrue(s.confidence() >= 0.55 && s.confidence() < 1, "confidence is the calibrated probability of its side: " + s);
      assertEquals("gbt", s.source());
      double sign = s.direction() == Direction.LONG ? 1 : -1;
      assertTrue(sign * (s.target() - s.stop()) > 0);
    }
    assertTrue(entries.stream().anyMatch(s -> s.direction() == Direction.SHORT), "allow_short");

    GenomeSpecialist first = SpecialistFactory.create(g);
    for (Bar b : bars.subList(0, 700)) first.onBar(b);
    GenomeSpecialist resumed = StateCodec.decode(StateCodec.encode(first), GenomeSpecialist.class);
    List<Signal> after = new ArrayList<>();
    for (Bar b : bars.subList(700, bars.size())) after.add(resumed.onBar(b));
    assertEquals(expected.subList(700, bars.size()), after);
    assertNotNull(((LearnedSpecialist) resumed).model().active());
    assertEquals(((LearnedSpecialist) straight).model().active().sha256(), ((LearnedSpecialist) resumed).model().active().sha256());
  }

  @Test
  void theExampleGenomeLoads() throws Exception {
    Path example = Path.of("../examples/genomes/learned/learned-gbt.json");
    Genome g = GenomeLoader.load(example);
    assertNotNull(g.learned());
    assertTrue(Files.exists(example));
  }
}
