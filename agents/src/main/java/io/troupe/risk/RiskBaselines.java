package io.troupe.risk;

import io.troupe.persistence.CborSerializable;
import java.util.List;

/**
 * What the circuit breakers measure against and what is in force: equity at the start of the UTC day and week, the
 * equity peak, and the restrictions (each with its reason). The part of the risk supervisor's state an operator must
 * find again after a crash; journaled by a paper session whenever it changes.
 */
public record RiskBaselines(long day, double dayStartEquity, long week, double weekStartEquity, double peakEquity, List<Restriction> restrictions)
    implements CborSerializable {

  public RiskBaselines {
    restrictions = List.copyOf(restrictions);
  }

  public static RiskBaselines of(RiskState s) {
    return new RiskBaselines(s.day(), s.dayStartEquity(), s.week(), s.weekStartEquity(), s.peakEquity(), s.restrictions());
  }
}
