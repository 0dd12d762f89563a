package io.troupe.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResamplingTest {
  private static long t(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  private static Bar bar(String iso, double o, double h, double l, double c, double v) {
    return new Bar("S", t(iso), o, h, l, c, v);
  }

  @ParameterizedTest
  @CsvSource({"5m, 300000", "15m, 900000", "1h, 3600000", "4h, 14400000", "1d, 86400000", "1w, 604800000", "1m, 60000"})
  void parsesTimeframes(String text, long millis) {
    Timeframe tf = Timeframe.parse(text);
    assertEquals(millis, tf.millis());
    assertEquals(text, tf.label());
    assertEquals(text, Timeframe.describe(tf.duration()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "m5", "5 minutes", "0m", "1y", "-5m", "5M"})
  void rejectsBadTimeframesListingValidForms(String text) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Timeframe.parse(text));
    assertTrue(e.getMessage().contains("5m, 15m, 1h, 4h, 1d, 1w"), e.getMessage());
  }

  @Test
  void bucketsAlignToEpochBoundariesAndWeeksToMonday() {
    assertEquals(t("2022-01-01T04:00:00Z"), Timeframe.parse("4h").bucketStart(t("2022-01-01T07:59:59Z")));
    assertEquals(t("2022-01-01T00:00:00Z"), Timeframe.parse("1d").bucketStart(t("2022-01-01T23:59:00Z")));
    assertEquals(t("2022-01-01T00:15:00Z"), Timeframe.parse("15m").bucketStart(t("2022-01-01T00:29:00Z")));
    // 2022-01-06 is a Thursday; its week began on Monday 2022-01-03.
    assertEquals(t("2022-01-03T00:00:00Z"), Timeframe.parse("1w").bucketStart(t("2022-01-06T12:00:00Z")));
    assertEquals(t("2022-01-03T00:00:00Z"), Timeframe.parse("1w").bucketStart(t("2022-01-03T00:00:00Z")));
  }

  @Test
  void resamplesOneMinuteBarsToFiveMinutes() {
    BarResampler resampler = new BarResampler(Timeframe.parse("5m"));
    List<Bar> out = new ArrayList<>();
    List<Bar> in = List.of(
        bar("2022-01-01T00:03:00Z", 10, 11, 9, 10.5, 1),   // bucket 00:00, alone
        bar("2022-01-01T00:05:00Z", 10.5, 12, 10, 11, 2),
        bar("2022-01-01T00:06:00Z", 11, 13, 10.8, 12, 3),
        bar("2022-01-01T00:08:00Z", 12, 12.5, 8, 9, 4),     // bucket 00:05 ends with close 9
        bar("2022-01-01T00:15:00Z", 9, 10, 8.5, 9.5, 5));   // bucket 00:10 empty: no bar emitted for it
    for (Bar b : in) {
      Bar done = resampler.add(b);
      if (done != null) out.add(done);
    }
    out.add(resampler.flush());
    assertNull(resampler.flush());
    assertEquals(List.of(
        bar("2022-01-01T00:00:00Z", 10, 11, 9, 10.5, 1),
        bar("2022-01-01T00:05:00Z", 10.5, 13, 8, 9, 9),
        bar("2022-01-01T00:15:00Z", 9, 10, 8.5, 9.5, 5)), out);
  }

  @Test
  void volumeIsNaNOnlyWhenNoSourceBarHasVolume() {
    BarResampler resampler = new BarResampler(Timeframe.parse("1h"));
    resampler.add(bar("2022-01-01T00:00:00Z", 1, 2, 1, 2, Double.NaN));
    resampler.add(bar("2022-01-01T00:30:00Z", 1, 2, 1, 2, Double.NaN));
    assertTrue(Double.isNaN(resampler.flush().volume()));
    resampler.add(bar("2022-01-01T01:00:00Z", 1, 2, 1, 2, Double.NaN));
    resampler.add(bar("2022-01-01T01:30:00Z", 1, 2, 1, 2, 7));
    assertEquals(7, resampler.flush().volume());
  }

  @Test
  void rejectsABarOfAnEarlierBucket() {
    BarResampler resampler = new BarResampler(Timeframe.parse("5m"));
    resampler.add(bar("2022-01-01T00:10:00Z", 1, 2, 1, 2, 1));
    assertThrows(IllegalArgumentException.class, () -> resampler.add(bar("2022-01-01T00:04:00Z", 1, 2, 1, 2, 1)));
  }

  @Test
  void describesSteps() {
    assertEquals("90s", Timeframe.describe(Duration.ofSeconds(90)));
    assertEquals("3d", Timeframe.describe(Duration.ofDays(3)));
    assertEquals("250ms", Timeframe.describe(Duration.ofMillis(250)));
  }
}
