package io.troupe.risk;

import io.troupe.model.TradingState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RiskCircuitBreakersTest {

  private final CircuitBreakers breakers = new CircuitBreakers(BreakerSettings.defaults());
  private static final long MIN = 60_000L;
  // Wednesday 2024-01-03 00:00 UTC.
  private static final long WED = Instant.parse("2024-01-03T00:00:00Z").toEpochMilli();
  private static final long DAY = 86_400_000L;

  @Test
  void dailyLossOfFivePercentHaltsUntilTheNextUtcDay() {
    RiskState s = RiskState.initial(WED, 10_000);
    s = breakers.onEquity(s, WED + 10 * MIN, 9_600);
    assertEquals(TradingState.ACTIVE, s.tradingState());
    s = breakers.onEquity(s, WED + 11 * MIN, 9_500);
    assertEquals(TradingState.HALTED, s.tradingState());
    assertEquals(java.util.List.of(CircuitBreakers.DAILY_LOSS), s.restrictionCodes());
    // Recovering within the day does not lift it; the last minute of the day is still halted.
    s = breakers.onEquity(s, WED + DAY - MIN, 9_900);
    assertEquals(TradingState.HALTED, s.tradingState());
    s = breakers.onEquity(s, WED + DAY, 9_900);
    assertEquals(TradingState.ACTIVE, s.tradingState());
    assertEquals(9_900, s.dayStartEquity(), 1e-9);
  }

  @Test
  void dailyLossCountsFromTheLastEquityBeforeTheUtcBoundary() {
    RiskState s = breakers.onEquity(RiskState.initial(WED, 10_000), WED + DAY - MIN, 12_000);
    s = breakers.onEquity(s, WED + DAY, 11_390); // 5.08% below the 12,000 the day started at
    assertTrue(s.isRestrictedBy(CircuitBreakers.DAILY_LOSS));
  }

  @Test
  void weeklyLossOfTenPercentHaltsUntilAnOperatorResumes() {
    RiskState s = RiskState.initial(WED, 10_000);
    // Lose 4% a day for three days: never 5% in a day, 10%+ in the week (Wed, Thu, Fri).
    s = breakers.onEquity(s, WED + 60 * MIN, 9_600);
    s = breakers.onEquity(s, WED + DAY + 60 * MIN, 9_216);
    s = breakers.onEquity(s, WED + 2 * DAY + 60 * MIN, 8_848);
    assertEquals(java.util.List.of(CircuitBreakers.WEEKLY_LOSS), s.restrictionCodes());
    // A new day, even a new week, does not lift it.
    s = breakers.onEquity(s, WED + 7 * DAY, 8_900);
    assertEquals(TradingState.HALTED, s.tradingState());
    s = breakers.resume(s, WED + 7 * DAY, "ops");
    assertEquals(TradingState.ACTIVE, s.tradingState());
  }

  @Test
  void onlyAnOperatorLiftsADrawdownHalt() {
    BreakerSettings onlyDrawdown = new BreakerSettings(0, 0, 0.20, 0, 0, 0, java.util.List.of());
    CircuitBreakers b = new CircuitBreakers(onlyDrawdown);
    RiskState s = RiskState.initial(WED, 10_000);
    s = b.onEquity(s, WED + MIN, 15_000);
    s = b.onEquity(s, WED + 2 * MIN, 12_000); // 20% below the 15,000 peak
    assertEquals(java.util.List.of(CircuitBreakers.DRAWDOWN), s.restrictionCodes());
    for (int d = 1; d <= 10; d++) s = b.onEquity(s, WED + d * DAY, 16_000);
    assertEquals(TradingState.HALTED, s.tradingState());
    s = b.resume(s, WED + 11 * DAY, "ops");
    assertEquals(TradingState.ACTIVE, s.tradingState());
    // Re-based at the current equity: the next bar does not trip it again.
    s = b.onEquity(s, WED + 11 * DAY + MIN, 15_900);
    assertEquals(TradingState.ACTIVE, s.tradingState());
    assertEquals(16_000, s.peakEquity(), 1e-9);
  }

  @Test
  void aStormOfStopLossExitsStartsAReducingCooldown() {
    RiskState s = RiskState.initial(WED, 10_000);
    s = breakers.onExit(s, WED, "stop_loss");
    s = breakers.onExit(s, WED + 10 * MIN, "take_profit"); // not a stop: not counted
    s = breakers.onExit(s, WED + 20 * MIN, "stop_loss");
    assertEquals(TradingState.ACTIVE, s.tradingState());
    s = breakers.onExit(s, WED + 29 * MIN, "max_loss");
    assertEquals(TradingState.REDUCING, s.tradingState());
    assertTrue(s.isRestrictedBy(CircuitBreakers.STOP_STORM));
    s = breakers.onEquity(s, WED + 89 * MIN - 1, 10_000);
    assertEquals(TradingState.REDUCING, s.tradingState());
    s = breakers.onEquity(s, WED + 89 * MIN, 10_000);
    assertEquals(TradingState.ACTIVE, s.tradingState());
  }

  @Test
  void stopExitsSpreadBeyondTheWindowAreNoStorm() {
    RiskState s = RiskState.initial(WED, 10_000);
    for (int i = 0; i < 6; i++) s = breakers.onExit(s, WED + i * 16 * MIN, "stop_loss"); // 2 per 30 min at most
    assertEquals(TradingState.ACTIVE, s.tradingState());
  }

  @Test
  void theKillSwitchHaltsAtOnceAndOutlivesEveryAutomaticResume() {
    RiskState s = breakers.killSwitch(RiskState.initial(WED, 10_000), WED, "operator pressed it");
    assertEquals(TradingState.HALTED, s.tradingState());
    for (int d = 1; d <= 8; d++) s = breakers.onEquity(s, WED + d * DAY, 10_000);
    assertEquals(TradingState.HALTED, s.tradingState());
    assertEquals(TradingState.ACTIVE, breakers.resume(s, WED + 9 * DAY, "ops").tradingState());
  }

  @Test
  void theNextUtcDayLiftsTheDailyHaltButNotADrawdownHaltUnderneath() {
    RiskState s = RiskState.initial(WED, 10_000);
    s = breakers.onEquity(s, WED + MIN, 7_900); // daily 21%, weekly 21%, drawdown 21%
    assertEquals(java.util.List.of(CircuitBreakers.DAILY_LOSS, CircuitBreakers.DRAWDOWN, CircuitBreakers.WEEKLY_LOSS), s.restrictionCodes());
    s = breakers.onEquity(s, WED + DAY, 7_900);
    assertFalse(s.isRestrictedBy(CircuitBreakers.DAILY_LOSS));
    assertEquals(TradingState.HALTED, s.tradingState());
  }

  @Test
  void aHaltedAccountRestoredFromItsStateIsStillHalted() throws Exception {
    RiskState s = breakers.onEquity(RiskState.initial(WED, 10_000), WED + MIN, 7_900);
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.cbor.CBORFactory());
    RiskState back = mapper.readValue(mapper.writeValueAsBytes(s), RiskState.class);
    assertEquals(s, back);
    assertEquals(TradingState.HALTED, back.tradingState());
  }

  @Test
  void utcWeeksStartOnMonday() {
    long mon = Instant.parse("2024-01-08T00:00:00Z").toEpochMilli();
    assertEquals(RiskState.utcWeek(mon), RiskState.utcWeek(mon + 7 * DAY - 1));
    assertEquals(RiskState.utcWeek(mon) - 1, RiskState.utcWeek(mon - 1));
  }
}
