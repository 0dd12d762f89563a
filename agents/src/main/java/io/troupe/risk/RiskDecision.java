package io.troupe.risk;

import io.troupe.model.OrderIntent;
import io.troupe.model.Side;

/** The outcome of checking one intent: an order to place, a veto with a reason code, or nothing to do. */
public sealed interface RiskDecision {

  /** An approved order: {@code quantity} is positive, {@code reduceOnly} when it only shrinks a position. */
  record Approved(OrderIntent intent, Side side, double quantity, boolean reduceOnly) implements RiskDecision {}

  /** {@code reason} is a stable code (for counts and reports); {@code detail} is for people. */
  record Vetoed(OrderIntent intent, String reason, String detail) implements RiskDecision {}

  /** The account already holds (or has working) what the intent asks for. */
  record NoChange(OrderIntent intent) implements RiskDecision {}
}
