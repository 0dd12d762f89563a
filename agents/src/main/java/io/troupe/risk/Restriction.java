package io.troupe.risk;

import io.troupe.model.TradingState;
import io.troupe.persistence.CborSerializable;

/**
 * One reason the account is not fully ACTIVE: {@code level} is REDUCING or HALTED; {@code code} is stable
 * ({@code daily_loss}, {@code weekly_loss}, {@code drawdown}, {@code kill_switch}, {@code stop_storm},
 * {@code operator_halt}, {@code operator_reducing}); {@code resumesAt} is the event time it lifts by itself, or
 * {@link #OPERATOR_ONLY} when only an operator lifts it.
 */
public record Restriction(TradingState level, String code, String detail, long since, long resumesAt) implements CborSerializable {

  public static final long OPERATOR_ONLY = Long.MAX_VALUE;

  public boolean operatorOnly() {
    return resumesAt == OPERATOR_ONLY;
  }

  public boolean expiredAt(long time) {
    return !operatorOnly() && time >= resumesAt;
  }
}
