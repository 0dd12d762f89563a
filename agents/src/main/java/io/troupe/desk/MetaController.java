package io.troupe.desk;

import io.troupe.risk.OrderIntent;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;

/**
 * Decides, for one symbol, what the desk asks for after its specialists have spoken: which specialist's signal counts
 * and how large the wanted position is. Pure; the desk actor owns it.
 */
public final class MetaController {

  private final String symbol;
  private final PositionSizing sizing;
  private final double multiplier;
  private double equity;

  public MetaController(String symbol, PositionSizing sizing, double multiplier, double initialEquity) {
    this.symbol = symbol;
    this.sizing = sizing;
    this.multiplier = multiplier;
    this.equity = initialEquity;
  }

  public void onEquity(double newEquity) {
    this.equity = newEquity;
  }

  /** The intent for a signal of the active specialist at {@code price}, or null when it asks for nothing. */
  public OrderIntent decide(Signal signal, double price) {
    if (signal == null) return null;
    double qty = sizing.quantity(equity, price, multiplier);
    double target =
        switch (signal.direction()) {
          case LONG -> qty;
          case SHORT -> sizing.allowShort() ? -qty : 0;
          case FLAT -> 0;
        };
    String reason = signal.direction() == Direction.FLAT ? "signal_exit" : "signal_" + signal.direction().name().toLowerCase();
    return new OrderIntent(symbol, signal.time(), target, price, signal.stop(), signal.target(), signal.source(), reason, false);
  }
}
