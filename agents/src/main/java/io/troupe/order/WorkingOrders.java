package io.troupe.order;

import io.troupe.model.OrderRequest;
import io.troupe.model.OrderType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Helpers shared by the lifecycle rules: orders still working, in client-id order so actions come out deterministic. */
final class WorkingOrders {
  private WorkingOrders() {}

  static List<ManagedOrder> sorted(Collection<ManagedOrder> orders) {
    List<ManagedOrder> out = new ArrayList<>(orders.size());
    for (ManagedOrder o : orders) if (!o.status().isFinal()) out.add(o);
    out.sort(Comparator.comparing(o -> o.request().clientOrderId()));
    return out;
  }

  static boolean isLimit(OrderRequest r) {
    return r.type() == OrderType.LIMIT || r.type() == OrderType.STOP_LIMIT;
  }
}
