package io.troupe.risk;

import io.troupe.model.OrderIntent;
import io.troupe.model.TradingState;
import static io.troupe.risk.RiskTestSupport.account;
import static io.troupe.risk.RiskTestSupport.ctx;
import static io.troupe.risk.RiskTestSupport.entry;
import static io.troupe.risk.RiskTestSupport.pos;
import static io.troupe.risk.RiskTestSupport.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.Instrument;
import io.troupe.model.AccountSnapshot;
import io.troupe.risk.RiskDecision.Approved;
import io.troupe.risk.RiskDecision.Vetoed;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per pre-trade rule: each shows the limit refusing just past it and (where it matters) passing at it. */
class RiskRulesTest {

  private static final Instrument BTC = Instrument.spot("BTC");
  private static final Instrument ETH = Instrument.spot("ETH");
  private static final Instrument SOL = Instrument.spot("SOL");
  private static final double NaN = Double.NaN;
  private final RiskState active = RiskState.initial(0, 10_000);

  private static String vetoReason(RiskDecision d) {
    return assertInstanceOf(Vetoed.class, d).reason();
  }

  private static AccountSnapshot flat() {
    return account(10_000, 10_000);
  }

  @Test
  void maxPositionRefusesMoreThanTenPercentOfEquity() {
    PreTradeCheck check = new PreTradeCheck(RiskLimits.defaults());
    assertInstanceOf(Approved.class, check.check(active, entry("BTC", 0, 10, 100, NaN, "s"), ctx(flat(), BTC)));
    assertEquals(PreTradeCheck.MAX_POSITION, vetoReason(check.check(active, entry("BTC", 0, 10.1, 100, NaN, "s"), ctx(flat(), BTC))));
  }

  @Test
  void riskPerTradeRefusesSizeTimesStopDistanceAboveOnePercentOfEquity() {
    PreTradeCheck check = new PreTradeCheck(RiskLimits.defaults());
    // 10 units x 10 to the stop = 100 = 1% of 10,000: at the limit.
    assertInstanceOf(Approved.class, check.check(active, entry("BTC", 0, 10, 100, 90, "s"), ctx(flat(), BTC)));
    assertEquals(PreTradeCheck.RISK_PER_TRADE, vetoReason(check.check(active, entry("BTC", 0, 10, 100, 89, "s"), ctx(flat(), BTC))));
  }

  @Test
  void riskPerTradeAssumesTheDefaultStopDistanceWhenTheIntentHasNoStop() {
    PreTradeCheck check = new PreTradeCheck(with(RiskLimits.defaults(), "maxPositionPct", 1.0, "concentrationPct", 0, "defaultStopPct", 0.02));
    // 50 units x 2% of 100 = 100 = the limit; 51 units is over.
    assertInstanceOf(Approved.class, check.check(active, entry("BTC", 0, 50, 100, NaN, "s"), ctx(flat(), BTC)));
    assertEquals(PreTradeCheck.RISK_PER_TRADE, vetoReason(check.check(active, entry("BTC", 0, 51, 100, NaN, "s"), ctx(flat(), BTC))));
  }

  @Test
  void aStopOnTheWrongSideOfTheEntryIsRefused() {
    PreTradeCheck check = new PreTradeCheck(RiskLimits.defaults());
    assertEquals(PreTradeCheck.INVALID_STOP, vetoReason(check.check(active, entry("BTC", 0, 5, 100, 101, "s"), ctx(flat(), BTC))));
    assertEquals(PreTradeCheck.INVALID_STOP, vetoReason(check.check(active, entry("BTC", 0, -5, 100, 99, "s"), ctx(flat(), BTC))));
  }

  @Test
  void portfolioRiskRefusesATradeThatTakesOpenRiskPastTwoPercent() {
    PreTradeCheck check = new PreTradeCheck(RiskLimits.defaults());
    AccountSnapshot acct = account(9_100, 10_000, pos("ETH", 9, 100));
    // ETH risks 9 x (100 - 85) = 135; BTC 10 x 10 = 100 more makes 235 > 200.
    RiskContext withStop = new RiskContext(acct, Map.of(), Map.of("BTC", BTC, "ETH", ETH), Map.of("ETH", 85.0), CorrelationLookup.NONE);
    assertEquals(PreTradeCheck.PORTFOLIO_RISK, vetoReason(check.check(active, entry("BTC", 0, 10, 100, 90, "s"), withStop)));
    // Once ETH's stop is at 95 it risks 45: 145 fits.
    RiskContext tighter = new RiskContext(acct, Map.of(), Map.of("BTC", BTC, "ETH", ETH), Map.of("ETH", 95.0), CorrelationLookup.NONE);
    assertInstanceOf(Approved.class, check.check(active, entry("BTC", 0, 10, 100, 90, "s"), tighter));
  }

