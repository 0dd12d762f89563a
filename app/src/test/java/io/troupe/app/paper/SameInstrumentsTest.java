package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.Instrument;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A resume compares instruments; one journaled before quote currencies and kinds were apart is read as written then. */
class SameInstrumentsTest {

  private static final Instrument PERP_NOW = new Instrument("BTC-PERP", Instrument.Kind.PERPETUAL, "USD", 0, 0, 0, 1, 0, Instrument.Settlement.CASH, 1);

  @Test
  void aSessionJournaledAsSpotBeforeKindsResumesAsThePerpetualItWas() {
    // As Jackson reads an old journal: no quote, settlement or rate; the kind was SPOT for every instrument paid in full.
    Instrument old = new Instrument("BTC-PERP", Instrument.Kind.SPOT, null, 0, 0, 0, 1, 0, null, 0);
    assertTrue(PaperRunner.sameInstruments(Map.of("BTC-PERP", old), Map.of("BTC-PERP", PERP_NOW)));
  }

  @Test
  void otherTermsAreRefusedOldOrNew() {
    Instrument oldWithTick = new Instrument("BTC-PERP", Instrument.Kind.SPOT, null, 0.5, 0, 0, 1, 0, null, 0);
    assertFalse(PaperRunner.sameInstruments(Map.of("BTC-PERP", oldWithTick), Map.of("BTC-PERP", PERP_NOW)));
    Instrument oldMargined = new Instrument("BTC-PERP", Instrument.Kind.FUTURE, null, 0, 0, 0, 1, 0, null, 0);
    assertFalse(PaperRunner.sameInstruments(Map.of("BTC-PERP", oldMargined), Map.of("BTC-PERP", PERP_NOW)));
    assertFalse(PaperRunner.sameInstruments(Map.of("BTC-PERP", PERP_NOW), Map.of("BTC-PERP", PERP_NOW.withMinNotional(5))));
    assertFalse(PaperRunner.sameInstruments(Map.of("BTC-PERP", PERP_NOW), Map.of("ETH-PERP", PERP_NOW)));
  }
}
