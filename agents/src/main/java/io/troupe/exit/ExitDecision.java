package io.troupe.exit;

import io.troupe.persistence.CborSerializable;
import io.troupe.model.Position;
import io.troupe.model.OrderIntent;

/**
 * One exit the rules want: close {@code quantity} (absolute) of the position, or all of it when {@code closesAll}.
 * {@code reason} is a stable code ({@code stop_loss}, {@code atr_stop}, {@code take_profit}, {@code trailing_stop},
 * {@code partial_1}.., {@code max_age}, {@code max_loss}); {@code referencePrice} is the level that triggered it
 * (the stop or target) or the bar's close. Exits go out at market, reduce-only.
 */
public record ExitDecision(String symbol, long time, double quantity, boolean closesAll, String reason, double referencePrice)
    implements CborSerializable {

  /** The exit as an intent for the risk supervisor: the net position left after it, flagged as an exit. */
  public OrderIntent toIntent(Position position) {
    double left = closesAll ? 0 : position.quantity() - Math.signum(position.quantity()) * quantity;
    if (Math.signum(left) != Math.signum(position.quantity())) left = 0;
    return new OrderIntent(symbol, time, left, referencePrice, Double.NaN, Double.NaN, position.specialist(), reason, true);
  }
}
