package io.troupe.app.backtest;

import io.troupe.model.OrderRecord;
import io.troupe.model.OrderStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Compares what the venue has working with what the order manager owns. */
public final class Reconciliation {
  private Reconciliation() {}

  /**
   * Orders working at the venue that the order manager does not hold as working: nobody would ever cancel them.
   * Must be empty at the end of every run.
   */
  public static List<String> ordersWithoutOwner(List<String> workingAtVenue, List<OrderRecord> book) {
    Set<String> owned = new HashSet<>();
    for (OrderRecord r : book) {
      if (!OrderStatus.valueOf(r.status()).isFinal()) owned.add(r.orderId());
    }
    List<String> orphans = new ArrayList<>();
    for (String id : workingAtVenue) if (!owned.contains(id)) orphans.add(id);
    return orphans;
  }
}
