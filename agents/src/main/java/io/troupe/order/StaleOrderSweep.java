package io.troupe.order;

import io.troupe.model.OrderRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Cancels limit orders that opened or added and have worked {@code maxAgeMillis} or longer in event time (now minus
 * the time the order was created). Reduce-only orders (bracket legs, exits) are left alone: they protect a position
 * and rest until filled or cancelled by their pair. Post-only maker entries are left to {@link MakerEntryPlan}, which
 * replaces them by a market order instead of dropping them.
 */
public final class StaleOrderSweep {
  public static final String REASON = "stale";
  private final long maxAgeMillis;

  public StaleOrderSweep(long maxAgeMillis) {
    this.maxAgeMillis = maxAgeMillis;
  }

  public List<LifecycleAction> sweep(Collection<ManagedOrder> working, long now) {
    List<LifecycleAction> out = new ArrayList<>();
    if (maxAgeMillis <= 0) return out;
    for (ManagedOrder o : WorkingOrders.sorted(working)) {
      OrderRequest r = o.request();
      if (!WorkingOrders.isLimit(r) || r.reduceOnly() || r.postOnly()) continue;
      if (now - o.createdAt() >= maxAgeMillis) out.add(new LifecycleAction.Cancel(r.clientOrderId(), REASON));
    }
    return out;
  }
}
