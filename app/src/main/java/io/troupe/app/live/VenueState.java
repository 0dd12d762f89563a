package io.troupe.app.live;

import java.util.List;
import java.util.Map;

/**
 * What a venue says of the account, read when a live session starts or restarts: the account (a name to print, never a
 * credential), the orders working there, and what the account holds of each traded symbol's base asset ({@code holdings},
 * by symbol; empty where the venue gives none). {@code balances} by asset, for the operator.
 */
public record VenueState(String account, List<VenueOrder> open, Map<String, Double> holdings, Map<String, Double> balances) {
  public VenueState {
    open = List.copyOf(open);
    holdings = Map.copyOf(holdings);
    balances = Map.copyOf(balances);
  }
}
