package io.troupe.risk;

/**
 * Correlation of two symbols' returns, supplied by the caller (measured over whatever window it keeps). NaN when
 * unknown; an unknown correlation never refuses an order.
 */
@FunctionalInterface
public interface CorrelationLookup {
  double correlation(String a, String b);

  CorrelationLookup NONE = (a, b) -> Double.NaN;
}
