package io.troupe.gateway.sim;

/**
 * When a simulated market order fills.
 *
 * <p>{@code NEXT_OPEN} (the honest default): an order decided on bar t acts from bar t+1, a market order filling at
 * that bar's open. {@code CLOSE} (optimistic): a market order fills at once at the close of the last bar seen for its
 * symbol, the price the decision was taken on; other order types still act from the next bar.
 */
public enum FillMode {
  NEXT_OPEN,
  CLOSE
}
