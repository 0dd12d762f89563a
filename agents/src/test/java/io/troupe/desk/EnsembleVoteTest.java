package io.troupe.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleVoteTest {
  private static final List<String> FIVE = List.of("a", "b", "c", "d", "e");
  private final SpecialistScorecard card = SpecialistScorecard.defaults();
  private final EnsembleVote vote = new EnsembleVote(FIVE, card, EnsembleVote.Settings.defaults());

  private static Signal say(Direction d, double stop, double target) {
    return new Signal("BTC", 1, d, 1, 1, stop, target, "x");
  }

  @Test
  void tradesOnlyAtConsensusOfThreeOfFive() {
    vote.onSignal("a", say(Direction.LONG, 90, 120));
    vote.onSignal("b", say(Direction.LONG, 94, Double.NaN));
    assertFalse(vote.tally("BTC", 1).consensus(), "2 of 5");
    vote.onSignal("c", say(Direction.SHORT, 110, 80));
    vote.onSignal("d", say(Direction.FLAT, Double.NaN, Double.NaN));
    assertFalse(vote.tally("BTC", 1).consensus(), "split 2-1-1");
    vote.onSignal("c", say(Direction.LONG, 92, 110));
    EnsembleVote.Outcome o = vote.tally("BTC", 2);
    assertTrue(o.consensus());
    assertEquals(Direction.LONG, o.direction());
    assertEquals(3, o.agreeing());
    assertEquals(0.6, o.weightShare(), 1e-12, "equal weights, 3 of 5");
    assertEquals(92, o.signal().stop(), 1e-12, "weighted mean of the voters' stops");
    assertEquals(115, o.signal().target(), 1e-12, "of the targets that were given");
    assertEquals(EnsembleVote.SOURCE, o.signal().source());
    assertEquals(2, o.signal().time());
  }

  @Test
  void aRunOfWrongCallsCutsAVotersWeightUntilItIsRightAgain() {
    double before = vote.weight("a");
    assertEquals(0.5, before, 1e-12, "no record: 0.5");
    long t = 0;
    for (int i = 0; i < 6; i++) {
      card.recordCall("a", new Signal("BTC", t, Direction.LONG, 1, 1, Double.NaN, Double.NaN, "a"), 100);
      for (int k = 0; k < 5; k++) card.onBar(new Bar("BTC", ++t * 60_000, 100, 100, 99, 99, 1)); // price fell: wrong
    }
    assertEquals(0.0, card.recentAccuracy("a"), 1e-12);
    double hitRate = 1.0 / 8; // (0 hits + 1) / (6 calls + 2)
    assertEquals(hitRate * 0.25, vote.weight("a"), 1e-12);
    for (int i = 0; i < 10; i++) card.recordOutcome("a", true); // 10 of the last 16 right: 62.5% >= 55%
    assertEquals(11.0 / 18, vote.weight("a"), 1e-12, "penalty lifted");
  }

  /** A learned specialist's confidence is its calibrated probability: a hesitant stance weighs less than a sure one. */
  @Test
  void aStanceWeighsItsVotersWeightTimesItsConfidence() {
    EnsembleVote twoOfFive = new EnsembleVote(FIVE, card, new EnsembleVote.Settings(2, 0.3, 5, 0.55, 0.25));
    twoOfFive.onSignal("a", new Signal("BTC", 1, Direction.LONG, 1, 0.9, Double.NaN, Double.NaN, "a"));
    twoOfFive.onSignal("b", new Signal("BTC", 1, Direction.LONG, 1, 0.7, Double.NaN, Double.NaN, "b"));
    EnsembleVote.Outcome o = twoOfFive.tally("BTC", 1);
    // Weights 0.5 each (no record): (0.5 * 0.9 + 0.5 * 0.7) / (5 * 0.5) = 0.32.
    assertEquals(0.32, o.weightShare(), 1e-12);
    assertEquals(0.4, o.signal().confidence(), 1e-12, "the agreeing stances' mean weighted confidence");
    twoOfFive.onSignal("b", new Signal("BTC", 1, Direction.LONG, 1, 0.5, Double.NaN, Double.NaN, "b"));
    assertFalse(twoOfFive.tally("BTC", 1).consensus(), "0.28 of the weight: below 0.3");
  }

  @Test
  void lowWeightVotersCannotCarryAConsensusAlone() {
    for (String v : List.of("a", "b", "c")) for (int i = 0; i < 10; i++) card.recordOutcome(v, false);
    for (String v : List.of("d", "e")) for (int i = 0; i < 10; i++) card.recordOutcome(v, true);
    for (String v : List.of("a", "b", "c")) vote.onSignal(v, say(Direction.LONG, Double.NaN, Double.NaN));
    EnsembleVote.Outcome o = vote.tally("BTC", 1);
    assertFalse(o.consensus(), "three agree but hold " + o.weights());
    assertNull(o.signal());
    assertEquals(3, o.agreeing());
  }

  @Test
  void abstainersCountAgainstTheShare() {
    EnsembleVote strict = new EnsembleVote(FIVE, card, new EnsembleVote.Settings(2, 0.5, 5, 0.55, 0.25));
    strict.onSignal("a", say(Direction.SHORT, Double.NaN, Double.NaN));
    strict.onSignal("b", say(Direction.SHORT, Double.NaN, Double.NaN));
    assertFalse(strict.tally("BTC", 1).consensus(), "2 of 5 weights is 40%");
  }
}
