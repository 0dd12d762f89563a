package io.troupe.order;

import io.troupe.model.OrderRequest;
import io.troupe.model.OrderStatus;
import io.troupe.model.OrderType;
import io.troupe.model.Side;
import io.troupe.model.Instrument;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Enters as a maker: a post-only limit {@code offsetPct} inside the reference price (below it to buy, above to sell),
 * which falls back to a market order for what is left once it has worked {@code fallbackMillis} of event time, or at
 * once when the venue rejects it for taking liquidity. The fallback's id is the maker order's id plus {@code -mkt}.
 */
public final class MakerEntryPlan {
  public static final String TIMEOUT = "maker_timeout";
  public static final String FALLBACK = "maker_fallback";
  public static final String FALLBACK_SUFFIX = "-mkt";
  private final double offsetPct;
  private final boolean postOnly;
  private final long fallbackMillis;

  public MakerEntryPlan(double offsetPct, boolean postOnly, long fallbackMillis) {
    this.offsetPct = offsetPct;
    this.postOnly = postOnly;
    this.fallbackMillis = fallbackMillis;
  }

  public static MakerEntryPlan of(OrderLifecycleSettings s) {
    return new MakerEntryPlan(s.makerOffsetPct(), s.postOnly(), s.makerFallbackMillis());
  }

  /** The maker entry order, its price rounded to the instrument's tick. */
  public OrderRequest entry(String clientOrderId, Instrument inst, Side side, double quantity, double referencePrice, long decidedAt) {
    double price = inst.roundPrice(referencePrice * (1 - side.sign() * offsetPct));
    return OrderRequest.limit(clientOrderId, inst.symbol(), side, quantity, price, decidedAt).withPostOnly(postOnly);
  }

  /** Maker entries that have waited long enough: cancel each and send its remainder at market. */
  public List<LifecycleAction> onTime(Collection<ManagedOrder> working, long now) {
    List<LifecycleAction> out = new ArrayList<>();
    if (fallbackMillis <= 0) return out;
    for (ManagedOrder o : WorkingOrders.sorted(working)) {
      OrderRequest r = o.request();
      if (r.type() != OrderType.LIMIT || !r.postOnly() || r.reduceOnly()) continue;
      if (now - o.createdAt() < fallbackMillis) continue;
      out.add(new LifecycleAction.Cancel(r.clientOrderId(), TIMEOUT));
      if (o.remaining() > 0) out.add(new LifecycleAction.Submit(fallback(r, o.remaining(), now), FALLBACK));
    }
    return out;
  }

  /**
   * A post-only entry the venue refused because it would take (rejected at submission, or cancelled at its first
   * evaluation, depending on the venue): what is left of it at market now; else nothing.
   */
  public List<LifecycleAction> onRejected(ManagedOrder o, long now) {
    OrderRequest r = o.request();
    boolean refused = o.status() == OrderStatus.REJECTED || o.status() == OrderStatus.CANCELED;
    if (!refused || !r.postOnly() || r.reduceOnly() || !o.venueReason().startsWith("post_only")) return List.of();
    return List.of(new LifecycleAction.Submit(fallback(r, o.remaining(), now), FALLBACK));
  }

  private static OrderRequest fallback(OrderRequest r, double qty, long now) {
    return OrderRequest.market(r.clientOrderId() + FALLBACK_SUFFIX, r.symbol(), r.side(), qty, now);
  }
}
