package io.troupe.order;

import io.troupe.model.OrderRequest;

/**
 * What an order lifecycle rule asks the order manager to do. Replacement orders carry ids derived from the order they
 * replace, so running a rule twice on the same orders asks for the same ids and the venue keeps one order.
 */
public sealed interface LifecycleAction {

  /** Cancel a working order; {@code reason} is a stable code such as {@code stale}, {@code price_moved}, {@code oco}. */
  record Cancel(String clientOrderId, String reason) implements LifecycleAction {}

  /** Send a new order. */
  record Submit(OrderRequest request, String reason) implements LifecycleAction {}
}
