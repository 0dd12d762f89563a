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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonReadingTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static List<Bar> readAll(Path file, ReadOptions options) {
    List<Bar> bars = new ArrayList<>();
    BarFiles.forEach(file, null, options, bars::add);
    return bars;
  }

  @Test
  void readsFreqtradeRows() throws IOException {
    Path file = write("ETH_BTC-5m.json",
        "[[1515560100000, 0.0984, 0.0994766, 0.09828605, 0.0994766, 1820.54447418], [1515560400000, 0.09946999, 0.0997238, 0.099, 0.09969, 2527.92100293]]");
    List<Bar> bars = readAll(file, ReadOptions.DEFAULT);
    assertEquals(List.of(
        new Bar("ETH_BTC", 1515560100000L, 0.0984, 0.0994766, 0.09828605, 0.0994766, 1820.54447418),
        new Bar("ETH_BTC", 1515560400000L, 0.09946999, 0.0997238, 0.099, 0.09969, 2527.92100293)), bars);
  }

  @Test
  void acceptsEpochSecondsStringsMissingVolumeAndExtraColumns() throws IOException {
    Path file = write("x.json", "[[1515560100, \"1\", \"2\", \"1\", \"2\"],\n [\"2018-01-10T05:00:00Z\", 1, 2, 1, 2, 3, \"extra\", [4]]]");
    List<Bar> bars = readAll(file, ReadOptions.DEFAULT);
    assertEquals(new Bar("X", 1515560100000L, 1, 2, 1, 2, Double.NaN), bars.get(0));
    assertEquals(new Bar("X", 1515560400000L, 1, 2, 1, 2, 3), bars.get(1));
  }

  @Test
  void detectsJsonByContentWhenTheNameSaysNothing() throws IOException {
    Path file = write("x.txt", "  [[1515560100000, 1, 2, 1, 2, 3]]");
    assertEquals(1, readAll(file, ReadOptions.DEFAULT).size());
  }

  @Test
  void readsGzippedJson() throws IOException {
    Path file = dir.resolve("ETH_BTC-5m.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("[[1515560100000, 1, 2, 1, 2, 3], [1515560400000, 1, 2, 1, 2, 3]]".getBytes(StandardCharsets.UTF_8));
    }
    List<Bar> bars = readAll(file, ReadOptions.DEFAULT);
    assertEquals(2, bars.size());
    assertEquals("ETH_BTC", bars.get(0).symbol());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[1515560200000, 1, 2, 1, 2, 3] | time | DUPLICATE_TIME",
        "[1515560000000, 1, 2, 1, 2, 3] | time | OUT_OF_ORDER",
        "[1515560400000, 1, 1.5, 1, 2, 3] | high | HIGH_BELOW_OPEN_CLOSE",
        "[1515560400000, 1, 2, 1.5, 2, 3] | low | LOW_ABOVE_OPEN_CLOSE",
        "[1515560400000, 1, 2, 1, 2, -3] | volume | NEGATIVE_VOLUME",
        "[1515560400000, 1, 2, 1, \"two\", 3] | close | NOT_A_NUMBER",
        "[1515560400000, 1, 2, 1, NaN, 3] | close | NOT_FINITE",
        "[1515560400000, 1, 2, null, 2, 3] | low | MISSING_FIELD",
        "[1515560400000, 1, 2, 1] | close | MISSING_FIELD",
        "[1515560400000, -1, 2, 1, 2, 3] | open | NOT_POSITIVE",
        "[true, 1, 2, 1, 2, 3] | time | BAD_TIME",
        "{\"a\": 1} | row | MALFORMED_ROW",
      })
  void failPolicyNamesLineRowAndField(String badRow, String field, BadRowReason reason) throws IOException {
    Path file = write("bad.json", "[[1515560100000, 1, 2, 1, 2, 3],\n [1515560200000, 1, 2, 1, 2, 3],\n " + badRow + "]");
    BadRowException e = assertThrows(BadRowException.class, () -> readAll(file, ReadOptions.DEFAULT));
    assertEquals(reason, e.reason());
    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith(file + ": line 3, row 3, field '" + field + "': "), e.getMessage());
  }

  @Test
  void rowIndexIsReportedOnSingleLineFiles() throws IOException {
    Path file = write("one.json", "[[1515560100000, 1, 2, 1, 2, 3], [1515560400000, 1, 2, 1, 2, 3], [1515560700000, 1, 0.5, 1, 2, 3]]");
    BadRowException e = assertThrows(BadRowException.class, () -> readAll(file, ReadOptions.DEFAULT));
    assertEquals(file + ": line 1, row 3, field 'high': 0.5 is below low 1", e.getMessage());
  }

  @Test
  void skipPolicyCountsBadRowsByReason() throws IOException {
    Path file = write("dirty.json",
        "[[1515560100000, 1, 2, 1, 2, 3], [1515560100000, 1, 2, 1, 2, 3], [1515560400000, 1, 2, 1, 2, -3],"
            + " [1515560700000, 1, 2, 1, 2], {\"x\": [1]}, [1515561000000, 1, 1, 1, 2, 3]]");
    List<Bar> bars = new ArrayList<>();
    ReadReport report = BarFiles.forEach(file, "D", ReadOptions.skipBadRows(), bars::add);
    assertEquals(2, report.rows());
    assertEquals(2, bars.size());
    assertEquals(Map.of(
        BadRowReason.DUPLICATE_TIME, 1L,
        BadRowReason.NEGATIVE_VOLUME, 1L,
        BadRowReason.MALFORMED_ROW, 1L,
        BadRowReason.HIGH_BELOW_OPEN_CLOSE, 1L), report.skippedByReason());
  }

  @Test
  void emptyFileIsAnError() throws IOException {
    Path file = write("empty.json", "");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(file, ReadOptions.skipBadRows()));
    assertEquals(file + ": line 1: file is empty", e.getMessage());
  }

  @Test
  void nonArrayDocumentIsAnError() throws IOException {
    Path file = write("obj.json", "{\"date\": {}}");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(file, ReadOptions.skipBadRows()));
    assertTrue(e.getMessage().startsWith(file + ": not a data file: line 1: expected a JSON array"), e.getMessage());
  }

  @Test
  void brokenJsonIsAnErrorWithItsLine() throws IOException {
    Path file = write("broken.json", "[[1515560100000, 1, 2, 1, 2, 3],\n [1515560400000, 1, 2,, 1, 2, 3]]");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(file, ReadOptions.skipBadRows()));
    assertTrue(e.getMessage().startsWith(file + ": line 2: not valid JSON"), e.getMessage());
  }
}
