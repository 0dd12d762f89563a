package io.troupe.regime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegimeTimelineTest {

  @Test
  void spansSharesAndLookups() {
    RegimeTimeline t = new RegimeTimeline();
    t.add(0, null);
    t.add(60, Regime.RANGING);
    t.add(120, Regime.RANGING);
    t.add(180, Regime.TRENDING);
    t.add(240, Regime.RANGING);
    t.add(300, Regime.RANGING);
    t.add(360, Regime.RANGING);
    assertEquals(List.of(
        new RegimeTimeline.Span(Regime.RANGING, 60, 180, 2),
        new RegimeTimeline.Span(Regime.TRENDING, 180, 240, 1),
        new RegimeTimeline.Span(Regime.RANGING, 240, 420, 3)), t.spans());
    var shares = t.shares();
    assertEquals(300.0 / 360, shares.get(Regime.RANGING).timeShare(), 1e-12);
    assertEquals(2.5, shares.get(Regime.RANGING).averageSpanBars(), 1e-12);
    assertEquals(0, shares.get(Regime.CRISIS).spans());
    assertEquals(2.0, t.averageSpanBars(), 1e-12);
    assertNull(t.regimeAt(30));
    assertEquals(Regime.TRENDING, t.regimeAt(200));
    assertEquals(Regime.RANGING, t.regimeAt(10_000));
  }
}
