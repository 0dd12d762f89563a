package io.troupe.model;

import io.troupe.persistence.CborSerializable;
import java.util.Map;

/** The account as the position monitor saw it at the close of one step: what risk decides against. */
public record AccountSnapshot(long time, double cash, double equity, double marginUsed, double exposure, Map<String, Position> positions)
    implements CborSerializable {

  public static AccountSnapshot initial(double cash) {
    return new AccountSnapshot(0, cash, cash, 0, 0, Map.of());
  }

  public double quantity(String symbol) {
    Position p = positions.get(symbol);
    return p == null ? 0 : p.quantity();
  }

  public double lastPrice(String symbol) {
    Position p = positions.get(symbol);
    return p == null ? Double.NaN : p.lastPrice();
  }
}