  @Test
  void concentrationRefusesASymbolAboveThirtyPercentOfEquityOrGrossExposure() {
    PreTradeCheck check = new PreTradeCheck(with(RiskLimits.defaults(), "maxPositionPct", 1.0, "riskPerTradePct", 0, "portfolioRiskPct", 0));
    assertInstanceOf(Approved.class, check.check(active, entry("BTC", 0, 30, 100, NaN, "s"), ctx(flat(), BTC)));
    assertEquals(PreTradeCheck.CONCENTRATION, vetoReason(check.check(active, entry("BTC", 0, 31, 100, NaN, "s"), ctx(flat(), BTC))));
  }

  @Test
  void concentrationIsJudgedAgainstGrossExposureWhenTheBookIsLeveraged() {
    PreTradeCheck check = new PreTradeCheck(with(RiskLimits.defaults(), "maxPositionPct", 5.0, "riskPerTradePct", 0, "portfolioRiskPct", 0, "maxLeverage", 0, "minLiquidationDistancePct", 0));
    Instrument fb = Instrument.future("BTC", 1, 1);
    Instrument fe = Instrument.future("ETH", 1, 1);
    AccountSnapshot acct = account(10_000, 10_000, pos("ETH", 300, 100)); // 30,000 gross in ETH
    RiskContext c = ctx(acct, fb, fe);
    // BTC 12,000 of a 42,000 book is 28.6%: fine; 13,000 of 43,000 is 30.2%: refused, though under 5x equity.
    assertInstanceOf(Approved.class, check.check(active, entry("BTC", 0, 120, 100, NaN, "s"), c));
    assertEquals(PreTradeCheck.CONCENTRATION, vetoReason(check.check(active, entry("BTC", 0, 130, 100, NaN, "s"), c)));
  }

  @Test
  void maxOpenPositionsRefusesANewSymbolWhenTheLimitIsReached() {
    PreTradeCheck check = new PreTradeCheck(with(RiskLimits.defaults(), "maxOpenPositions", 2, "portfolioRiskPct", 0));
    AccountSnapshot acct = account(8_000, 10_000, pos("ETH", 5, 100), pos("SOL", 5, 100));
    assertEquals(PreTradeCheck.MAX_POSITIONS, vetoReason(check.check(active, entry("BTC", 0, 5, 100, NaN, "s"), ctx(acct, BTC, ETH, SOL))));
    // Adding to one already open is not a new position.
    assertInstanceOf(Approved.class, check.check(active, entry("ETH", 0, 6, 100, NaN, "s"), ctx(acct, BTC, ETH, SOL)));
  }

  @Test
  void correlationRefusesAnEntryThatDoublesAnOpenPositionButAdmitsAHedge() {
    PreTradeCheck check = new PreTradeCheck(RiskLimits.defaults());
    AccountSnapshot acct = account(9_500, 10_000, pos("ETH", 5, 100));
    CorrelationLookup corr = (a, b) -> 0.9;
    RiskContext c = new RiskContext(acct, Map.of(), Map.of("BTC", BTC, "ETH", ETH), Map.of(), corr);
    assertEquals(PreTradeCheck.CORRELATION, vetoReason(check.check(active, entry("BTC", 0, 5, 100, NaN, "s"), c)));
    assertInstanceOf(Approved.class, check.check(active, entry("BTC", 0, -5, 100, NaN, "s"), c));
  }

  @Test
  void tradeFrequencyAllowsOneEntryPerMinutePerStrategyInEventTime() {
    PreTradeCheck check = new PreTradeCheck(RiskLimits.defaults());
    PreTradeCheck.Checked first = check.decide(active, entry("BTC", 0, 1, 100, NaN, "alpha"), ctx(flat(), BTC, ETH));
    assertInstanceOf(Approved.class, first.decision());
    RiskState s = first.state();
    assertEquals(PreTradeCheck.TRADE_FREQUENCY, vetoReason(check.check(s, entry("ETH", 59_999, 1, 100, NaN, "alpha"), ctx(flat(), BTC, ETH))));
    assertInstanceOf(Approved.class, check.check(s, entry("ETH", 59_999, 1, 100, NaN, "beta"), ctx(flat(), BTC, ETH)));
    assertInstanceOf(Approved.class, check.check(s, entry("ETH", 60_000, 1, 100, NaN, "alpha"), ctx(flat(), BTC, ETH)));
  }

