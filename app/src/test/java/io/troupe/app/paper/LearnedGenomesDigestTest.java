package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.troupe.specialist.Genome;
import io.troupe.specialist.GenomeLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A session's genomes digest covers a learned genome's features: a resume with other features is another session's genomes. */
class LearnedGenomesDigestTest {

  @Test
  void theFeaturesLabelAndCalibrationChangeTheDigest() throws Exception {
    String text = Files.readString(Path.of("../examples/genomes/learned/learned-gbt.json"));
    Genome g = GenomeLoader.parse(text, "a.json");
    Genome sameAgain = GenomeLoader.parse(text, "b.json");
    Genome fewer = GenomeLoader.parse(text.replace("\"return(1)\", ", ""), "c.json");
    Genome platt = GenomeLoader.parse(text.replace("\"isotonic\"", "\"platt\""), "d.json");
    assertEquals(PaperRunner.genomesDigest(List.of(g)), PaperRunner.genomesDigest(List.of(sameAgain)));
    assertNotEquals(PaperRunner.genomesDigest(List.of(g)), PaperRunner.genomesDigest(List.of(fewer)));
    assertNotEquals(PaperRunner.genomesDigest(List.of(g)), PaperRunner.genomesDigest(List.of(platt)));
  }
}
