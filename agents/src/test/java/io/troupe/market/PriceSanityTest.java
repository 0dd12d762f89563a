package io.troupe.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.model.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readers' price sanity stage (issue 17, "absurd input is refused"): a bar at 1e308, a x100 spike and a 1e-300
 * wick, each written into a copy of the bundled BTC file, were read as clean; now each is a bad row named by file,
 * line and field, stopped at or skipped and counted. The bundled files all still read clean with the defaults.
 */
class PriceSanityTest {
  @TempDir Path dir;

  private static final Path BTC = RealData.file("btc-perp-20211231-20220201_1m.csv");
  /** The line (1-based, header included) the bad row replaces; the bundled row there is 2021-12-31 23:50 or so. */
  private static final int LINE = 50;

  /** The first 100 lines of the bundled BTC file with line {@link #LINE} rewritten by {@code edit}. */
  private Path btcWith(String name, java.util.function.UnaryOperator<String[]> edit) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(BTC).subList(0, 100));
    String[] f = lines.get(LINE - 1).split(",");
    lines.set(LINE - 1, String.join(",", edit.apply(f)));
    Path out = dir.resolve(name);
    Files.write(out, lines);
    return out;
  }

  private static String times(String v, double k) {
    return Double.toString(Double.parseDouble(v) * k);
  }

  private Path at1e308() throws IOException {
    return btcWith("btc-1e308.csv", f -> new String[] {f[0], "1e308", "1e308", f[3], f[4], f[5]});
  }

  private Path spikeX100() throws IOException {
    return btcWith("btc-x100.csv", f -> new String[] {f[0], times(f[1], 100), times(f[2], 100), f[3], f[4], f[5]});
  }

  private Path wick1eMinus300() throws IOException {
    return btcWith("btc-wick.csv", f -> new String[] {f[0], f[1], f[2], "1e-300", f[4], f[5]});
  }

  private static List<Bar> read(Path file, ReadOptions options) {
    List<Bar> bars = new ArrayList<>();
    BarFiles.forEach(file, "BTC", options, bars::add);
    return bars;
  }

  @Test
  void aBarAt1e308IsABadRowNamingFileLineAndField() throws IOException {
    Path file = at1e308();
    BadRowException e = assertThrows(BadRowException.class, () -> read(file, ReadOptions.DEFAULT));
    assertEquals(BadRowReason.PRICE_OUT_OF_BOUNDS, e.reason());
    assertEquals(LINE, e.line());
    assertEquals("open", e.field());
    assertEquals(file + ": line " + LINE + ", field 'open': 1.0E308 is above the highest accepted price 1000000000000 (troupe.data.sanity.max-price)",
        e.getMessage());
  }

  @Test
  void aSpikeOfAHundredTimesThePreviousCloseIsABadRow() throws IOException {
    Path file = spikeX100();
    BadRowException e = assertThrows(BadRowException.class, () -> read(file, ReadOptions.DEFAULT));
    assertEquals(BadRowReason.PRICE_JUMP, e.reason());
    assertEquals(LINE, e.line());
    assertEquals("open", e.field());
    assertTrue(e.getMessage().contains("is 100 times the previous close"), e.getMessage());
    assertTrue(e.getMessage().contains("troupe.data.sanity.max-jump-factor"), e.getMessage());
  }

  @Test
  void aWickTo1eMinus300IsABadRow() throws IOException {
    Path file = wick1eMinus300();
    BadRowException e = assertThrows(BadRowException.class, () -> read(file, ReadOptions.DEFAULT));
    assertEquals(BadRowReason.PRICE_OUT_OF_BOUNDS, e.reason());
    assertEquals(LINE, e.line());
    assertEquals("low", e.field());
    assertTrue(e.getMessage().endsWith("field 'low': 1.0E-300 is below the lowest accepted price 1.0E-12 (troupe.data.sanity.min-price)"), e.getMessage());
  }

  @Test
  void aWickWithinTheBoundsButFarBelowThePreviousCloseIsAJump() throws IOException {
    Path file = btcWith("btc-deep-wick.csv", f -> new String[] {f[0], f[1], f[2], times(f[3], 0.05), f[4], f[5]});
    BadRowException e = assertThrows(BadRowException.class, () -> read(file, ReadOptions.DEFAULT));
    assertEquals(BadRowReason.PRICE_JUMP, e.reason());
    assertEquals("low", e.field());
    assertTrue(e.getMessage().contains("is the previous close"), e.getMessage());
  }

  @Test
  void skippedTheyAreCountedByReasonAndTheRowsAfterThemAreKept() throws IOException {
    for (Path file : List.of(at1e308(), spikeX100(), wick1eMinus300())) {
      List<Bar> bars = new ArrayList<>();
      ReadReport r = BarFiles.forEach(file, "BTC", ReadOptions.skipBadRows(), bars::add);
      assertEquals(98, r.rows(), file.toString()); // 99 data rows, one dropped
      assertEquals(1, r.skipped(), file.toString());
      assertEquals(1, r.skippedByReason().size(), file.toString());
      for (Bar b : bars) assertTrue(b.high() < 50_000 && b.low() > 40_000, b.toString());
    }
    assertEquals(Map.of(BadRowReason.PRICE_JUMP, 1L), BarFiles.forEach(spikeX100(), "BTC", ReadOptions.skipBadRows(), b -> {}).skippedByReason());
    assertEquals(Map.of(BadRowReason.PRICE_OUT_OF_BOUNDS, 1L), BarFiles.forEach(at1e308(), "BTC", ReadOptions.skipBadRows(), b -> {}).skippedByReason());
  }

  @Test
  void jsonFilesGoThroughTheSameStage() throws IOException {
    String text = Files.readString(RealData.file("ETH_BTC-5m.json"));
    // The second row's open and high (0.09946999, 0.0997238) multiplied by 100.
    Path file = dir.resolve("ETH_BTC-spike.json");
    Files.writeString(file, text.replaceFirst("0\\.09946999, 0\\.0997238,", "9.946999, 9.97238,"));
    BadRowException e = assertThrows(BadRowException.class, () -> read(file, ReadOptions.DEFAULT));
    assertEquals(BadRowReason.PRICE_JUMP, e.reason());
    assertEquals("open", e.field());
    assertTrue(e.getMessage().startsWith(file + ": line 1, row 2, field 'open': "), e.getMessage());
    ReadReport r = BarFiles.forEach(file, "ETH_BTC", ReadOptions.skipBadRows(), b -> {});
    assertEquals(5759, r.rows());
    assertEquals(Map.of(BadRowReason.PRICE_JUMP, 1L), r.skippedByReason());
  }

  @Test
  void nonFiniteAndAbsurdVolumesAreBadRows() throws IOException {
    Path overflow = dir.resolve("overflow.csv");
    Files.writeString(overflow, "date,open,high,low,close,volume\n2022-01-01,100,1e309,99,100,5\n");
    BadRowException e = assertThrows(BadRowException.class, () -> read(overflow, ReadOptions.DEFAULT));
    assertEquals(BadRowReason.NOT_FINITE, e.reason());
    assertEquals("high", e.field());
    Path volume = dir.resolve("volume.csv");
    Files.writeString(volume, "date,open,high,low,close,volume\n2022-01-01,100,101,99,100,1e300\n");
    e = assertThrows(BadRowException.class, () -> read(volume, ReadOptions.DEFAULT));
    assertEquals(BadRowReason.VOLUME_OUT_OF_BOUNDS, e.reason());
    assertEquals("volume", e.field());
  }

  @Test
  void theLimitsAreConfigurable() throws IOException {
    Path spike = spikeX100();
    var loose = ReadOptions.of(OnBadRow.FAIL, ConfigFactory.parseString("troupe.data.sanity.max-jump-factor = 200"));
    assertEquals(99, read(spike, loose).size());
    var off = ReadOptions.of(OnBadRow.FAIL, ConfigFactory.parseString("troupe.data.sanity.max-jump-factor = 0"));
    assertEquals(99, read(spike, off).size());
    var tight = ReadOptions.of(OnBadRow.FAIL, ConfigFactory.parseString("troupe.data.sanity.max-price = 45000"));
    BadRowException e = assertThrows(BadRowException.class, () -> read(BTC, tight));
    assertEquals(BadRowReason.PRICE_OUT_OF_BOUNDS, e.reason());
    // Absent: the defaults.
    assertEquals(PriceSanity.DEFAULT, ReadOptions.of(OnBadRow.FAIL, ConfigFactory.empty()).sanity());
  }

  @Test
  void badLimitsAreRefusedNamingTheKey() {
    for (String bad : List.of("max-jump-factor = 1", "max-jump-factor = -3", "min-price = 0", "max-price = 1e-13", "max-volume = 0",
        "max-jump-factor = lots")) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> PriceSanity.fromConfig(ConfigFactory.parseString("troupe.data.sanity." + bad)), bad);
      assertTrue(e.getMessage().contains("troupe.data.sanity"), e.getMessage());
    }
  }

  @Test
  void thePackagedConfigurationHoldsTheDefaults() {
    var conf = ConfigFactory.parseFile(new File("../config/application.conf")).resolve();
    assertEquals(PriceSanity.DEFAULT, PriceSanity.fromConfig(conf));
  }

  @Test
  void everyBundledFileReadsCleanWithTheDefaults() throws IOException {
    Path data = BTC.getParent();
    List<Path> files;
    try (Stream<Path> s = Files.list(data)) {
      files = s.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".csv") || p.toString().endsWith(".txt")).sorted().toList();
    }
    assertEquals(10, files.size(), files.toString());
    for (Path f : files) {
      ReadReport r = BarFiles.forEach(f, null, ReadOptions.DEFAULT, b -> {});
      assertEquals(0, r.skipped(), f.toString());
      assertTrue(r.rows() > 200, f.toString());
    }
  }
}
