package io.troupe.gateway.sim;

import io.troupe.market.Bar;
import io.troupe.model.Instrument;
import io.troupe.model.Side;

/**
 * Where and at what price a bar fills working orders, and how much of an order one bar can fill: the seam between the
 * engine's bookkeeping (acceptance, time in force, reduce-only, fees, reports) and the price model.
 * {@link IntrabarFillModel} is the one in use. Implementations may keep scratch state but must allocate nothing per
 * order, and are checkpointed with the engine.
 */
interface FillModel {

  /** Called once before the orders of {@code bar}'s symbol are evaluated against it. */
  void startBar(Bar bar);

  /**
   * Decides what the current bar does to one order and records it in the order's outcome fields: a fill (path
   * position, price, liquidity), a post-only cancel, an IOC/FOK expiry, or nothing. May mark a stop triggered.
   */
  void evaluate(OrderState state, Instrument instrument);

  /** The most of {@code quantity} one bar of volume {@code barVolume} (NaN when unknown) lets one order fill. */
  double fillable(double quantity, double barVolume, Instrument instrument);

  /** The price a taker gets for {@code price}: worse by the slippage, rounded to the tick. */
  double takerPrice(Side side, double price, Instrument instrument);
}
