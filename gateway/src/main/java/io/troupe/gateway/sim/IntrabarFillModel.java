package io.troupe.gateway.sim;

import io.troupe.gateway.sim.OrderState.Outcome;
import io.troupe.market.Bar;
import io.troupe.model.Instrument;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderType;
import io.troupe.model.Side;
import io.troupe.model.TimeInForce;

/**
 * The bar fill model: each bar is walked along {@link IntrabarPath}; market orders fill at the open as taker with
 * slippage; a limit marketable at the open fills there as taker (slippage capped at the limit), else at its price as
 * maker where the path reaches it; a stop triggers where the path reaches it (at the open when the bar gaps through)
 * and fills there as taker with slippage; a stop-limit triggers like a stop and is a limit from that point on;
 * post-only orders marketable at their first evaluation are canceled; one order fills at most
 * {@code maxVolumeShare} of a bar's volume.
 */
final class IntrabarFillModel implements FillModel {

  private final double slippageBps;
  private final double maxVolumeShare;
  private final IntrabarPath path = new IntrabarPath();

  IntrabarFillModel(SimulatedExchangeSettings settings) {
    this.slippageBps = settings.slippageBps();
    this.maxVolumeShare = settings.maxVolumeShare();
  }

  @Override
  public void startBar(Bar bar) {
    path.reset(bar);
  }

  @Override
  public void evaluate(OrderState state, Instrument instrument) {
    state.outcome = Outcome.NONE;
    boolean buy = state.buy();
    double open = path.open();
    switch (state.type) {
      case MARKET -> state.setFill(0, takerPrice(state.side, open, instrument), Liquidity.TAKER);
      case LIMIT -> evaluateLimit(state, 0, open, instrument);
      case STOP, STOP_LIMIT -> {
        if (state.triggered) {
          if (state.type == OrderType.STOP) state.setFill(0, takerPrice(state.side, open, instrument), Liquidity.TAKER);
          else evaluateLimit(state, 0, open, instrument);
        } else {
          double at = buy ? path.firstAtOrAbove(state.stopPrice, 0) : path.firstAtOrBelow(state.stopPrice, 0);
          if (!Double.isNaN(at)) {
            state.triggered = true;
            // At position 0 the bar opened through the stop (or exactly on it): the open is the trigger price.
            double triggerPrice = at == 0 ? open : state.stopPrice;
            if (state.type == OrderType.STOP) {
              state.setFill(at, takerPrice(state.side, triggerPrice, instrument), Liquidity.TAKER);
            } else {
              evaluateLimit(state, at, triggerPrice, instrument);
            }
          }
        }
      }
    }
    boolean live = state.type == OrderType.MARKET || state.type == OrderType.LIMIT || state.triggered;
    if (state.outcome == Outcome.NONE && live && state.timeInForce != TimeInForce.GTC) {
      state.outcome = Outcome.EXPIRE;
      state.outcomePosition = Double.POSITIVE_INFINITY;
    }
    if (state.actsAsLimit()) state.restedOnce = true;
  }

  /** A limit (or triggered stop-limit) from path position {@code from}, where the price is {@code priceThere}. */
  private void evaluateLimit(OrderState state, double from, double priceThere, Instrument instrument) {
    double limit = state.limitPrice;
    boolean buy = state.buy();
    boolean marketable = buy ? priceThere <= limit : priceThere >= limit;
    if (marketable) {
      if (state.postOnly) {
        if (!state.restedOnce) {
          state.outcome = Outcome.POST_ONLY_CANCEL;
          state.outcomePosition = from;
        } else {
          state.setFill(from, limit, Liquidity.MAKER);
        }
      } else {
        double slipped = takerPrice(state.side, priceThere, instrument);
        state.setFill(from, buy ? Math.min(slipped, limit) : Math.max(slipped, limit), Liquidity.TAKER);
      }
      return;
    }
    double at = buy ? path.firstAtOrBelow(limit, from) : path.firstAtOrAbove(limit, from);
    if (!Double.isNaN(at)) state.setFill(at, limit, Liquidity.MAKER);
  }

  @Override
  public double fillable(double quantity, double barVolume, Instrument instrument) {
    if (maxVolumeShare > 0 && !Double.isNaN(barVolume)) {
      return Math.min(quantity, instrument.roundQuantity(maxVolumeShare * barVolume));
    }
    return quantity;
  }

  @Override
  public double takerPrice(Side side, double price, Instrument instrument) {
    double factor = slippageBps / 1e4;
    return instrument.roundPrice(side == Side.BUY ? price * (1 + factor) : price * (1 - factor));
  }
}
