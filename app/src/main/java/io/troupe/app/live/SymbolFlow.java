package io.troupe.app.live;

import io.troupe.model.Side;
import io.troupe.persistence.CborSerializable;

/**
 * What a session's fills of one symbol did to the account, summed as they are journaled: {@code notional} the quote
 * paid (negative) and received for them, {@code quantity} the signed position they make, {@code cost} that position's
 * cost at the average entry price (signed, the way Binance's futures keep it), {@code quoteFees} the fees charged in
 * the quote currency. Spot's quote balance moves by {@code notional - quoteFees}; a perpetual's wallet by the realized
 * P&L {@code notional + cost} less the fees (the open position's margin is not spent).
 */
public record SymbolFlow(double notional, double quantity, double cost, double quoteFees) implements CborSerializable {
  public static final SymbolFlow NONE = new SymbolFlow(0, 0, 0, 0);

  /** With one more fill: {@code quantity} at {@code price}, {@code quoteFee} of it charged in the quote currency. */
  public SymbolFlow plus(Side side, double quantity, double price, double quoteFee) {
    double signed = side.sign() * quantity;
    double q = this.quantity + signed;
    double c;
    if (this.quantity == 0 || Math.signum(this.quantity) == Math.signum(signed)) c = cost + signed * price; // opened or added to
    else if (Math.abs(q) < 1e-12) c = 0; // closed
    else if (Math.signum(q) != Math.signum(this.quantity)) c = q * price; // turned over: the rest entered anew at this price
    else c = q * (cost / this.quantity); // reduced: the entry price stays
    if (Math.abs(q) < 1e-12) q = 0;
    return new SymbolFlow(notional - signed * price, q, c, quoteFees + quoteFee);
  }

  /** The realized P&L of these fills (average cost): what closed, at what it closed for against what it cost. */
  public double realized() {
    return notional + cost;
  }
}
