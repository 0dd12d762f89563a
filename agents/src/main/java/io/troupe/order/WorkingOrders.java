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

  private static final Comparator<ManagedOrder> BY_CLIENT_ID = Comparator.comparing(o -> o.request().clientOrderId());

  static List<ManagedOrder> sorted(Collection<ManagedOrder> orders) {
    List<ManagedOrder> out = new ArrayList<>(orders.size());
    boolean inOrder = true;
    for (ManagedOrder o : orders) {
      if (o.status().isFinal()) continue;
      if (inOrder && !out.isEmpty() && BY_CLIENT_ID.compare(out.get(out.size() - 1), o) > 0) inOrder = false;
      out.add(o);
    }
    if (!inOrder) out.sort(BY_CLIENT_ID); // usually already in id order: orders are kept in the order they were made
    return out;
  }

  static boolean isLimit(OrderRequest r) {
    return r.type() == OrderType.LIMIT || r.type() == OrderType.STOP_LIMIT;
  }
}
