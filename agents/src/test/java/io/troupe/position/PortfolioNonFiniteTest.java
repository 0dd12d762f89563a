package io.troupe.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.ExecutionReport.Fill;
import io.troupe.model.Instrument;
import io.troupe.model.Liquidity;
import io.troupe.model.Side;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A money amount that is not finite is never written (issue 17: after a fill at 1e308, trades.csv got blank fee and
 * P&L fields): the portfolio refuses the fill or the mark, naming the symbol and the time, and keeps its state.
 */
class PortfolioNonFiniteTest {

  private static final long T = Instant.parse("2022-01-11T15:50:00Z").toEpochMilli();

  private static Fill fill(Side side, double qty, double price, double fee) {
    return new Fill("o1", "o1-1", "BTC", T, side, qty, price, fee, Liquidity.TAKER, 0);
  }

  private static Portfolio portfolio() {
    return new Portfolio(10_000, Map.of("BTC", Instrument.spot("BTC")));
  }

  private static void assertNamesSymbolAndTime(NonFiniteAmountException e, String what) {
    assertEquals("BTC", e.symbol());
    assertEquals(T, e.time());
    assertTrue(e.getMessage().startsWith("BTC at 2022-01-11T15:50:00Z: " + what), e.getMessage());
  }

  @Test
  void aFillWhoseNotionalOverflowsIsRefused() {
    Portfolio p = portfolio();
    NonFiniteAmountException e = assertThrows(NonFiniteAmountException.class, () -> p.apply(fill(Side.BUY, 1.8e300, 1e10, 1), "entry", "s"));
    assertNamesSymbolAndTime(e, "notional");
    assertEquals(10_000, p.cash());
    assertTrue(p.position("BTC").isFlat());
  }

  @Test
  void aFeePriceOrQuantityThatIsNotFiniteIsRefused() {
    Portfolio p = portfolio();
    assertNamesSymbolAndTime(assertThrows(NonFiniteAmountException.class, () -> p.apply(fill(Side.BUY, 1, 100, Double.NaN), "entry", "s")), "fee");
    assertNamesSymbolAndTime(
        assertThrows(NonFiniteAmountException.class, () -> p.apply(fill(Side.BUY, 1, Double.POSITIVE_INFINITY, 0), "entry", "s")), "price");
    assertNamesSymbolAndTime(assertThrows(NonFiniteAmountException.class, () -> p.apply(fill(Side.BUY, Double.NaN, 100, 0), "entry", "s")), "quantity");
    assertEquals(10_000, p.cash());
    assertEquals(0, p.fees());
  }

  @Test
  void aRoundTripWhoseProfitOverflowsIsRefusedAndTheBooksStayAsTheyWere() {
    Portfolio p = portfolio();
    p.apply(new Fill("o0", "o0-1", "BTC", T - 60_000, Side.BUY, 1e10, 1e-6, 0, Liquidity.TAKER, 0), "entry", "s");
    double cash = p.cash();
    // Selling 1e10 units at 1.7e308: the notional overflows before any P&L is booked.
    NonFiniteAmountException e = assertThrows(NonFiniteAmountException.class, () -> p.apply(fill(Side.SELL, 1e10, 1.7e308, 0), "take_profit", "s"));
    assertNamesSymbolAndTime(e, "notional");
    assertEquals(cash, p.cash());
    assertEquals(1e10, p.position("BTC").quantity());
    assertEquals(0, p.realizedPnl());
  }

  @Test
  void aCashBalanceThatWouldOverflowIsRefused() {
    Portfolio p = new Portfolio(1e308, Map.of("BTC", Instrument.spot("BTC")));
    p.apply(new Fill("o0", "o0-1", "BTC", T - 60_000, Side.SELL, 1, 5e307, 0, Liquidity.TAKER, 0), "entry", "s");
    assertEquals(1.5e308, p.cash());
    // Selling as much again would take cash past the largest double.
    NonFiniteAmountException e = assertThrows(NonFiniteAmountException.class, () -> p.apply(fill(Side.SELL, 1, 5e307, 0), "entry", "s"));
    assertNamesSymbolAndTime(e, "cash");
    assertEquals(1.5e308, p.cash());
    assertEquals(-1, p.position("BTC").quantity());
  }

  @Test
  void aMarkOrASnapshotThatIsNotFiniteIsRefused() {
    Portfolio p = portfolio();
    p.apply(fill(Side.BUY, 1, 100, 0), "entry", "s");
    assertNamesSymbolAndTime(assertThrows(NonFiniteAmountException.class, () -> p.mark("BTC", Double.NaN, T)), "mark price");
    assertNamesSymbolAndTime(assertThrows(NonFiniteAmountException.class, () -> p.mark("BTC", Double.POSITIVE_INFINITY, T)), "mark price");
    assertEquals(100, p.position("BTC").lastPrice());
    // Cash 7e307 and a position marked at 1.7e308, each finite: their sum, the equity, is not.
    Portfolio two = new Portfolio(1.7e308, Map.of("BTC", Instrument.spot("BTC"), "ETH", Instrument.spot("ETH")));
    two.apply(fill(Side.BUY, 1, 1e308, 0), "entry", "s");
    two.mark("BTC", 1.7e308, T);
    NonFiniteAmountException e = assertThrows(NonFiniteAmountException.class, () -> two.snapshot(T));
    assertTrue(e.getMessage().contains("2022-01-11T15:50:00Z") && e.getMessage().contains("BTC 1.0 at 1.7E308"), e.getMessage());
  }
}
