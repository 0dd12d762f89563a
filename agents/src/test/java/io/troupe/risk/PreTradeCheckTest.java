package io.troupe.risk;

import io.troupe.model.OrderIntent;
import io.troupe.model.TradingState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.Instrument;
import io.troupe.model.Side;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.Position;
import io.troupe.risk.RiskDecision.Vetoed;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreTradeCheckTest {

  private final PreTradeCheck check = new PreTradeCheck(new RiskLimits(0.10, 0.0));
  private final Instrument btc = Instrument.spot("BTC");

  private static AccountSnapshot account(double cash, double equity, double qty, double price) {
    return new AccountSnapshot(0, cash, equity, 0, 0,
        Map.of("BTC", new Position("BTC", qty, price, 0, 0, 0, "s", price)));
  }

  @Test
  void maxPositionVetoesAnEntryLargerThanTenPercentOfEquity() {
    RiskDecision d = check.check(TradingState.ACTIVE, OrderIntent.entry("BTC", 1, 11, 100, "s", "signal_long"), account(10_000, 10_000, 0, 100), 0, btc);
    Vetoed v = assertInstanceOf(Vetoed.class, d);
    assertEquals(PreTradeCheck.MAX_POSITION, v.reason());
    assertInstanceOf(RiskDecision.Approved.class,
        check.check(TradingState.ACTIVE, OrderIntent.entry("BTC", 1, 10, 100, "s", "signal_long"), account(10_000, 10_000, 0, 100), 0, btc));
  }

  @Test
  void availableCashVetoesWhatCashCannotPay() {
    PreTradeCheck loose = new PreTradeCheck(new RiskLimits(1.0, 0.0));
    RiskDecision d = loose.check(TradingState.ACTIVE, OrderIntent.entry("BTC", 1, 6, 100, "s", "signal_long"), account(500, 10_000, 0, 100), 0, btc);
    assertEquals(PreTradeCheck.INSUFFICIENT_CASH, assertInstanceOf(Vetoed.class, d).reason());
  }

  @Test
  void haltedDeniesEntriesButLetsShrinkingExitsThrough() {
    AccountSnapshot acct = account(9_000, 10_000, 5, 100);
    assertEquals(PreTradeCheck.HALTED,
        assertInstanceOf(Vetoed.class, check.check(TradingState.HALTED, OrderIntent.entry("BTC", 1, 8, 100, "s", "x"), acct, 0, btc)).reason());
    RiskDecision.Approved exit = assertInstanceOf(RiskDecision.Approved.class,
        check.check(TradingState.HALTED, OrderIntent.exit("BTC", 1, 100, "s", "stop_loss"), acct, 0, btc));
    assertEquals(Side.SELL, exit.side());
    assertEquals(5, exit.quantity(), 1e-9);
    assertTrue(exit.reduceOnly());
  }

  @Test
  void reducingRefusesAFlipAndAcceptsAShrink() {
    AccountSnapshot acct = account(9_000, 10_000, 5, 100);
    assertEquals(PreTradeCheck.REDUCING_ONLY,
        assertInstanceOf(Vetoed.class, check.check(TradingState.REDUCING, OrderIntent.entry("BTC", 1, -5, 100, "s", "flip"), acct, 0, btc)).reason());
    assertInstanceOf(RiskDecision.Approved.class, check.check(TradingState.REDUCING, OrderIntent.entry("BTC", 1, 2, 100, "s", "trim"), acct, 0, btc));
  }

  @Test
  void workingOrdersCountTowardsTheTargetSoAnIntentIsNotOrderedTwice() {
    AccountSnapshot acct = account(10_000, 10_000, 0, 100);
    assertInstanceOf(RiskDecision.NoChange.class,
        check.check(TradingState.ACTIVE, OrderIntent.entry("BTC", 1, 5, 100, "s", "x"), acct, 5, btc));
  }

  @Test
  void anEntryBelowTheMinimumNotionalIsVetoedNamingItAndAnExitIsNot() {
    Instrument small = Instrument.spot("BTC").withQuoteCurrency("USDT").withMinNotional(500);
    PreTradeCheck loose = new PreTradeCheck(new RiskLimits(1.0, 0.0));
    Vetoed v = assertInstanceOf(Vetoed.class,
        loose.check(TradingState.ACTIVE, OrderIntent.entry("BTC", 1, 4, 100, "s", "signal_long"), account(10_000, 10_000, 0, 100), 0, small));
    assertEquals(PreTradeCheck.MIN_NOTIONAL, v.reason());
    assertEquals("order notional 400 USDT (4 at 100) is below the minimum notional 500 of BTC", v.detail());
    assertInstanceOf(RiskDecision.Approved.class,
        loose.check(TradingState.ACTIVE, OrderIntent.entry("BTC", 1, 5, 100, "s", "signal_long"), account(10_000, 10_000, 0, 100), 0, small));
    // Closing 2 units (200 of notional) is never held back by it.
    RiskDecision.Approved exit = assertInstanceOf(RiskDecision.Approved.class,
        loose.check(TradingState.ACTIVE, OrderIntent.exit("BTC", 1, 100, "s", "stop_loss"), account(9_800, 10_000, 2, 100), 0, small));
    assertTrue(exit.reduceOnly());
  }
}
