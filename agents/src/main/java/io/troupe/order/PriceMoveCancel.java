package io.troupe.order;

import io.troupe.model.OrderRequest;
import io.troupe.model.OrderType;
import io.troupe.market.Bar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Cancels an entry limit order once the market has moved more than {@code movePct} away from its price (a buy whose
 * market rose away, a sell whose market fell away): the signal it was priced for is stale and the desk should decide
 * again. Moves towards the order are left alone; they are how it fills. Reduce-only orders are never cancelled here.
 */
public final class PriceMoveCancel {
  public static final String REASON = "price_moved";
  private final double movePct;

  public PriceMoveCancel(double movePct) {
    this.movePct = movePct;
  }

  public List<LifecycleAction> check(Collection<ManagedOrder> working, Bar bar) {
    List<LifecycleAction> out = new ArrayList<>();
    if (movePct <= 0) return out;
    // Called for every bar of a step: pick this bar's entry limits first, then sort only those.
    List<ManagedOrder> candidates = null;
    for (ManagedOrder o : working) {
      OrderRequest r = o.request();
      if (!r.symbol().equals(bar.symbol()) || r.type() != OrderType.LIMIT || r.reduceOnly()) continue;
      if (candidates == null) candidates = new ArrayList<>(2);
      candidates.add(o);
    }
    if (candidates == null) return out;
    for (ManagedOrder o : WorkingOrders.sorted(candidates)) {
      OrderRequest r = o.request();
      double away = r.side().sign() * (bar.close() - r.limitPrice()) / r.limitPrice();
      if (away > movePct) out.add(new LifecycleAction.Cancel(r.clientOrderId(), REASON));
    }
    return out;
  }
}
