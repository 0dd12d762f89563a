package io.troupe.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.model.TradingState;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestrictionLogTest {

  static final Restriction DAILY = new Restriction(TradingState.HALTED, "daily_loss", "down 5%", 1_000, 5_000);
  static final Restriction STORM = new Restriction(TradingState.REDUCING, "stop_storm", "3 stops", 2_000, 4_000);

  @Test
  void aRestrictionThatLiftsKeepsItsSpanAndOneStillInForceHasNoEnd() {
    RestrictionLog log = new RestrictionLog();
    log.observe(1_000, List.of(DAILY));
    log.observe(2_000, List.of(DAILY, STORM));
    log.observe(4_000, List.of(DAILY));
    log.observe(5_000, List.of());
    Restriction again = new Restriction(TradingState.HALTED, "daily_loss", "down 5% again", 9_000, 12_000);
    log.observe(9_000, List.of(again));
    assertEquals(List.of(
        new RestrictionLog.Span(TradingState.HALTED, "daily_loss", "down 5%", 1_000, 5_000L),
        new RestrictionLog.Span(TradingState.REDUCING, "stop_storm", "3 stops", 2_000, 4_000L),
        new RestrictionLog.Span(TradingState.HALTED, "daily_loss", "down 5% again", 9_000, null)), log.spans());
  }

  @Test
  void theSameRestrictionSeenAgainIsOneSpan() {
    RestrictionLog log = new RestrictionLog();
    for (long t = 1_000; t < 4_000; t += 500) log.observe(t, List.of(DAILY));
    assertEquals(List.of(new RestrictionLog.Span(TradingState.HALTED, "daily_loss", "down 5%", 1_000, null)), log.spans());
  }
}
