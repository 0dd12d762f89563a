package io.troupe.app.report;

import io.troupe.model.EquityPoint;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Calendar-month returns (UTC) from the equity series: each month's last equity over the previous month's last. */
public final class MonthlyReturns {

  private MonthlyReturns() {}

  /** The first month is measured from {@code initialCash}. Months without a point are absent. */
  public static TreeMap<YearMonth, Double> compute(List<EquityPoint> equity, double initialCash) {
    TreeMap<YearMonth, Double> monthEnd = new TreeMap<>();
    // A month's span is worked out once: the points run in time order, tens of thousands to a month.
    YearMonth month = null;
    long from = 0;
    long until = 0;
    for (EquityPoint p : equity) {
      long t = p.time();
      if (month == null || t < from || t >= until) {
        month = month(t);
        from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        until = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      }
      monthEnd.put(month, p.equity());
    }
    TreeMap<YearMonth, Double> returns = new TreeMap<>();
    double previous = initialCash;
    for (Map.Entry<YearMonth, Double> e : monthEnd.entrySet()) {
      returns.put(e.getKey(), e.getValue() / previous - 1);
      previous = e.getValue();
    }
    return returns;
  }

  /** Compounded return per calendar year from the monthly returns. */
  public static TreeMap<Integer, Double> yearly(Map<YearMonth, Double> monthly) {
    TreeMap<Integer, Double> growth = new TreeMap<>();
    monthly.forEach((ym, r) -> growth.merge(ym.getYear(), 1 + r, (a, b) -> a * b));
    growth.replaceAll((y, g) -> g - 1);
    return growth;
  }

  static YearMonth month(long epochMillis) {
    return YearMonth.from(Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC));
  }
}
