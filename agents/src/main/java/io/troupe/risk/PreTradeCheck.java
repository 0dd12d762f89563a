package io.troupe.risk;

import io.troupe.instrument.Instrument;
import io.troupe.order.Side;
import io.troupe.position.AccountSnapshot;
import io.troupe.position.Portfolio;

/**
 * Turns an intent (a wanted net position) into an order, or vetoes it. Pure: the same state, account and intent give
 * the same decision. {@code pending} is the signed quantity of orders already working in the symbol, so an intent is
 * never ordered twice while its first order is still on its way.
 */
public final class PreTradeCheck {

  public static final String HALTED = "halted";
  public static final String REDUCING_ONLY = "reducing_only";
  public static final String MAX_POSITION = "max_position";
  public static final String INSUFFICIENT_CASH = "insufficient_cash";
  public static final String NO_PRICE = "no_price";

  private final RiskLimits limits;

  public PreTradeCheck(RiskLimits limits) {
    this.limits = limits;
  }

  public RiskDecision check(TradingState state, OrderIntent intent, AccountSnapshot account, double pending, Instrument inst) {
    double current = account.quantity(intent.symbol()) + pending;
    double target = inst.roundQuantity(Math.abs(intent.targetQuantity())) * Math.signum(intent.targetQuantity());
    double delta = target - current;
    if (Math.abs(delta) < Portfolio.QTY_EPSILON || inst.roundQuantity(Math.abs(delta)) == 0) {
      return new RiskDecision.NoChange(intent);
    }
    Side side = delta > 0 ? Side.BUY : Side.SELL;
    double qty = inst.roundQuantity(Math.abs(delta));
    boolean shrinksOnly = Math.abs(target) <= Math.abs(current) && (target == 0 || Math.signum(target) == Math.signum(current));

    if (state == TradingState.HALTED && !(intent.exit() && shrinksOnly)) {
      return new RiskDecision.Vetoed(intent, HALTED, "trading is halted");
    }
    if (state == TradingState.REDUCING && !shrinksOnly) {
      return new RiskDecision.Vetoed(intent, REDUCING_ONLY, "only orders that shrink a position pass while reducing");
    }
    if (shrinksOnly) return new RiskDecision.Approved(intent, side, qty, true);

    double price = intent.referencePrice();
    if (!(price > 0)) return new RiskDecision.Vetoed(intent, NO_PRICE, "no reference price for " + intent.symbol());
    double equity = account.equity();
    double targetNotional = Math.abs(target) * price * inst.multiplier();
    double cap = limits.maxPositionPct() * equity;
    if (targetNotional > cap * (1 + 1e-9)) {
      return new RiskDecision.Vetoed(
          intent, MAX_POSITION, String.format("position notional %.2f exceeds %.1f%% of equity (%.2f)", targetNotional, limits.maxPositionPct() * 100, cap));
    }
    // Only the part that opens or adds needs capital; the part that closes the old side frees it.
    double opening = Math.abs(target) - (Math.signum(target) == Math.signum(current) ? Math.abs(current) : 0);
    double needed = inst.requiredCapital(opening, price) * (inst.kind() == Instrument.Kind.SPOT ? 1 + limits.cashBufferPct() : 1);
    double available = inst.kind() == Instrument.Kind.SPOT ? account.cash() : account.equity() - account.marginUsed();
    if (needed > available) {
      return new RiskDecision.Vetoed(intent, INSUFFICIENT_CASH, String.format("needs %.2f, %.2f available", needed, available));
    }
    return new RiskDecision.Approved(intent, side, qty, false);
  }
}
