package io.troupe.adviser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.adviser.AdviceVerdict.Opinion;
import io.troupe.adviser.AdviceVerdict.Outcome;
import io.troupe.model.InvalidInputException;
import io.troupe.model.OrderIntent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdviserQuorumTest {

  static final List<AdviserSettings.Endpoint> THREE = List.of(endpoint("a"), endpoint("b"), endpoint("c"));

  static AdviserSettings.Endpoint endpoint(String name) {
    return new AdviserSettings.Endpoint(name, "http://127.0.0.1:1/v1", "m-" + name, "", 200);
  }

  static AdviserSettings settings(int quorum, AdviserSettings.Action action, double minConfidence) {
    return new AdviserSettings(THREE, quorum, action, 0.5, minConfidence, Duration.ofSeconds(1), false, true);
  }

  static AdviceVerdict veto(String e, double c) {
    return new AdviceVerdict(e, Opinion.VETO, c, "no", Outcome.ANSWERED);
  }

  static AdviceVerdict approve(String e, double c) {
    return new AdviceVerdict(e, Opinion.APPROVE, c, "yes", Outcome.ANSWERED);
  }

  static AdviceVerdict none(String e, Outcome o) {
    return AdviceVerdict.none(e, o, "why");
  }

  private static final OrderIntent LONG_2 = OrderIntent.entry("BTC", 1000, 2.0, 100, "trending", "signal_long");

  @Test
  void twoVetoesOfThreeVetoTheEntryAndTheRulingSaysWhy() {
    AdviserQuorum q = new AdviserQuorum(settings(2, AdviserSettings.Action.VETO, 0));
    AdviserQuorum.Outcome o = q.rule(LONG_2, 0, "h", List.of(veto("a", 0.9), approve("b", 0.8), veto("c", 0.6)));
    assertNull(o.intent());
    assertEquals(AdviceRuling.Action.VETO, o.ruling().action());
    assertEquals(2.0, o.ruling().targetBefore());
    assertEquals(0.0, o.ruling().targetAfter());
    assertEquals("2 veto, 1 approve, 0 no opinion; quorum 2 of 3", o.ruling().reason());
  }

  @Test
  void oneVetoShortOfTheQuorumPassesTheIntentUnchanged() {
    AdviserQuorum q = new AdviserQuorum(settings(2, AdviserSettings.Action.VETO, 0));
    AdviserQuorum.Outcome o = q.rule(LONG_2, 0, "h", List.of(veto("a", 0.9), approve("b", 0.8), none("c", Outcome.TIMEOUT)));
    assertSame(LONG_2, o.intent());
    assertEquals(AdviceRuling.Action.PASS, o.ruling().action());
  }

  @Test
  void noOpinionsNeverVeto() {
    AdviserQuorum q = new AdviserQuorum(settings(1, AdviserSettings.Action.VETO, 0));
    AdviserQuorum.Outcome o = q.rule(LONG_2, 0, "h", List.of(none("a", Outcome.TIMEOUT), none("b", Outcome.MALFORMED), none("c", Outcome.ERROR)));
    assertSame(LONG_2, o.intent());
    assertEquals("0 veto, 0 approve, 3 no opinion; quorum 1 of 3", o.ruling().reason());
  }

  @Test
  void vetoesBelowTheLeastConfidenceDoNotCount() {
    AdviserQuorum q = new AdviserQuorum(settings(2, AdviserSettings.Action.VETO, 0.7));
    AdviserQuorum.Outcome o = q.rule(LONG_2, 0, "h", List.of(veto("a", 0.9), veto("b", 0.5), approve("c", 0.9)));
    assertSame(LONG_2, o.intent());
    assertEquals("1 veto, 1 approve, 1 no opinion; quorum 2 of 3", o.ruling().reason());
  }

  @Test
  void scaleShrinksTheChangeAskedForNotThePositionHeld() {
    AdviserQuorum q = new AdviserQuorum(settings(2, AdviserSettings.Action.SCALE, 0));
    // Holding 1, asking for 3: the added 2 becomes 1, so the target is 2.
    OrderIntent add = OrderIntent.entry("BTC", 1000, 3.0, 100, "trending", "signal_long");
    AdviserQuorum.Outcome o = q.rule(add, 1.0, "h", List.of(veto("a", 1), veto("b", 1), veto("c", 1)));
    assertEquals(2.0, o.intent().targetQuantity());
    assertEquals(AdviceRuling.Action.SCALE, o.ruling().action());
    assertEquals(100, o.intent().referencePrice());
    assertEquals("signal_long", o.intent().reason());
    // A short from flat scales toward flat.
    OrderIntent shortEntry = OrderIntent.entry("BTC", 1000, -4.0, 100, "crisis", "signal_short");
    assertEquals(-2.0, q.rule(shortEntry, 0, "h", List.of(veto("a", 1), veto("b", 1), approve("c", 1))).intent().targetQuantity());
  }

  @Test
  void onlyOpeningAddingOrFlippingIntentsAreEntries() {
    assertTrue(AdviserQuorum.isEntry(LONG_2, 0));
    assertTrue(AdviserQuorum.isEntry(LONG_2, 1));
    assertTrue(AdviserQuorum.isEntry(LONG_2, -1));
    assertFalse(AdviserQuorum.isEntry(LONG_2, 2), "the same position");
    assertFalse(AdviserQuorum.isEntry(LONG_2, 3), "a reduction");
    assertFalse(AdviserQuorum.isEntry(OrderIntent.entry("BTC", 1, 0, 100, "x", "signal_exit"), 1), "a signal's exit");
    assertFalse(AdviserQuorum.isEntry(OrderIntent.exit("BTC", 1, 100, "x", "stop_loss"), 1));
  }

  @Test
  void settingsRefuseAQuorumLargerThanTheEndpoints() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new AdviserSettings(THREE, 4, AdviserSettings.Action.VETO, 0.5, 0, Duration.ofSeconds(1), false, true));
    assertEquals("troupe.adviser.quorum must be between 1 and the number of endpoints (3), got 4", e.getMessage());
  }
}
