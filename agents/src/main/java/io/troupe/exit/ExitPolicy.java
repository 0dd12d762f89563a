package io.troupe.exit;

import io.troupe.market.Bar;
import io.troupe.model.Position;
import java.util.List;

/**
 * The exit rules of open positions, composed. Pure: the same state, position and bar give the same decisions.
 *
 * <p>Intrabar: the stop and the target are meant to rest at the venue as a one-cancels-other bracket placed when the
 * entry fills ({@link #bracket}), so they act inside the bar at their own price and never wait for a decision. The
 * other rules (trailing stop, partial exits, maximum age, maximum loss) need the close and are checked by
 * {@link #onBar} at each bar's close; their exits go out at market, reduce-only. When no bracket rests at the venue
 * ({@link ExitState#bracketAtVenue()} false, for example a venue without stop orders) {@link #onBar} also checks
 * stop and target against the bar's range, exiting at the next opportunity.
 *
 * <p>Order of checks: the protective rules (stop, max loss, trailing stop) first, at any time; then, once the
 * strategy type's minimum hold has passed, the target, the partial exits and the maximum age. The first rule that
 * closes the whole position wins; a partial exit is returned only when nothing closes the whole.
 *
 * <p>With the seed defaults the 1.5% target closes a position before the +2% partial or the +3% trailing arm can act:
 * those rules matter for positions whose entry signal set a farther target, or with {@code target-pct = 0}.
 */
public final class ExitPolicy {

  /** The exits to send and the position's exit state after this bar. */
  public record ExitStep(ExitState state, List<ExitDecision> decisions) {}

  private final ExitSettings settings;
  private final TrailingStopRule trailing;
  private final List<ExitRule> protective;
  private final List<ExitRule> afterHold;

  public ExitPolicy(ExitSettings settings) {
    this.settings = settings;
    this.trailing = new TrailingStopRule(settings.trailingArmPct(), settings.trailingGiveBackPct());
    this.protective = List.of(new StopLossRule(), new MaxLossRule(settings.maxLossPct()), trailing);
    this.afterHold = List.of(new TakeProfitRule(), new PartialExitRule(settings.partials()), new MaxAgeRule());
  }

  public ExitSettings settings() {
    return settings;
  }

  /**
   * The exit state of a position that just opened. {@code signalStop} and {@code signalTarget} (NaN when the entry
   * signal had none, or on the wrong side of the entry) win over the configured distances; {@code atr} is the
   * symbol's ATR at entry (NaN when not warm), used when the stop mode is "atr".
   */
  public ExitState open(Position position, String strategyType, double signalStop, double signalTarget, double atr, boolean bracketAtVenue) {
    return open(position, strategyType, 0, signalStop, signalTarget, atr, bracketAtVenue);
  }

  /**
   * As above, for a position whose specialist holds for at most {@code holdingLimitMillis} (0 for no limit of its own):
   * that limit is the position's age limit instead of the configured max age.
   */
  public ExitState open(Position position, String strategyType, long holdingLimitMillis, double signalStop, double signalTarget, double atr,
      boolean bracketAtVenue) {
    int dir = position.quantity() > 0 ? 1 : -1;
    double entry = position.avgPrice();
    double stop;
    String stopReason;
    if (!Double.isNaN(signalStop) && dir * (entry - signalStop) > 0) {
      stop = signalStop;
      stopReason = "stop_loss";
    } else if (settings.stopMode().equals("atr") && atr > 0 && settings.atrMultiple() > 0) {
      stop = entry - dir * settings.atrMultiple() * atr;
      stopReason = "atr_stop";
    } else {
      stop = entry * (1 - dir * settings.stopPct());
      stopReason = "stop_loss";
    }
    double target;
    if (!Double.isNaN(signalTarget) && dir * (signalTarget - entry) > 0) target = signalTarget;
    else target = settings.targetPct() > 0 ? entry * (1 + dir * settings.targetPct()) : Double.NaN;
    return new ExitState(position.symbol(), dir, entry, position.entryTime(), Math.abs(position.quantity()), strategyType,
        stop, stopReason, target, bracketAtVenue, 0, false, 0, holdingLimitMillis > 0 ? holdingLimitMillis : settings.maxAgeMillis());
  }

  /** The stop and target to rest at the venue for this position (target from the end of the minimum hold). */
  public BracketPrices bracket(ExitState s) {
    return new BracketPrices(s.stopPrice(), s.stopReason(), s.targetPrice(), s.entryTime() + settings.minHoldFor(s.strategyType()));
  }

  /**
   * Checks one bar's close. A position that is flat, or no longer on the state's side, gets no decisions (the caller
   * drops its state).
   */
  public ExitStep onBar(ExitState state, Position position, Bar bar) {
    double qty = Math.abs(position.quantity());
    if (position.isFlat() || Math.signum(position.quantity()) != state.direction() || !bar.symbol().equals(state.symbol())) {
      return new ExitStep(state, List.of());
    }
    double peak = Math.max(state.peakProfitPct(), state.profitAt(bar.close()));
    ExitState s = state.observed(peak, state.trailingArmed() || trailing.armed(peak));

    for (ExitRule r : protective) {
      ExitDecision d = r.evaluate(s, qty, bar);
      if (d != null) return new ExitStep(s, List.of(d));
    }
    boolean held = bar.time() - s.entryTime() >= settings.minHoldFor(s.strategyType());
    if (!held) return new ExitStep(s, List.of());
    ExitDecision partial = null;
    for (ExitRule r : afterHold) {
      ExitDecision d = r.evaluate(s, qty, bar);
      if (d == null) continue;
      if (r instanceof PartialExitRule) {
        if (d.closesAll()) return new ExitStep(s.withPartialsDone(PartialExitRule.stepsDone(d)), List.of(d));
        partial = d;
      } else {
        return new ExitStep(s, List.of(d));
      }
    }
    if (partial != null) return new ExitStep(s.withPartialsDone(PartialExitRule.stepsDone(partial)), List.of(partial));
    return new ExitStep(s, List.of());
  }
}
