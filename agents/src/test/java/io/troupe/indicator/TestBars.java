package io.troupe.indicator;

import io.troupe.market.Bar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Tiny private CSV readers for the shared reference data (tests must not depend on the market-data readers). */
final class TestBars {
  static final Path TALIB = Path.of("/work/shared/data/reference/talib/ta_regtest_daily_ref_0.csv");
  static final Path BTC = Path.of("/work/shared/data/nautilus-testdata/btc-perp-20211231-20220201_1m.csv");
  private static final DateTimeFormatter NAUTILUS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
  private static List<Bar> talib;
  private static List<Bar> btc;

  private TestBars() {}

  /** TA-Lib's 252-bar regression input ({@code Index,Open,High,Low,Close,Volume}), one day apart. */
  static synchronized List<Bar> talib() {
    if (talib == null) {
      List<Bar> bars = new ArrayList<>();
      for (String line : lines(TALIB)) {
        String[] f = line.split(",");
        long time = Long.parseLong(f[0].trim()) * 86_400_000L;
        bars.add(new Bar("REF", time, d(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5])));
      }
      talib = List.copyOf(bars);
    }
    return talib;
  }

  /** BTC perpetual 1-minute bars ({@code timestamp,open,high,low,close,volume}). */
  static synchronized List<Bar> btc() {
    if (btc == null) {
      List<Bar> bars = new ArrayList<>();
      for (String line : lines(BTC)) {
        String[] f = line.split(",");
        long time = LocalDateTime.parse(f[0].trim(), NAUTILUS).toInstant(ZoneOffset.UTC).toEpochMilli();
        bars.add(new Bar("BTC-PERP", time, d(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5])));
      }
      btc = List.copyOf(bars);
    }
    return btc;
  }

  private static List<String> lines(Path file) {
    try {
      List<String> all = Files.readAllLines(file);
      return all.subList(1, all.size()).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double d(String s) {
    return Double.parseDouble(s.trim());
  }

  /** Runs the indicator over the bars and returns line {@code line} per bar (NaN where undefined). */
  static double[] run(Indicator indicator, List<Bar> bars, int line) {
    double[] out = new double[bars.size()];
    for (int i = 0; i < bars.size(); i++) {
      indicator.update(bars.get(i));
      out[i] = indicator.value(line);
    }
    return out;
  }

  /** Runs the indicator and returns all lines: result[line][bar]. */
  static double[][] runAll(Indicator indicator, List<Bar> bars) {
    double[][] out = new double[indicator.lines()][bars.size()];
    for (int i = 0; i < bars.size(); i++) {
      indicator.update(bars.get(i));
      for (int l = 0; l < indicator.lines(); l++) {
        out[l][i] = indicator.value(l);
      }
    }
    return out;
  }
}
