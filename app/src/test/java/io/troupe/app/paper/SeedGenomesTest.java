package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.troupe.specialist.Genome;
import io.troupe.specialist.GenomeLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A paper session records its specialists' genomes by digest; one journaled before they were recorded ran the design's
 * seed genomes, whose digest the runner knows.
 */
class SeedGenomesTest {

  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theSeedGenomesHaveTheDigestTheRunnerKnows() {
    assertEquals(PaperRunner.SEED_GENOMES, PaperRunner.genomesDigest(GenomeLoader.loadAll(HOME.resolve("examples/genomes/seed"))));
  }

  @Test
  void theDigestFollowsEveryFieldAndNotTheOrder() {
    List<Genome> shipped = GenomeLoader.loadAll(HOME.resolve("config/specialists"));
    List<Genome> reversed = new ArrayList<>(shipped);
    java.util.Collections.reverse(reversed);
    assertEquals(PaperRunner.genomesDigest(shipped), PaperRunner.genomesDigest(reversed));
    assertNotEquals(PaperRunner.SEED_GENOMES, PaperRunner.genomesDigest(shipped), "the shipped genomes are not the seed ones");
    Genome first = shipped.get(0);
    java.util.Map<String, Double> params = new java.util.TreeMap<>(first.params());
    String k = params.keySet().iterator().next();
    params.put(k, params.get(k) + 1);
    List<Genome> changed = new ArrayList<>(shipped);
    changed.set(0, new Genome(first.name(), first.kind(), params, first.strategy()));
    assertNotEquals(PaperRunner.genomesDigest(shipped), PaperRunner.genomesDigest(changed));
  }
}
