package io.troupe.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.Instrument;
import io.troupe.model.InvalidInputException;
import io.troupe.model.OrderIntent;
import io.troupe.model.Position;
import io.troupe.model.TradingState;
import io.troupe.risk.RiskDecision.Vetoed;
import java.io.File;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whatever the limits say, the risk supervisor refuses an absurd order (issue 17: after a bar at 1e308 the next trade
 * bought 1.8e300 BTC): a quantity, price or notional that is not finite, or an order that opens or adds with a notional
 * above the hard cap times equity.
 */
class AbsurdOrderTest {

  private final Instrument btc = Instrument.spot("BTC");

  /** Limits that would let almost anything through: a position of 5000% of equity, no other rule. */
  private static RiskLimits anythingGoes(double hardCap) {
    return new RiskLimits(50.0, 0, 0, 0.005, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, hardCap);
  }

  private static AccountSnapshot account(double cash, double equity, double qty, double price) {
    return new AccountSnapshot(0, cash, equity, 0, 0, Map.of("BTC", new Position("BTC", qty, price, 0, 0, 0, "s", price)));
  }

  private RiskDecision check(RiskLimits limits, TradingState state, OrderIntent intent, AccountSnapshot account) {
    return new PreTradeCheck(limits).check(state, intent, account, 0, btc);
  }

  private static String vetoReason(RiskDecision d) {
    return assertInstanceOf(Vetoed.class, d).reason();
  }

  @Test
  void anEntryAboveTenTimesEquityIsRefusedWhateverTheLimitsSay() {
    // 25 BTC at 10,000 = 250,000: 25x equity, within a max position of 5000%.
    RiskDecision d = check(anythingGoes(RiskLimits.DEFAULT_HARD_CAP), TradingState.ACTIVE,
        OrderIntent.entry("BTC", 1, 25, 10_000, "s", "signal_long"), account(1e9, 10_000, 0, 10_000));
    Vetoed v = assertInstanceOf(Vetoed.class, d);
    assertEquals(PreTradeCheck.ABSURD_ORDER, v.reason());
    assertTrue(v.detail().contains("25.0x equity") && v.detail().contains("hard cap is 10x"), v.detail());
    // 9x equity passes the hard cap (and these limits).
    assertInstanceOf(RiskDecision.Approved.class, check(anythingGoes(RiskLimits.DEFAULT_HARD_CAP), TradingState.ACTIVE,
        OrderIntent.entry("BTC", 1, 9, 10_000, "s", "signal_long"), account(1e9, 10_000, 0, 10_000)));
  }

  @Test
  void theHardCapIsConfigurable() {
    OrderIntent fiveTimes = OrderIntent.entry("BTC", 1, 5, 10_000, "s", "signal_long");
    assertEquals(PreTradeCheck.ABSURD_ORDER, vetoReason(check(anythingGoes(2), TradingState.ACTIVE, fiveTimes, account(1e9, 10_000, 0, 10_000))));
    assertInstanceOf(RiskDecision.Approved.class, check(anythingGoes(6), TradingState.ACTIVE, fiveTimes, account(1e9, 10_000, 0, 10_000)));
  }

  @Test
  void theBuyOf1e300BtcAfterA1e308BarIsRefused() {
    // What the reproduction saw: equity inflated by a fill at 1e308, then an order for 2.25e300 BTC at 42,523.
    AccountSnapshot blownUp = account(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 42_523);
    RiskDecision d = check(RiskLimits.defaults(), TradingState.ACTIVE, OrderIntent.entry("BTC", 1, 2.25e300, 42_523, "s", "signal_long"), blownUp);
    assertEquals(PreTradeCheck.ABSURD_ORDER, vetoReason(d));
    // Finite but overflowing: 1e300 BTC at 1e10 has no finite notional.
    d = check(anythingGoes(10), TradingState.ACTIVE, OrderIntent.entry("BTC", 1, 1e300, 1e10, "s", "signal_long"), account(1e9, 1e9, 0, 1e10));
    assertEquals(PreTradeCheck.ABSURD_ORDER, vetoReason(d));
    assertTrue(assertInstanceOf(Vetoed.class, d).detail().contains("not finite"));
  }

  @Test
  void aQuantityOrPriceThatIsNotFiniteIsRefusedEvenForAnExitOrWhileHalted() {
    AccountSnapshot holding = account(5_000, 10_000, 1, 100);
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertEquals(PreTradeCheck.ABSURD_ORDER,
          vetoReason(check(anythingGoes(10), TradingState.ACTIVE, OrderIntent.entry("BTC", 1, bad, 100, "s", "x"), holding)), "target " + bad);
      assertEquals(PreTradeCheck.ABSURD_ORDER,
          vetoReason(check(anythingGoes(10), TradingState.HALTED, OrderIntent.entry("BTC", 1, bad, 100, "s", "x"), holding)), "halted, target " + bad);
    }
    // An infinite reference price passed the "price known" rule before.
    assertEquals(PreTradeCheck.ABSURD_ORDER,
        vetoReason(check(anythingGoes(10), TradingState.ACTIVE, OrderIntent.entry("BTC", 1, 2, Double.POSITIVE_INFINITY, "s", "x"), holding)));
    // A held quantity that is not finite: nothing can be decided against it.
    assertEquals(PreTradeCheck.ABSURD_ORDER, vetoReason(check(anythingGoes(10), TradingState.ACTIVE, OrderIntent.exit("BTC", 1, 100, "s", "stop_loss"),
        account(5_000, 10_000, Double.NaN, 100))));
  }

  @Test
  void anExitThatOnlyShrinksIsNotCappedSoAStopIsNeverTrapped() {
    // Equity collapsed to 50 while the position is worth 1,000 (20x): the exit must still pass.
    RiskDecision d = check(RiskLimits.defaults(), TradingState.ACTIVE, OrderIntent.exit("BTC", 1, 100, "s", "stop_loss"), account(-950, 50, 10, 100));
    RiskDecision.Approved a = assertInstanceOf(RiskDecision.Approved.class, d);
    assertTrue(a.reduceOnly());
  }

  @Test
  void theHardCapIsReadFromConfigurationAndCannotBeTurnedOff() {
    var risk = ConfigFactory.parseFile(new File("../config/risk.conf")).resolve().getConfig("troupe.risk");
    assertEquals(RiskLimits.DEFAULT_HARD_CAP, RiskLimits.fromConfig(risk).hardCapEquityMultiple());
    assertEquals(RiskLimits.DEFAULT_HARD_CAP, RiskLimits.defaults().hardCapEquityMultiple());
    assertEquals(4, RiskLimits.fromConfig(ConfigFactory.parseString("hard-cap-x-equity = 4").withFallback(risk)).hardCapEquityMultiple());
    for (String bad : new String[] {"0", "-1", "Infinity"}) {
      var c = ConfigFactory.parseString("hard-cap-x-equity = " + (bad.equals("Infinity") ? "1e400" : bad)).withFallback(risk);
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> RiskLimits.fromConfig(c), bad);
      assertTrue(e.getMessage().contains("hard-cap-x-equity"), e.getMessage());
    }
  }
}
