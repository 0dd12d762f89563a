package io.troupe.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.market.Bar;
import io.troupe.portfolio.AllocationSettings;
import io.troupe.model.RoundTrip;
import io.troupe.regime.Regime;
import io.troupe.regime.RegimeChange;
import io.troupe.regime.RegimeSettings;
import io.troupe.regime.RegimeSource;
import io.troupe.sizing.SizingRule;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each specialist sizes from the capital allocated to it, which follows its own trades and is rebalanced on drift. */
class CapitalAllocationSizingTest {

  /** Always trending: the trending specialist is in charge. */
  private static final RegimeSource TRENDING = new RegimeSource() {
    @Override
    public RegimeChange update(Bar bar) {
      return null;
    }

    @Override
    public Regime confirmed() {
      return Regime.TRENDING;
    }
  };

  private static MetaController meta() {
    Map<Regime, String> byRegime = new EnumMap<>(Regime.class);
    byRegime.put(Regime.TRENDING, "trending");
    AllocationSettings allocation = new AllocationSettings(Map.of("trending", 0.4, "ranging", 0.6), 0.10, 0);
    MetaSettings s = new MetaSettings(MetaSettings.Mode.SELECT, PositionSizing.fractionOfEquity(0.05), RegimeSettings.defaults(), byRegime,
        Map.of(), Map.of("trending", 0.10), SpecialistSelector.Settings.defaults(), new RegimeSizing(1, 1, 100, 1),
        EnsembleVote.Settings.defaults(), 5, 0, SizingRule.fixed(), allocation);
    return new MetaController("BTC", List.of("trending", "ranging"), s, 1, 10_000, TRENDING);
  }

  private static double entryQuantity(MetaController m, long t) {
    Bar bar = new Bar("BTC", t, 100, 100, 100, 100, 1);
    return m.decide(bar, Map.of("trending", Signal.of("BTC", t, Direction.LONG, "trending"))).intent().targetQuantity();
  }

  @Test
  void aSpecialistSizesFromItsAllocationAndIsRebalancedOnceItDriftsPastTenPercent() {
    MetaController m = meta();
    m.onAccount(10_000, 0);
    // 40% of 10,000 allocated; its genome takes 10% of that per position: 400 / 100 = 4 units.
    assertEquals(4, entryQuantity(m, 0), 1e-9);

    // It loses 300: its 3,700 is 4.6% under 40% of the 9,700 equity, within the 10% drift: the loss stays with it.
    m.onTrades(List.of(new RoundTrip("BTC", "long", 0, 100, 1, 99.7, 1000, 0, -300, "stop_loss", "trending")));
    m.onAccount(9_700, 0);
    assertEquals((4_000 - 300) * 0.10 / 100, entryQuantity(m, 2), 1e-9);

    // Another 600: its 3,100 is now 14.8% under 40% of the 9,100 equity, beyond the drift: back to that target.
    m.onTrades(List.of(new RoundTrip("BTC", "long", 3, 100, 4, 99.4, 1000, 0, -600, "stop_loss", "trending")));
    m.onAccount(9_100, 0);
    assertEquals(9_100 * 0.4 * 0.10 / 100, entryQuantity(m, 5), 1e-9);
  }
}
