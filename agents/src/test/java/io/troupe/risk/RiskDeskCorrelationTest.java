package io.troupe.risk;

import io.troupe.model.OrderIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.Instrument;
import io.troupe.market.Bar;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.Position;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The correlation rule fed by the desk's own view of every symbol's returns, step by step. */
class RiskDeskCorrelationTest {

  private static final long MIN = 60_000;

  private static RiskDesk desk() {
    return new RiskDesk(RiskLimits.defaults(), BreakerSettings.defaults(),
        Map.of("A", Instrument.spot("A"), "B", Instrument.spot("B"), "C", Instrument.spot("C")), true);
  }

  /** A and B move together; C moves on its own. Returns the last closes. */
  private static double[] feed(RiskDesk desk, int steps) {
    Random rnd = new Random(7);
    double a = 100;
    double c = 100;
    AccountSnapshot flat = new AccountSnapshot(0, 10_000, 10_000, 0, 0, Map.of());
    for (int i = 0; i < steps; i++) {
      a *= 1 + rnd.nextGaussian() * 0.01;
      c *= 1 + rnd.nextGaussian() * 0.01;
      List<Bar> bars = List.of(bar("A", i, a), bar("B", i, a * 2), bar("C", i, c));
      desk.decide(i * MIN, bars, flat, Map.of(), Map.of(), List.of(), List.of(), List.of(), List.of());
    }
    return new double[] {a, c};
  }

  private static Bar bar(String s, long i, double p) {
    return new Bar(s, i * MIN, p, p, p, p, 1);
  }

  @Test
  void anEntryTooCorrelatedWithAnOpenPositionIsRefused() {
    RiskDesk desk = desk();
    double[] last = feed(desk, 60);
    long t = 60 * MIN;
    AccountSnapshot holdingA = new AccountSnapshot(t, 9_500, 10_000, 0, 0.05,
        Map.of("A", new Position("A", 5, last[0], 0, 0, 0, "s", last[0])));
    List<Bar> step = List.of(bar("A", 60, last[0]), bar("B", 60, last[0] * 2), bar("C", 60, last[1]));
    OrderIntent intoB = OrderIntent.entry("B", t, 2, last[0] * 2, "s", "signal_long");
    OrderIntent intoC = OrderIntent.entry("C", t, 4, last[1], "s", "signal_long");
    RiskDesk.Outcome o = desk.decide(t, step, holdingA, Map.of(), Map.of(), List.of(), List.of(), List.of(), List.of(intoB, intoC));
    assertEquals(Map.of("correlation", 1), desk.vetoesByReason(), "B moves exactly with A");
    assertEquals(1, o.orders().size());
    assertEquals("C", o.orders().get(0).symbol());
    assertTrue(desk.vetoes().get(0).detail().length() > 0);
  }
}
