package io.troupe.risk;

import io.troupe.model.TradingState;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the trading state on its own, from event time and marked equity only:
 *
 * <ul>
 *   <li>{@code daily_loss}: equity down {@code dailyLossPct} from the start of the UTC day halts until the next UTC
 *       day, then lifts by itself (the new day re-bases).
 *   <li>{@code weekly_loss}: down {@code weeklyLossPct} from the start of the ISO week (UTC) halts until an operator
 *       resumes.
 *   <li>{@code drawdown}: down {@code drawdownPct} from the equity peak halts until an operator resumes.
 *   <li>{@code stop_storm}: {@code stormCount} stop-loss exits within the window put the account in REDUCING for the
 *       cooldown: no new entries, exits still pass. REDUCING rather than HALTED because a storm says the market does
 *       not suit the strategies now, not that the account is broken; working orders need not be cancelled.
 *   <li>{@code kill_switch}: halts at once, operator only.
 * </ul>
 *
 * Only {@link #resume} (an operator) lifts an operator-only restriction; it lifts all of them and re-bases the
 * breakers at the current equity so the same loss does not trip them again on the next bar. A HALTED state still lets
 * exits that only shrink a position through (see {@link PreTradeCheck}).
 */
public final class CircuitBreakers {

  public static final String DAILY_LOSS = "daily_loss";
  public static final String WEEKLY_LOSS = "weekly_loss";
  public static final String DRAWDOWN = "drawdown";
  public static final String STOP_STORM = "stop_storm";
  public static final String KILL_SWITCH = "kill_switch";
  public static final String OPERATOR_HALT = "operator_halt";
  /** The venue corrected or busted a trade: halted until an operator has compared the books with the venue's statement. */
  public static final String TRADE_CORRECTION = "trade_correction";
  public static final String OPERATOR_REDUCING = "operator_reducing";

  private final BreakerSettings settings;

  public CircuitBreakers(BreakerSettings settings) {
    this.settings = settings;
  }

  public BreakerSettings settings() {
    return settings;
  }

  /**
   * Follows the account's marked equity at one step (call it every bar, with the step's event time). Rolls the day
   * and week baselines at UTC boundaries (to the last equity seen before the boundary, so a loss on the first bar of
   * a day counts to that day), lifts restrictions whose time has come, raises the peak, then trips breakers.
   */
  public RiskState onEquity(RiskState s, long time, double equity) {
    if (Double.isNaN(equity)) return s.liftExpired(time);
    double before = Double.isNaN(s.lastEquity()) ? equity : s.lastEquity();
    long day = RiskState.utcDay(time);
    long week = RiskState.utcWeek(time);
    double dayStart = day != s.day() || Double.isNaN(s.dayStartEquity()) ? before : s.dayStartEquity();
    double weekStart = week != s.week() || Double.isNaN(s.weekStartEquity()) ? before : s.weekStartEquity();
    double peak = Double.isNaN(s.peakEquity()) ? equity : Math.max(s.peakEquity(), equity);
    RiskState next = s.withEquity(Math.max(s.time(), time), equity, day, dayStart, week, weekStart, peak).liftExpired(time);

    if (settings.dailyLossPct() > 0 && dayStart > 0 && lossOf(dayStart, equity) >= settings.dailyLossPct() && !next.isRestrictedBy(DAILY_LOSS)) {
      next = next.restrict(new Restriction(TradingState.HALTED, DAILY_LOSS,
          String.format("equity %.2f is %.2f%% below the day's start %.2f", equity, 100 * lossOf(dayStart, equity), dayStart),
          time, (day + 1) * RiskState.DAY));
    }
    if (settings.weeklyLossPct() > 0 && weekStart > 0 && lossOf(weekStart, equity) >= settings.weeklyLossPct() && !next.isRestrictedBy(WEEKLY_LOSS)) {
      next = next.restrict(new Restriction(TradingState.HALTED, WEEKLY_LOSS,
          String.format("equity %.2f is %.2f%% below the week's start %.2f", equity, 100 * lossOf(weekStart, equity), weekStart),
          time, Restriction.OPERATOR_ONLY));
    }
    if (settings.drawdownPct() > 0 && peak > 0 && lossOf(peak, equity) >= settings.drawdownPct() && !next.isRestrictedBy(DRAWDOWN)) {
      next = next.restrict(new Restriction(TradingState.HALTED, DRAWDOWN,
          String.format("equity %.2f is %.2f%% below the peak %.2f", equity, 100 * lossOf(peak, equity), peak),
          time, Restriction.OPERATOR_ONLY));
    }
    return next;
  }

  /** Records an exit; a storm of stop-loss exits starts the cooldown. Exits with other reasons change nothing. */
  public RiskState onExit(RiskState s, long time, String reason) {
    if (settings.stormCount() <= 0 || !settings.stormReasons().contains(reason)) return s;
    List<Long> recent = new ArrayList<>(RiskState.within(s.stopExitTimes(), time, settings.stormWindowMillis()));
    recent.add(time);
    RiskState next = s.withStopExitTimes(recent);
    if (recent.size() >= settings.stormCount()) {
      next = next.restrict(new Restriction(TradingState.REDUCING, STOP_STORM,
          recent.size() + " stop-loss exits within " + settings.stormWindowMillis() / 60_000 + " min",
          time, time + settings.stormCooldownMillis()))
          .withStopExitTimes(List.of()); // the cooldown answers this storm; the next one is counted afresh
    }
    return next;
  }

  /** Halts at once; only an operator resumes. */
  public RiskState killSwitch(RiskState s, long time, String reason) {
    return s.restrict(new Restriction(TradingState.HALTED, KILL_SWITCH, reason, time, Restriction.OPERATOR_ONLY));
  }

  /** An operator's halt; only an operator resumes. */
  public RiskState operatorHalt(RiskState s, long time, String reason) {
    return s.restrict(new Restriction(TradingState.HALTED, OPERATOR_HALT, reason, time, Restriction.OPERATOR_ONLY));
  }

  /** A venue corrected or busted a trade ({@code detail} says which): HALTED until an operator resumes. */
  public RiskState tradeCorrection(RiskState s, long time, String detail) {
    return s.restrict(new Restriction(TradingState.HALTED, TRADE_CORRECTION, detail, time, Restriction.OPERATOR_ONLY));
  }

  /** An operator puts the account in REDUCING until an operator resumes. */
  public RiskState operatorReducing(RiskState s, long time, String reason) {
    return s.restrict(new Restriction(TradingState.REDUCING, OPERATOR_REDUCING, reason, time, Restriction.OPERATOR_ONLY));
  }

  /** The operator's resume: lifts every restriction and re-bases day, week and peak at the current equity. */
  public RiskState resume(RiskState s, long time, String operator) {
    return s.resumedByOperator(time);
  }

  private static double lossOf(double base, double equity) {
    return (base - equity) / base;
  }
}
