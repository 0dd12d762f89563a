package io.troupe.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {

  @Test
  void roundValueTicksWithAtLeastFourLines() {
    // range 1200 / 5 = 240 -> step 250 -> ticks 9,750 .. 10,750
    assertEquals(List.of(9750.0, 10000.0, 10250.0, 10500.0, 10750.0), SvgChart.niceTicks(9700, 10900, 5));
    // range 0.008 / 5 = .0016 -> step .002 -> 5 ticks from -.008 to 0
    assertEquals(5, SvgChart.niceTicks(-0.0081, 0, 5).size());
    assertEquals(2, SvgChart.decimals(0.25));
    assertEquals(0, SvgChart.decimals(500));
    assertEquals(3, SvgChart.decimals(0.002));
  }

  @Test
  void calendarAlignedTimeTicks() {
    long from = Instant.parse("2022-01-01T00:00:00Z").toEpochMilli();
    // 31 days: weekly ticks on Mondays (2022-01-03 was a Monday), labelled by date
    SvgChart.TimeTicks weeks = SvgChart.timeTicks(from, from + 31L * 86_400_000, 8);
    assertEquals("2022-01-03", weeks.format().format(Instant.ofEpochMilli(weeks.times().get(0)).atZone(ZoneOffset.UTC)));
    assertEquals(5, weeks.times().size()); // Jan 3, 10, 17, 24, 31
    // 2 years: quarterly ticks labelled by month
    SvgChart.TimeTicks quarters = SvgChart.timeTicks(from, from + 730L * 86_400_000, 8);
    assertEquals(List.of("2022-01", "2022-04"), quarters.times().subList(0, 2).stream()
        .map(t -> quarters.format().format(Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC))).toList());
  }
}
