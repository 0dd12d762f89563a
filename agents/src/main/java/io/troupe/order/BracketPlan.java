package io.troupe.order;

import io.troupe.model.OrderRequest;
import io.troupe.model.OrderStatus;
import io.troupe.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An entry with a protective stop and a target, one cancelling the other. Once the entry is final with a fill, the
 * stop (stop-market, reduce-only, id {@code <entry>-sl}) goes out for the filled quantity; the target (limit,
 * reduce-only, id {@code <entry>-tp}) from {@code targetActiveFrom} on (the minimum hold). When one leg is filled
 * completely the other is cancelled ({@code oco}); a partial fill keeps both working, since reduce-only legs cannot
 * overshoot the position. When the position is gone (closed by another exit) the legs still working are cancelled.
 * Waiting for the entry to be final keeps the legs' size simple; entries are market or short-lived maker orders.
 */
public record BracketPlan(String entryId, String symbol, Side entrySide, double stopPrice, double targetPrice, long targetActiveFrom) {

  public static final String OCO = "oco";
  public static final String POSITION_CLOSED = "position_closed";

  public String stopId() {
    return entryId + "-sl";
  }

  public String targetId() {
    return entryId + "-tp";
  }

  /**
   * The actions due now, given every order the manager knows by id (final ones included) and the symbol's signed
   * position (held, not pending).
   */
  public List<LifecycleAction> onOrders(Map<String, ManagedOrder> ordersById, double position, long now) {
    List<LifecycleAction> out = new ArrayList<>(2);
    ManagedOrder entry = ordersById.get(entryId);
    if (entry == null || !entry.status().isFinal() || entry.filledQuantity() <= 0) return out;
    String stopId = stopId();
    String targetId = targetId();
    ManagedOrder stop = ordersById.get(stopId);
    ManagedOrder target = ordersById.get(targetId);
    boolean holds = Math.signum(position) == entrySide.sign() && Math.abs(position) > 1e-9;
    boolean stopFilled = stop != null && stop.status() == OrderStatus.FILLED;
    boolean targetFilled = target != null && target.status() == OrderStatus.FILLED;

    if (stopFilled && target != null && !target.status().isFinal()) out.add(new LifecycleAction.Cancel(targetId, OCO));
    if (targetFilled && stop != null && !stop.status().isFinal()) out.add(new LifecycleAction.Cancel(stopId, OCO));
    if (stopFilled || targetFilled) return out;
    if (!holds) {
      if (stop != null && !stop.status().isFinal()) out.add(new LifecycleAction.Cancel(stopId, POSITION_CLOSED));
      if (target != null && !target.status().isFinal()) out.add(new LifecycleAction.Cancel(targetId, POSITION_CLOSED));
      return out;
    }
    double qty = Math.min(entry.filledQuantity(), Math.abs(position));
    Side exitSide = entrySide.opposite();
    if (stop == null && !Double.isNaN(stopPrice)) {
      out.add(new LifecycleAction.Submit(ProtectiveOrders.restingStop(stopId, symbol, exitSide, qty, stopPrice, now), "bracket_stop"));
    }
    if (target == null && !Double.isNaN(targetPrice) && now >= targetActiveFrom) {
      out.add(new LifecycleAction.Submit(OrderRequest.limit(targetId, symbol, exitSide, qty, targetPrice, now).withReduceOnly(true), "bracket_target"));
    }
    return out;
  }
}
