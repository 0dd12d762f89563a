package io.troupe.risk;

import io.troupe.model.Instrument;
import io.troupe.model.AccountSnapshot;
import java.util.Map;

/**
 * What a pre-trade check reads besides the intent and the {@link RiskState}, as the caller saw it at the step's close.
 * {@code pending}: signed quantity of working orders (and orders approved earlier in the same step) per symbol.
 * {@code stops}: the current stop price of each open position (from its exit state); a position without one is
 * assumed to risk {@link RiskLimits#defaultStopPct()}. {@code instruments}: every tradable symbol.
 */
public record RiskContext(
    AccountSnapshot account,
    Map<String, Double> pending,
    Map<String, Instrument> instruments,
    Map<String, Double> stops,
    CorrelationLookup correlations) {

  public RiskContext {
    pending = Map.copyOf(pending);
    instruments = Map.copyOf(instruments);
    stops = Map.copyOf(stops);
  }

  public static RiskContext of(AccountSnapshot account, Map<String, Double> pending, Map<String, Instrument> instruments) {
    return new RiskContext(account, pending, instruments, Map.of(), CorrelationLookup.NONE);
  }

  /** Held plus working quantity: what the account will hold once working orders fill. */
  public double exposureQuantity(String symbol) {
    return account.quantity(symbol) + pending.getOrDefault(symbol, 0.0);
  }
}
