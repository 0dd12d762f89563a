package io.troupe.app.paper;

import io.troupe.persistence.CborSerializable;

/**
 * What an operator asks of a running session: halt, resume, the kill switch, reducing, a flatten, an order's cancel or
 * change, a cancel of every working order. Applied by the runner at a step boundary ({@link SessionControls}), after
 * it is journaled ({@link PaperEvent.ControlIssued}), so a resume applies it again at the same place in the replay.
 *
 * @param symbol for {@link Action#FLATTEN}: the symbol to close, null for every position
 * @param orderId for {@link Action#CANCEL} and {@link Action#MODIFY}
 * @param quantity for {@link Action#MODIFY}: the new quantity, null to keep it
 * @param limitPrice for {@link Action#MODIFY}: the new limit price, null to keep it
 * @param stopPrice for {@link Action#MODIFY}: the new stop price, null to keep it
 * @param flatten for {@link Action#HALT}: also close every position at market
 * @param swap for {@link Action#SWAP}: the desk, the specialist and its genome or strategy (null in journals before it)
 */
public record OperatorControl(Action action, String symbol, String orderId, Double quantity, Double limitPrice, Double stopPrice, Boolean flatten,
    io.troupe.desk.SpecialistSwap swap)
    implements CborSerializable {

  public enum Action {
    HALT, RESUME, KILL, REDUCING, FLATTEN, CANCEL, CANCEL_ALL, MODIFY, SWAP;

    /** As an operator writes it: {@code cancel_all}. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public OperatorControl {
    if (action == null) throw new IllegalArgumentException("a control needs an action");
    if ((action == Action.SWAP) != (swap != null)) throw new IllegalArgumentException("a swap control, and only one, carries a swap");
  }

  public OperatorControl(Action action, String symbol, String orderId, Double quantity, Double limitPrice, Double stopPrice, Boolean flatten) {
    this(action, symbol, orderId, quantity, limitPrice, stopPrice, flatten, null);
  }

  /** Add, replace or remove a specialist of a running desk ({@code swap.symbol()}'s). */
  public static OperatorControl swap(io.troupe.desk.SpecialistSwap swap) {
    return new OperatorControl(Action.SWAP, swap.symbol(), null, null, null, null, null, swap);
  }

  public static OperatorControl of(Action action) {
    return new OperatorControl(action, null, null, null, null, null, null);
  }

  public static OperatorControl halt(boolean flatten) {
    return new OperatorControl(Action.HALT, null, null, null, null, null, flatten);
  }

  public static OperatorControl flatten(String symbol) {
    return new OperatorControl(Action.FLATTEN, symbol, null, null, null, null, null);
  }

  public static OperatorControl cancel(String orderId) {
    return new OperatorControl(Action.CANCEL, null, orderId, null, null, null, null);
  }

  public static OperatorControl modify(String orderId, Double quantity, Double limitPrice, Double stopPrice) {
    return new OperatorControl(Action.MODIFY, null, orderId, quantity, limitPrice, stopPrice, null);
  }
}
