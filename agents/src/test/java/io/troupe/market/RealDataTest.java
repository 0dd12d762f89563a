package io.troupe.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled files read cleanly under the strict policy, with the counts their SOURCE.md records. */
class RealDataTest {

  @ParameterizedTest
  @CsvSource({
    "ETH_BTC-5m.json, 5760, 2018-01-10T04:55:00Z, 2018-01-30T04:50:00Z, 0",
    "LTC_BTC-5m.json, 5760, 2018-01-10T04:55:00Z, 2018-01-30T04:50:00Z, 0",
    "ADA_BTC-5m.json, 5720, 2018-01-10T04:55:00Z, 2018-01-30T04:50:00Z, 5",
    "XLM_BTC-5m.json, 5760, 2018-01-10T04:55:00Z, 2018-01-30T04:50:00Z, 0",
    "ETC_BTC-5m.json, 5759, 2018-01-10T04:55:00Z, 2018-01-30T04:45:00Z, 0",
    "XMR_BTC-5m.json, 5758, 2018-01-10T04:55:00Z, 2018-01-30T04:50:00Z, 2",
    "DASH_BTC-5m.json, 5758, 2018-01-10T04:55:00Z, 2018-01-30T04:50:00Z, 2",
    "ZEC_BTC-5m.json, 5757, 2018-01-10T04:55:00Z, 2018-01-30T04:45:00Z, 2",
  })
  void freqtradeFiles(String name, long rows, String first, String last, long gaps) {
    ReadReport report = BarFiles.forEach(RealData.file(name), null, ReadOptions.DEFAULT, bar -> {});
    assertEquals(rows, report.rows());
    assertEquals(Instant.parse(first), report.first());
    assertEquals(Instant.parse(last), report.last());
    assertEquals(gaps, report.gaps());
    assertEquals(Duration.ofMinutes(5), report.usualStep());
    assertEquals(0, report.skipped());
    assertEquals(name.substring(0, name.indexOf('-')), report.symbol());
  }

  @Test
  void btcPerpOneMinuteCsv() {
    List<Bar> firstTwo = new ArrayList<>();
    ReadReport report =
        BarFiles.forEach(RealData.file("btc-perp-20211231-20220201_1m.csv"), null, ReadOptions.DEFAULT, bar -> {
          if (firstTwo.size() < 2) firstTwo.add(bar);
        });
    assertEquals(45031, report.rows());
    assertEquals("BTC-PERP", report.symbol());
    assertEquals(Instant.parse("2021-12-31T23:01:00Z"), report.first());
    assertEquals(Instant.parse("2022-02-01T05:31:00Z"), report.last());
    assertEquals("1m", report.timeframe());
    assertEquals(
        new Bar("BTC-PERP", Instant.parse("2021-12-31T23:01:00Z").toEpochMilli(), 46319.0, 46385.0, 46319.0, 46377.0, 2300413.7295),
        firstTwo.get(0));
  }

  @Test
  void backtraderDailyFile() {
    ReadReport report = BarFiles.forEach(RealData.file("2006-day-001.txt"), "IDX", ReadOptions.DEFAULT, bar -> {});
    assertEquals(255, report.rows());
    assertEquals(Instant.parse("2006-01-02T00:00:00Z"), report.first());
    assertEquals(Instant.parse("2006-12-29T00:00:00Z"), report.last());
    assertEquals("1d", report.timeframe());
    // Weekends and holidays are gaps for daily stock data.
    assertTrue(report.gaps() >= 50, "gaps " + report.gaps());
    assertTrue(report.largestGap().compareTo(Duration.ofDays(3)) >= 0);
  }
}
