package io.troupe.exit;

import java.util.List;

/**
 * The reasons a round trip can close with (its {@code exit_reason}), so a configured list of them (the stop-storm
 * breaker's) can be checked: a misspelt reason would never match an exit and silently turn its rule off.
 */
public final class ExitReasons {

  public static final String STOP_LOSS = "stop_loss";
  public static final String ATR_STOP = "atr_stop";
  /** A scale-out step: {@code partial_1}, {@code partial_2}, ... */
  public static final String PARTIAL_PREFIX = "partial_";

  /** Every exact reason, in the order a user reads them. */
  public static final List<String> ALL = List.of(
      STOP_LOSS, ATR_STOP, MaxLossRule.REASON, TakeProfitRule.REASON, TrailingStopRule.REASON, MaxAgeRule.REASON,
      "signal_exit", "signal_long", "signal_short", "halt_flatten", "operator_flatten");

  private ExitReasons() {}

  public static boolean isKnown(String reason) {
    if (ALL.contains(reason)) return true;
    if (!reason.startsWith(PARTIAL_PREFIX)) return false;
    String n = reason.substring(PARTIAL_PREFIX.length());
    return !n.isEmpty() && n.length() <= 6 && n.chars().allMatch(Character::isDigit) && Integer.parseInt(n) >= 1;
  }

  /** The reasons as a user reads them in a message. */
  public static String describe() {
    return String.join(", ", ALL) + ", " + PARTIAL_PREFIX + "N";
  }
}
