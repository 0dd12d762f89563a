package io.troupe.venue;

import io.troupe.market.Bar;
import io.troupe.model.ExecutionReport;
import io.troupe.model.OrderRequest;
import java.util.List;

/**
 * A venue that matches against market data, as plain calls: what the simulated exchange is inside its actor, and
 * what the plain reference loop drives directly. Each call returns the execution reports it produced, in order.
 */
public interface MatchingEngine {

  /** Matches working orders of the bar's symbol against it. */
  List<ExecutionReport> onBar(Bar bar);

  List<ExecutionReport> submit(OrderRequest order, long now);

  List<ExecutionReport> cancel(String clientOrderId, long now, String reason);

  /** NaN keeps a value. */
  List<ExecutionReport> modify(String clientOrderId, double newQuantity, double newLimitPrice, double newStopPrice, long now);
}