  @Test
  void tradeFrequencyAllowsTenEntriesPerHourAndFiftyPerDay() {
    PreTradeCheck check = new PreTradeCheck(RiskLimits.defaults());
    RiskState s = active;
    for (int i = 0; i < 10; i++) s = s.recordOrder("alpha", i * 60_000L, true);
    assertEquals(PreTradeCheck.TRADE_FREQUENCY, vetoReason(check.check(s, entry("BTC", 10 * 60_000L, 1, 100, NaN, "alpha"), ctx(flat(), BTC))));
    assertInstanceOf(Approved.class, check.check(s, entry("BTC", 3_600_000L, 1, 100, NaN, "alpha"), ctx(flat(), BTC)));
    RiskState day = active;
    for (int i = 0; i < 50; i++) day = day.recordOrder("alpha", i * 20 * 60_000L, true); // every 20 min: 3 an hour
    assertEquals(PreTradeCheck.TRADE_FREQUENCY, vetoReason(check.check(day, entry("BTC", 50 * 20 * 60_000L, 1, 100, NaN, "alpha"), ctx(flat(), BTC))));
  }

  @Test
  void orderRateRefusesTheSixthOrderWithinOneSecondOfEventTime() {
    PreTradeCheck check = new PreTradeCheck(RiskLimits.defaults());
    RiskState s = active;
    for (int i = 0; i < 5; i++) s = s.recordOrder("s" + i, 1_000 + i * 100, true);
    assertEquals(PreTradeCheck.ORDER_RATE, vetoReason(check.check(s, entry("BTC", 1_900, 1, 100, NaN, "other"), ctx(flat(), BTC))));
    assertInstanceOf(Approved.class, check.check(s, entry("BTC", 2_000, 1, 100, NaN, "other"), ctx(flat(), BTC)));
  }

  @Test
  void shrinkingExitsAreNeverHeldBackByFrequencyOrRateLimits() {
    PreTradeCheck check = new PreTradeCheck(RiskLimits.defaults());
    RiskState s = active;
    for (int i = 0; i < 60; i++) s = s.recordOrder("s", 1_000, true);
    AccountSnapshot acct = account(9_500, 10_000, pos("BTC", 5, 100));
    Approved a = assertInstanceOf(Approved.class, check.check(s, OrderIntent.exit("BTC", 1_000, 100, "s", "stop_loss"), ctx(acct, BTC)));
    assertTrue(a.reduceOnly());
  }

  @Test
  void leverageOnAMarginInstrumentIsCappedAtThreeTimesEquity() {
    PreTradeCheck check = new PreTradeCheck(with(RiskLimits.defaults(), "maxPositionPct", 10.0, "concentrationPct", 0, "riskPerTradePct", 0, "portfolioRiskPct", 0, "minLiquidationDistancePct", 0));
    Instrument perp = Instrument.future("BTC", 1, 1);
    assertInstanceOf(Approved.class, check.check(active, entry("BTC", 0, 300, 100, NaN, "s"), ctx(flat(), perp)));
    assertEquals(PreTradeCheck.LEVERAGE, vetoReason(check.check(active, entry("BTC", 0, 301, 100, NaN, "s"), ctx(flat(), perp))));
  }

  @Test
  void liquidationDistanceRefusesABookThatATenPercentMoveWouldWipeOut() {
    PreTradeCheck check = new PreTradeCheck(with(RiskLimits.defaults(), "maxPositionPct", 10.0, "concentrationPct", 0, "riskPerTradePct", 0, "portfolioRiskPct", 0, "maxLeverage", 0));
    Instrument perp = Instrument.future("BTC", 1, 30);
    // 250 x 100 = 25,000 gross, 7,500 margin: (10,000 - 7,500) / 25,000 = 10%, at the limit.
    assertInstanceOf(Approved.class, check.check(active, entry("BTC", 0, 250, 100, NaN, "s"), ctx(flat(), perp)));
    assertEquals(PreTradeCheck.LIQUIDATION_DISTANCE, vetoReason(check.check(active, entry("BTC", 0, 260, 100, NaN, "s"), ctx(flat(), perp))));
  }

  @Test
  void availableCashRefusesWhatCashCannotPay() {
    PreTradeCheck check = new PreTradeCheck(RiskLimits.defaults());
    assertEquals(PreTradeCheck.INSUFFICIENT_CASH, vetoReason(check.check(active, entry("BTC", 0, 6, 100, NaN, "s"), ctx(account(500, 10_000), BTC))));
  }

  @Test
  void priceSanityRefusesAReferencePriceFarFromTheLastPrice() {
    PreTradeCheck check = new PreTradeCheck(RiskLimits.defaults());
    AccountSnapshot acct = account(9_900, 10_000, pos("BTC", 1, 100));
    assertEquals(PreTradeCheck.PRICE_BAND, vetoReason(check.check(active, entry("BTC", 0, 2, 105.1, NaN, "s"), ctx(acct, BTC))));
    assertInstanceOf(Approved.class, check.check(active, entry("BTC", 0, 2, 104.9, NaN, "s"), ctx(acct, BTC)));
  }

