package io.troupe.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReadingTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static List<Bar> readAll(Path file, ReadOptions options) {
    List<Bar> bars = new ArrayList<>();
    BarFiles.forEach(file, "X", options, bars::add);
    return bars;
  }

  @Test
  void readsCommaCsvWithVolumeAndIgnoresOtherColumns() throws IOException {
    Path file = write("a.csv", "Date,Open,High,Low,Close,Volume,OpenInterest\n2006-01-02,10,12,9,11,100,0\n2006-01-03,11,13,10,12,0,0\n");
    List<Bar> bars = readAll(file, ReadOptions.DEFAULT);
    assertEquals(List.of(
        new Bar("X", Instant.parse("2006-01-02T00:00:00Z").toEpochMilli(), 10, 12, 9, 11, 100),
        new Bar("X", Instant.parse("2006-01-03T00:00:00Z").toEpochMilli(), 11, 13, 10, 12, 0)), bars);
  }

  @Test
  void readsSemicolonCsvWithoutVolumeInAnyColumnOrder() throws IOException {
    Path file = write("b.csv", "close;LOW;high;open;timestamp\n11;9;12;10;2021-12-31T23:01:00Z\n");
    Bar bar = readAll(file, ReadOptions.DEFAULT).get(0);
    assertEquals(new Bar("X", Instant.parse("2021-12-31T23:01:00Z").toEpochMilli(), 10, 12, 9, 11, Double.NaN), bar);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2006-01-02 | 2006-01-02T00:00:00Z",
        "20060102 | 2006-01-02T00:00:00Z",
        "2021-12-31T23:01:00 | 2021-12-31T23:01:00Z",
        "2021-12-31T23:01:00Z | 2021-12-31T23:01:00Z",
        "2021-12-31T23:01:00+02:00 | 2021-12-31T21:01:00Z",
        "2021-12-31 23:01:00.000000 | 2021-12-31T23:01:00Z",
        "2021-12-31 23:01:00.250 | 2021-12-31T23:01:00.250Z",
        "2013-02-01 00:00:00+00:00 | 2013-02-01T00:00:00Z",
        "2013-02-01 00:00:00-0130 | 2013-02-01T01:30:00Z",
        "2013-02-01T00:00:00+01:00[Europe/Paris] | 2013-01-31T23:00:00Z",
        "1515560100 | 2018-01-10T04:55:00Z",
        "1515560100000 | 2018-01-10T04:55:00Z",
        "1515560100.5 | 2018-01-10T04:55:00.500Z",
      })
  void readsTimestampForms(String text, String expected) throws IOException {
    Path file = write("t.csv", "time,open,high,low,close\n" + text + ",1,2,1,2\n");
    assertEquals(Instant.parse(expected).toEpochMilli(), readAll(file, ReadOptions.DEFAULT).get(0).time());
  }

  @Test
  void joinsSeparateDateAndTimeColumns() throws IOException {
    Path file = write("dt.csv", "Date,Time,Open,High,Low,Close\n2013-02-01,09:30:00,1,2,1,2\n");
    assertEquals(Instant.parse("2013-02-01T09:30:00Z").toEpochMilli(), readAll(file, ReadOptions.DEFAULT).get(0).time());
  }

  @Test
  void readsGzippedCsv() throws IOException {
    Path file = dir.resolve("c.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("timestamp,open,high,low,close,volume\n1515560100000,1,2,1,2,5\n1515560400000,2,3,2,3,6\n".getBytes(StandardCharsets.UTF_8));
    }
    List<Bar> bars = readAll(file, ReadOptions.DEFAULT);
    assertEquals(2, bars.size());
    assertEquals(6, bars.get(1).volume());
  }

  @Test
  void skipsBlankLinesButCountsThemInLineNumbers() throws IOException {
    Path file = write("blank.csv", "time,open,high,low,close\n2006-01-02,1,2,1,2\n\n2006-01-03,1,0.5,1,2\n");
    BadRowException e = assertThrows(BadRowException.class, () -> readAll(file, ReadOptions.DEFAULT));
    assertEquals(4, e.line());
  }

  /** One bad row after a good one (line 2): each case names the failing field on line 3. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2006-01-01,10,12,9,11,5 | date | OUT_OF_ORDER | older than the previous",
        "2006-01-02,10,12,9,11,5 | date | DUPLICATE_TIME | duplicate time",
        "2006-01-03,10,10.5,9,11,5 | high | HIGH_BELOW_OPEN_CLOSE | 10.5 is below max(open, close) 11",
        "2006-01-03,10,12,10.5,11,5 | low | LOW_ABOVE_OPEN_CLOSE | 10.5 is above min(open, close) 10",
        "2006-01-03,10,8,9,10,5 | high | HIGH_BELOW_LOW | 8 is below low 9",
        "2006-01-03,10,abc,9,11,5 | high | NOT_A_NUMBER | 'abc' is not a number",
        "2006-01-03,10,12,9,NaN,5 | close | NOT_FINITE | not finite",
        "2006-01-03,10,Infinity,9,11,5 | high | NOT_FINITE | not finite",
        "2006-01-03,0,12,9,11,5 | open | NOT_POSITIVE | not a positive price",
        "2006-01-03,10,12,-9,11,5 | low | NOT_POSITIVE | not a positive price",
        "2006-01-03,10,12,9,11,-5 | volume | NEGATIVE_VOLUME | -5 is negative",
        "2006-01-03,10,12,9 | close | MISSING_FIELD | missing value",
        "2006-01-03,10,,9,11,5 | high | MISSING_FIELD | missing value",
        "2006-13-03,10,12,9,11,5 | date | BAD_TIME | is not a time",
      })
  void failPolicyNamesFileLineAndField(String badRow, String field, BadRowReason reason, String detail) throws IOException {
    Path file = write("bad.csv", "date,open,high,low,close,volume\n2006-01-02,10,12,9,11,5\n" + badRow + "\n");
    BadRowException e = assertThrows(BadRowException.class, () -> readAll(file, ReadOptions.DEFAULT));
    assertEquals(reason, e.reason());
    assertEquals(3, e.line());
    assertEquals(field, e.field());
    assertTrue(e.getMessage().startsWith(file + ": line 3, field '" + field + "': "), e.getMessage());
    assertTrue(e.getMessage().contains(detail), e.getMessage());
    assertTrue(e instanceof InvalidInputException);
  }

  @Test
  void skipPolicyDropsBadRowsAndCountsThemByReason() throws IOException {
    Path file = write("dirty.csv", String.join("\n",
        "date,open,high,low,close,volume",
        "2006-01-02,10,12,9,11,5",
        "2006-01-02,10,12,9,11,5",      // duplicate
        "2006-01-01,10,12,9,11,5",      // out of order
        "2006-01-03,10,10.5,9,11,5",    // high below
        "2006-01-04,10,12,9,x,5",       // not a number
        "2006-01-05,10,12,9,11,-1",     // negative volume
        "2006-01-06,10,12,9,11,5",
        "2006-01-07,10,12,9",           // missing
        "2006-01-08,10,12,9,11,5",
        ""));
    List<Bar> bars = new ArrayList<>();
    ReadReport report = BarFiles.forEach(file, null, ReadOptions.skipBadRows(), bars::add);
    assertEquals(3, bars.size());
    assertEquals(3, report.rows());
    assertEquals(6, report.skipped());
    assertEquals(Map.of(
        BadRowReason.DUPLICATE_TIME, 1L,
        BadRowReason.OUT_OF_ORDER, 1L,
        BadRowReason.HIGH_BELOW_OPEN_CLOSE, 1L,
        BadRowReason.NOT_A_NUMBER, 1L,
        BadRowReason.NEGATIVE_VOLUME, 1L,
        BadRowReason.MISSING_FIELD, 1L), report.skippedByReason());
    assertEquals("DIRTY", report.symbol());
  }

  @Test
  void emptyFileIsAnErrorEvenWhenSkipping() throws IOException {
    Path file = write("empty.csv", "");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(file, ReadOptions.skipBadRows()));
    assertEquals(file + ": line 1: file is empty", e.getMessage());
  }

  @Test
  void headerWithoutNeededColumnsIsAnErrorNamingThem() throws IOException {
    Path file = write("nohigh.csv", "time,open,hi,low,close\n2006-01-02,1,2,1,2\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(file, ReadOptions.skipBadRows()));
    assertTrue(e.getMessage().startsWith(file + ": line 1: header has no high"), e.getMessage());
  }

  @Test
  void headerWithoutTimeColumnIsAnError() throws IOException {
    Path file = write("notime.csv", "2006-01-02,1,2,1,2\n2006-01-03,1,2,1,2\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(file, ReadOptions.DEFAULT));
    assertEquals(file + ": not a data file: line 1 is not a bar header (got '2006-01-02,1,2,1,2'); expected a time column, open,"
        + " high, low, close and optionally volume", e.getMessage());
  }

  @Test
  void missingFileIsBadInput() {
    Path file = dir.resolve("nope.csv");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(file, ReadOptions.DEFAULT));
    assertEquals(file + ": no such file", e.getMessage());
  }

  @Test
  void reportsGapsAgainstTheMostCommonStep() throws IOException {
    Path file = write("gaps.csv", String.join("\n",
        "timestamp,open,high,low,close",
        "2022-01-01 00:00,1,2,1,2",
        "2022-01-01 00:01,1,2,1,2",
        "2022-01-01 00:02,1,2,1,2",
        "2022-01-01 00:05,1,2,1,2",   // 3m gap
        "2022-01-01 00:06,1,2,1,2",
        "2022-01-01 00:16,1,2,1,2",   // 10m gap
        "2022-01-01 00:17,1,2,1,2",
        ""));
    ReadReport report = BarFiles.forEach(file, "X", ReadOptions.DEFAULT, bar -> {});
    assertEquals(7, report.rows());
    assertEquals(Duration.ofMinutes(1), report.usualStep());
    assertEquals("1m", report.timeframe());
    assertEquals(2, report.gaps());
    assertEquals(Duration.ofMinutes(10), report.largestGap());
    assertEquals(Instant.parse("2022-01-01T00:00:00Z"), report.first());
    assertEquals(Instant.parse("2022-01-01T00:17:00Z"), report.last());
  }

  @ParameterizedTest
  @CsvSource({
    "ETH_BTC-5m.json, ETH_BTC",
    "btc-perp-20211231-20220201_1m.csv, BTC-PERP",
    "ETH_BTC-5m.json.gz, ETH_BTC",
    "2006-day-001.txt, 2006-DAY-001",
    "eurusd_1h.csv, EURUSD",
    "AAPL.csv, AAPL",
  })
  void defaultSymbolComesFromTheFileName(String name, String symbol) {
    assertEquals(symbol, BarFiles.defaultSymbol(Path.of("data", name)));
  }

  @Test
  void truncatedOrFakeGzipIsBadInput() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      StringBuilder csv = new StringBuilder("timestamp,open,high,low,close\n");
      for (int i = 0; i < 5000; i++) csv.append(1515560100L + 60L * i).append(",1,2,1,2\n");
      out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = bytes.toByteArray();
    Path truncated = dir.resolve("t.csv.gz");
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(truncated, ReadOptions.DEFAULT));
    assertTrue(e.getMessage().startsWith(truncated + ": line "), e.getMessage());
    assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());

    Path fake = write("fake.csv.gz", "timestamp,open,high,low,close\n");
    InvalidInputException notGzip = assertThrows(InvalidInputException.class, () -> readAll(fake, ReadOptions.DEFAULT));
    assertTrue(notGzip.getMessage().startsWith(fake + ": not a gzip file"), notGzip.getMessage());
  }
}
