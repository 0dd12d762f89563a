package io.troupe.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.specialist.GenomeLoader;
import io.troupe.specialist.GenomeSpecialist;
import org.junit.jupiter.api.Test;

/** A hot-swapped genome renamed to its seat keeps what it runs: a strategy genome its strategy, a learned one its model. */
class SpecialistDefinitionRenameTest {

  @Test
  void aRenamedStrategyOrLearnedGenomeKeepsWhatItRuns() {
    var strategy = GenomeLoader.parse("""
        {"name": "sma-trend", "kind": "TRENDING", "strategy": "sma-cross", "params": {"position_pct": 4, "period": 5}}
        """, "sma.json");
    GenomeSpecialist s = (GenomeSpecialist) SpecialistDefinition.of(strategy).strategies("seat-1").get();
    assertEquals("seat-1", s.name());
    assertEquals("sma-cross", s.genome().strategy());
    assertEquals(5.0, s.genome().get("period"));

    var learned = GenomeLoader.parse("""
        {"name": "gbt", "kind": "TRENDING", "learned": {"features": ["return(1)", "rsi(14)"]}, "params": {"position_pct": 2}}
        """, "gbt.json");
    GenomeSpecialist l = (GenomeSpecialist) SpecialistDefinition.of(learned).strategies("seat-2").get();
    assertEquals("seat-2", l.name());
    assertEquals(learned.learned(), l.genome().learned());
  }
}
