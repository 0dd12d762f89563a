package io.troupe.regime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The detector and the confirmation over the bundled BTC perpetual 1m month (45,031 bars). */
class RegimeRealDataTest {

  static Path bundled(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("data").resolve(name);
      if (Files.isRegularFile(candidate)) return candidate;
    }
    throw new IllegalStateException("bundled data file not found: " + name);
  }

  static final Path BTC = bundled("btc-perp-20211231-20220201_1m.csv");

  /** Mean volatility index and ADX of the readings while each regime was the confirmed one. */
  record Means(double volatility, double adx, int bars) {}

  static Map<Regime, Means> run(RegimeSettings settings, RegimeTimeline timeline) {
    RegimeDetector detector = new RegimeDetector(settings);
    RegimeConfirmation confirmation = RegimeConfirmation.of(settings);
    Map<Regime, double[]> sums = new EnumMap<>(Regime.class);
    BarFiles.forEach(BTC, "BTC-PERP", ReadOptions.DEFAULT, bar -> {
      RegimeReading r = detector.update(bar);
      confirmation.offer(r);
      timeline.add(bar.time(), confirmation.current());
      if (r != null && confirmation.current() != null) {
        double[] s = sums.computeIfAbsent(confirmation.current(), k -> new double[3]);
        s[0] += r.volatilityIndex();
        s[1] += r.adx();
        s[2]++;
      }
    });
    Map<Regime, Means> out = new EnumMap<>(Regime.class);
    sums.forEach((k, s) -> out.put(k, new Means(s[0] / s[2], s[1] / s[2], (int) s[2])));
    return out;
  }

  static void print(String title, RegimeTimeline timeline, Map<Regime, Means> means) {
    System.out.println("BTC-PERP 1m, " + title + ": " + timeline.spans().size() + " spans, average "
        + String.format(Locale.ROOT, "%.1f", timeline.averageSpanBars()) + " bars");
    timeline.shares().forEach((r, s) -> {
      Means m = means.get(r);
      System.out.println(String.format(Locale.ROOT, "  %-8s share %5.1f%%  spans %5d  avg span %6.1f bars  mean vol %6.1f  mean adx %5.1f",
          r, 100 * s.timeShare(), s.spans(), s.averageSpanBars(), m == null ? Double.NaN : m.volatility(), m == null ? Double.NaN : m.adx()));
    });
  }

  @Test
  void confirmedRegimesDifferInTheStatisticsThatDefineThem() {
    RegimeTimeline timeline = new RegimeTimeline();
    Map<Regime, Means> means = run(RegimeSettings.defaults(), timeline);
    print("seed defaults", timeline, means);
    for (Regime r : Regime.values()) assertTrue(means.containsKey(r) && means.get(r).bars() > 100, r + " seen: " + means);
    assertTrue(means.get(Regime.VOLATILE).volatility() > means.get(Regime.RANGING).volatility());
    assertTrue(means.get(Regime.CRISIS).volatility() > means.get(Regime.VOLATILE).volatility());
    assertTrue(means.get(Regime.TRENDING).adx() > means.get(Regime.RANGING).adx());
    double shareSum = timeline.shares().values().stream().mapToDouble(RegimeTimeline.RegimeShare::timeShare).sum();
    assertEquals(1.0, shareSum, 1e-9);
  }

  /**
   * The seed thresholds are VIX-sized; 1-minute BTC runs at a median of about 48% annualised, so most of the month
   * reads CRISIS under them. Thresholds scaled to crypto (crisis > 120, volatile > 70) still separate the regimes.
   */
  @Test
  void cryptoScaledThresholdsSeparateTheRegimesToo() {
    RegimeSettings d = RegimeSettings.defaults();
    RegimeSettings crypto = new RegimeSettings(d.lookback(), 120, 70, d.volatileMaxAdx(), d.trendingMinAdx(), d.atrSpikeRatio(),
        d.gapPct(), d.confirmWindow(), d.confirmRequired(), d.confirmConsecutive(), d.correlationWindow(), d.correlationSpike(), d.calibration());
    RegimeTimeline timeline = new RegimeTimeline();
    Map<Regime, Means> means = run(crypto, timeline);
    print("crisis > 120, volatile > 70", timeline, means);
    assertTrue(means.get(Regime.VOLATILE).volatility() > means.get(Regime.RANGING).volatility());
    assertTrue(means.get(Regime.TRENDING).adx() > means.get(Regime.RANGING).adx());
    assertTrue(timeline.shares().get(Regime.CRISIS).timeShare() < 0.5);
  }
}
