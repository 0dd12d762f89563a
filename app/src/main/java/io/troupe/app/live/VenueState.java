package io.troupe.app.live;

import java.util.List;
import java.util.Map;

/**
 * What a venue says of the account, read when a live session starts or restarts: the account (a name to print, never a
 * credential), the orders working there, and what the account holds of each traded symbol's base asset ({@code holdings},
 * by symbol; empty where the venue gives none). {@code balances} by asset; {@code balancesKnown} false when the venue
 * gave none (a FIX peer without collateral reports): they are then not compared. An asset a venue that gives balances
 * leaves out holds nothing (Binance omits zero balances).
 */
public record VenueState(String account, List<VenueOrder> open, Map<String, Double> holdings, Map<String, Double> balances, boolean balancesKnown) {
  public VenueState {
    open = List.copyOf(open);
    holdings = Map.copyOf(holdings);
    balances = Map.copyOf(balances);
  }

  public VenueState(String account, List<VenueOrder> open, Map<String, Double> holdings, Map<String, Double> balances) {
    this(account, open, holdings, balances, !balances.isEmpty());
  }
}
