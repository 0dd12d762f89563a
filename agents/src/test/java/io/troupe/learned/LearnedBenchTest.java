package io.troupe.learned;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench runs and prints each of its figures (their values are not checked: the machine is shared). */
class LearnedBenchTest {
  @TempDir Path dir;

  @Test
  void itPrintsTheCostPerBarAndPerRetrain() throws Exception {
    Path genome = dir.resolve("g.json");
    Files.writeString(genome, """
        {"name": "bench", "kind": "TRENDING", "learned": {"features": ["return(1)", "rsi(14)", "volume_z(24)"]},
         "params": {"position_pct": 1, "horizon": 12, "train_bars": 1000, "retrain_every": 500, "embargo": 6, "trees": 10}}
        """);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LearnedBench.run(genome, Path.of("../data/ETH_BTC-5m.json"), 1, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    for (String s : new String[] {"5,760 bars", "walk-forward over the file", "features, per bar", "retrain: trees + calibration", "inference: trees + calibration, per bar"}) {
      assertTrue(out.contains(s), s + " in\n" + out);
    }
  }
}