  @Test
  void reduceOnlyConsistencyRefusesAnExitThatWouldGrowOrFlipAPosition() {
    PreTradeCheck check = new PreTradeCheck(RiskLimits.defaults());
    AccountSnapshot acct = account(9_500, 10_000, pos("BTC", 5, 100));
    OrderIntent grows = new OrderIntent("BTC", 0, 7, 100, NaN, NaN, "s", "bad_exit", true);
    OrderIntent flips = new OrderIntent("BTC", 0, -2, 100, NaN, NaN, "s", "bad_exit", true);
    assertEquals(PreTradeCheck.REDUCE_ONLY_VIOLATION, vetoReason(check.check(active, grows, ctx(acct, BTC))));
    assertEquals(PreTradeCheck.REDUCE_ONLY_VIOLATION, vetoReason(check.check(active, flips, ctx(acct, BTC))));
  }

  @Test
  void reducingRefusesAFlip() {
    PreTradeCheck check = new PreTradeCheck(RiskLimits.defaults());
    RiskState reducing = new CircuitBreakers(BreakerSettings.defaults()).operatorReducing(active, 0, "test");
    assertEquals(TradingState.REDUCING, reducing.tradingState());
    AccountSnapshot acct = account(9_500, 10_000, pos("BTC", 5, 100));
    assertEquals(PreTradeCheck.REDUCING_ONLY, vetoReason(check.check(reducing, entry("BTC", 0, -3, 100, NaN, "s"), ctx(acct, BTC))));
    assertEquals(PreTradeCheck.REDUCING_ONLY, vetoReason(check.check(reducing, entry("BTC", 0, 6, 100, NaN, "s"), ctx(acct, BTC))));
    assertInstanceOf(Approved.class, check.check(reducing, entry("BTC", 0, 2, 100, NaN, "s"), ctx(acct, BTC)));
  }

  @Test
  void haltedDeniesEveryNewOrderButLetsAShrinkingExitOut() {
    PreTradeCheck check = new PreTradeCheck(RiskLimits.defaults());
    RiskState halted = new CircuitBreakers(BreakerSettings.defaults()).killSwitch(active, 0, "test");
    AccountSnapshot acct = account(9_500, 10_000, pos("BTC", 5, 100));
    assertEquals(PreTradeCheck.HALTED, vetoReason(check.check(halted, entry("ETH", 0, 1, 100, NaN, "s"), ctx(acct, BTC, ETH))));
    // A desk trimming is not an exit: refused while halted; the stop's exit passes.
    assertEquals(PreTradeCheck.HALTED, vetoReason(check.check(halted, entry("BTC", 0, 2, 100, NaN, "s"), ctx(acct, BTC))));
    assertInstanceOf(Approved.class, check.check(halted, OrderIntent.exit("BTC", 0, 100, "s", "stop_loss"), ctx(acct, BTC)));
  }

  @Test
  void workingOrdersOfOtherSymbolsCountTowardsPortfolioRisk() {
    PreTradeCheck check = new PreTradeCheck(RiskLimits.defaults());
    AccountSnapshot acct = new AccountSnapshot(0, 10_000, 10_000, 0, 0, Map.of("ETH", new io.troupe.model.Position("ETH", 0, 0, 0, 0, 0, "", 100)));
    // ETH: 10 pending at 100 with no known stop risks 0.5% x 1,000 = 5 ... push defaultStop to 15% so it risks 150.
    PreTradeCheck wide = new PreTradeCheck(with(RiskLimits.defaults(), "defaultStopPct", 0.15));
    RiskContext c = new RiskContext(acct, Map.of("ETH", 10.0), Map.of("BTC", BTC, "ETH", ETH), Map.of(), CorrelationLookup.NONE);
    assertEquals(PreTradeCheck.PORTFOLIO_RISK, vetoReason(wide.check(active, entry("BTC", 0, 10, 100, 90, "s"), c)));
    assertInstanceOf(Approved.class, check.check(active, entry("BTC", 0, 10, 100, 90, "s"), c));
  }

  @Test
  void theTwoLimitConstructorKeepsTheFirstVersionsRulesOnly() {
    PreTradeCheck old = new PreTradeCheck(new RiskLimits(0.10, 0));
    // A 10-unit entry with a stop 20 away risks 2% of equity: only risk per trade would refuse it.
    assertInstanceOf(Approved.class, old.check(TradingState.ACTIVE, entry("BTC", 0, 10, 100, 80, "s"), flat(), 0, BTC));
  }
}
