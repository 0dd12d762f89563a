package io.troupe.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.model.EquityPoint;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonthlyReturnsTest {

  static EquityPoint at(String iso, double equity) {
    return new EquityPoint(Instant.parse(iso).toEpochMilli(), equity, equity, 0, 0);
  }

  @Test
  void monthEndOverPreviousMonthEnd() {
    List<EquityPoint> eq = List.of(
        at("2022-01-01T00:00:00Z", 100), at("2022-01-31T23:59:00Z", 110), // Jan ends at 110: 110/100-1 = +10%
        at("2022-02-15T00:00:00Z", 90), at("2022-02-28T23:00:00Z", 99), // Feb ends at 99: 99/110-1 = -10%
        at("2023-01-10T00:00:00Z", 118.8)); // Jan 2023: 118.8/99-1 = +20%
    Map<YearMonth, Double> m = MonthlyReturns.compute(eq, 100);
    assertEquals(3, m.size());
    assertEquals(0.10, m.get(YearMonth.of(2022, 1)), 1e-12);
    assertEquals(-0.10, m.get(YearMonth.of(2022, 2)), 1e-12);
    assertEquals(0.20, m.get(YearMonth.of(2023, 1)), 1e-12);
    Map<Integer, Double> y = MonthlyReturns.yearly(m);
    assertEquals(1.1 * 0.9 - 1, y.get(2022), 1e-12); // -1%
    assertEquals(0.20, y.get(2023), 1e-12);
  }
}
