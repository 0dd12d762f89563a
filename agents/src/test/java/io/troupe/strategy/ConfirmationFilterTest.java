package io.troupe.strategy;

import static io.troupe.strategy.Bars.bar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.troupe.market.Bar;
import io.troupe.regime.Regime;
import io.troupe.regime.RegimeSettings;
import org.junit.jupiter.api.Test;

class ConfirmationFilterTest {
  private static final int ENTRY_BAR = 120;

  /** Says {@code direction} on bar ENTRY_BAR and nothing else. */
  private static Strategy saying(Direction direction) {
    return new Strategy() {
      @Override
      public String name() {
        return "scripted";
      }

      @Override
      public Signal onBar(Bar bar) {
        return bar.time() == ENTRY_BAR * 60_000L ? Signal.of(bar.symbol(), bar.time(), direction, "scripted") : null;
      }
    };
  }

  /** A calm, steady climb (about 22% annualised volatility, ADX high); the entry bar has {@code entryVolume}. */
  private static Signal feed(ConfirmationFilter f, double entryVolume) {
    double price = 100;
    Signal last = null;
    for (int i = 0; i <= ENTRY_BAR; i++) {
      double next = price * (i % 2 == 0 ? 1.0008 : 1.0002);
      last = f.onBar(bar(i, price, next * 1.0001, price * 0.9999, next, i == ENTRY_BAR ? entryVolume : 10));
      price = next;
    }
    return last;
  }

  @Test
  void allFourChecksAgreeWithALongInACalmUptrend() {
    ConfirmationFilter f = new ConfirmationFilter(saying(Direction.LONG), ConfirmationFilter.Settings.defaults().withMinAgreeing(4));
    assertNotNull(feed(f, 30));
    assertEquals(new ConfirmationFilter.Checks(true, true, true, true), f.lastChecks());
    assertEquals(Regime.TRENDING, f.regime());
  }

  @Test
  void aShortAgainstTheTrendLacksTheTrendCheck() {
    ConfirmationFilter four = new ConfirmationFilter(saying(Direction.SHORT), ConfirmationFilter.Settings.defaults().withMinAgreeing(4));
    assertNull(feed(four, 30));
    assertEquals(new ConfirmationFilter.Checks(true, false, true, true), four.lastChecks());
    ConfirmationFilter two = new ConfirmationFilter(saying(Direction.SHORT), ConfirmationFilter.Settings.defaults());
    assertNotNull(feed(two, 5), "regime and volatility still make two");
  }

  @Test
  void oneAgreeingCheckIsNotEnoughForTwo() {
    // A volatility band the calm climb is below: only the regime check is left for a low-volume short.
    ConfirmationFilter f = new ConfirmationFilter(saying(Direction.SHORT),
        new ConfirmationFilter.Settings(20, 1.0, 25, 50, 150, 2, RegimeSettings.defaults()));
    assertNull(feed(f, 5));
    assertEquals(1, f.lastChecks().agreeing());
  }

  @Test
  void exitsAlwaysPass() {
    ConfirmationFilter f = new ConfirmationFilter(saying(Direction.FLAT), ConfirmationFilter.Settings.defaults().withMinAgreeing(4));
    assertEquals(Direction.FLAT, feed(f, 0).direction());
  }
}
