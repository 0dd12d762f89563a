package io.troupe.regime;

import static io.troupe.regime.Regime.CRISIS;
import static io.troupe.regime.Regime.RANGING;
import static io.troupe.regime.Regime.TRENDING;
import static io.troupe.regime.Regime.VOLATILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RegimeConfirmationTest {

  private static long clock;

  static RegimeReading reading(Regime r) {
    return new RegimeReading(++clock, r, 22.5, 1.1, 30.0, 0.1, false, false);
  }

  static List<RegimeChange> feed(RegimeConfirmation c, Regime... regimes) {
    List<RegimeChange> changes = new ArrayList<>();
    for (Regime r : regimes) {
      RegimeChange ch = c.offer(reading(r));
      if (ch != null) changes.add(ch);
    }
    return changes;
  }

  @Test
  void firstRegimeIsConfirmedByThreeAgreeingReadings() {
    RegimeConfirmation c = RegimeConfirmation.of(RegimeSettings.defaults());
    assertEquals(List.of(), feed(c, RANGING, RANGING));
    assertNull(c.current());
    List<RegimeChange> changes = feed(c, RANGING);
    assertEquals(1, changes.size());
    assertNull(changes.get(0).from());
    assertEquals(RANGING, changes.get(0).to());
    assertEquals(RANGING, c.current());
  }

  @Test
  void threeAgreeingReadingsSwitchAndTheEventCarriesTheIndicators() {
    RegimeConfirmation c = RegimeConfirmation.of(RegimeSettings.defaults());
    feed(c, RANGING, RANGING, RANGING, RANGING, RANGING);
    RegimeReading last = new RegimeReading(999, TRENDING, 31.0, 1.2, 20.0, 0.0, false, false);
    assertEquals(List.of(), feed(c, TRENDING, TRENDING));
    RegimeChange change = c.offer(last);
    assertNotNull(change);
    assertEquals(RANGING, change.from());
    assertEquals(TRENDING, change.to());
    assertEquals(999, change.time());
    assertEquals(31.0, change.reading().adx());
    assertEquals(TRENDING, c.current());
  }

  @Test
  void threeOfFiveEndingWithTwoInARowSwitch() {
    RegimeConfirmation c = RegimeConfirmation.of(RegimeSettings.defaults());
    feed(c, RANGING, RANGING, RANGING);
    // V R V V: 3 VOLATILE of the last 5 (R V R V V), the latest two agree.
    List<RegimeChange> changes = feed(c, VOLATILE, RANGING, VOLATILE, VOLATILE);
    assertEquals(1, changes.size());
    assertEquals(VOLATILE, changes.get(0).to());
  }

  @Test
  void alternatingReadingsNeverSwitch() {
    RegimeConfirmation c = RegimeConfirmation.of(RegimeSettings.defaults());
    feed(c, RANGING, RANGING, RANGING);
    for (int i = 0; i < 50; i++) {
      assertEquals(List.of(), feed(c, TRENDING, RANGING));
    }
    // Alternating between two other regimes does not leave the confirmed one either.
    for (int i = 0; i < 50; i++) {
      assertEquals(List.of(), feed(c, CRISIS, VOLATILE));
    }
    assertEquals(RANGING, c.current());
  }

  @Test
  void theBareCountRuleFlipsOnAlternationWhichIsWhyTwoInARowIsTheDefault() {
    RegimeConfirmation bare = new RegimeConfirmation(5, 3, 1);
    feed(bare, RANGING, RANGING, RANGING);
    List<RegimeChange> changes = feed(bare, TRENDING, RANGING, TRENDING, RANGING, TRENDING, RANGING, TRENDING, RANGING);
    assertTrue(changes.size() >= 3, changes.toString());
  }

  @Test
  void twoAgreeingReadingsAreNotEnough() {
    RegimeConfirmation c = RegimeConfirmation.of(RegimeSettings.defaults());
    feed(c, RANGING, RANGING, RANGING);
    assertEquals(List.of(), feed(c, CRISIS, CRISIS, RANGING, RANGING, RANGING));
    assertEquals(RANGING, c.current());
  }

  @Test
  void rulesThatCouldConfirmTwoRegimesAtOnceAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new RegimeConfirmation(6, 3, 1));
    assertThrows(IllegalArgumentException.class, () -> new RegimeConfirmation(5, 3, 4));
  }

  /** Whatever the readings, a switch happens only with 3 of the last 5 and the last 2 being the new regime. */
  @Property(tries = 300)
  void everySwitchHasThreeOfTheLastFive(@ForAll @Size(min = 1, max = 60) List<Regime> readings) {
    RegimeConfirmation c = RegimeConfirmation.of(RegimeSettings.defaults());
    List<Regime> seen = new ArrayList<>();
    for (Regime r : readings) {
      seen.add(r);
      RegimeChange ch = c.offer(reading(r));
      if (ch != null) {
        List<Regime> lastFive = seen.subList(Math.max(0, seen.size() - 5), seen.size());
        assertEquals(true, lastFive.stream().filter(x -> x == ch.to()).count() >= 3, lastFive.toString());
        assertEquals(ch.to(), seen.get(seen.size() - 2));
        assertEquals(ch.to(), c.current());
      }
    }
  }
}
